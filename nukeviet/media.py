"""The old site's uploads/ folder: finding the file an old address points at, and bringing
photos across through the portal's own pipeline (images/renditions.py: checked, re-encoded,
random names, renditions) once each, however many articles show them."""

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage

from images.errors import PhotoNotStored
from images.renditions import remove_image, store_editor_image

from .models import ImportedFile

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
FILE_EXTENSIONS = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".zip"}
EXTERNAL = "external"


class Uploads:
    def __init__(self, root: Path | None, *, domains=(), dry_run: bool = False, report=None):
        self.root = Path(root).resolve() if root else None
        self.domains = {self._host(d) for d in domains if d}
        self.dry_run = dry_run
        self.report = report
        self.stored_in_batch: list[str] = []  # removed again if the batch's transaction fails

    @staticmethod
    def _host(value: str) -> str:
        value = value.strip().lower()
        host = urlsplit(value if "//" in value else f"//{value}").hostname or ""
        return host.removeprefix("www.")

    def relative(self, address: str, module: str = "") -> str | None:
        """The path under uploads/ an old address points at; EXTERNAL for another site's; None
        for what is not a file of the old site (an anchor, mailto:, a page link)."""
        address = (address or "").strip()
        if not address or address.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
            return None
        parts = urlsplit(address)
        if (parts.scheme or address.startswith("//")) and (
            parts.scheme not in ("http", "https", "") or self._host(parts.netloc) not in self.domains
        ):
            return EXTERNAL
        path = unquote(parts.path).replace("\\", "/")
        if "uploads/" in path:
            path = path[path.index("uploads/") + len("uploads/") :]
        elif address.startswith("/") or parts.scheme:
            return None  # a page of the old site, not a file
        elif module:
            path = f"{module}/{path}"  # homeimgfile and the laws' files are relative to uploads/<module>/
        path = posixpath.normpath(path.lstrip("/"))
        if path.startswith("..") or path in ("", "."):
            return None
        return path

    def local_link(self, address: str) -> str | None:
        """A link to another page of the old site by its full address (http://old-domain/news/...):
        made relative, so that it reaches the portal's 301 once the domain points at it."""
        parts = urlsplit(address.strip())
        if parts.scheme in ("http", "https") and self._host(parts.netloc) in self.domains:
            return (
                parts.path
                + (f"?{parts.query}" if parts.query else "")
                + (f"#{parts.fragment}" if parts.fragment else "")
            )
        return None

    def file(self, relative: str) -> Path | None:
        if self.root is None:
            return None
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        return path

    def image_url(self, relative: str, where: str) -> str | None:
        """The new address of an old photo, stored once through the pipeline; None (reported) when missing or bad."""
        stored = self.image_name(relative, where)
        return default_storage.url(stored) if stored else None

    def image_name(self, relative: str, where: str) -> str | None:
        path = self.file(relative)
        if path is None:
            self.report.missing_file(where, relative)
            return None
        size = path.stat().st_size
        known = ImportedFile.objects.filter(source=relative).first()
        if known and known.size == size and default_storage.exists(known.stored):
            return known.stored
        if self.dry_run:
            return f"uploads/thu/{posixpath.basename(relative)}"
        try:
            with path.open("rb") as handle:
                url = store_editor_image(File(handle, name=path.name))
        except (ValidationError, PhotoNotStored) as error:
            reason = "; ".join(error.messages) if isinstance(error, ValidationError) else error.message
            self.report.bad_file(where, relative, str(reason))
            return None
        stored = url.removeprefix(default_storage.base_url)
        self.stored_in_batch.append(stored)
        ImportedFile.objects.update_or_create(source=relative, defaults={"stored": stored, "size": size})
        return stored

    def forget_batch(self) -> None:
        """After a batch's transaction rolled back: its new photos are on no row, remove them."""
        for name in self.stored_in_batch:
            remove_image(default_storage, name)
        self.stored_in_batch.clear()

    def open(self, relative: str, where: str):
        """An old file as a django File to hand to a FileField (the caller closes it), or None (reported)."""
        path = self.file(relative)
        if path is None:
            self.report.missing_file(where, relative)
            return None
        return File(path.open("rb"), name=path.name)
