"""The old site's uploads/ folder: finding the file an old address points at, and bringing
photos across through the portal's own pipeline (images/renditions.py: checked, re-encoded,
random names, renditions) once each, however many articles show them."""

import hashlib
import io
import posixpath
import urllib.error
import urllib.request
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
FETCH_TIMEOUT = 10  # seconds to wait for another site's photo
FETCH_MAX_BYTES = 25 * 1024 * 1024


class Uploads:
    def __init__(self, root: Path | None, *, domains=(), dry_run: bool = False, report=None, fetch: bool = True):
        self.root = Path(root).resolve() if root else None
        self.domains = {self._host(d) for d in domains if d}
        self.dry_run = dry_run
        self.report = report
        self.fetch = fetch  # bring photos hotlinked from other sites (--no-fetch: only report them)
        self.unreachable: dict[str, str] = {}  # host -> why: one failure, no more tries this run
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
        elif path.lstrip("/").startswith("assets/"):  # NukeViet's thumbnails: assets/<module>/<path>
            path = path.lstrip("/")[len("assets/") :]
        elif address.startswith("/") or parts.scheme:
            return None  # a page of the old site, not a file
        elif module:
            path = f"{module}/{path}"  # homeimgfile and the laws' files are relative to uploads/<module>/
        else:
            return None  # a body's relative link (index.php?..., bai-viet.html): a page, not a file
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

    def external_image(self, url: str, item) -> str | None:
        """Another site's photo an old body shows (which the Content-Security-Policy would block):
        fetched once and stored through the pipeline like an old upload, its new name; None
        (reported with its article) when it cannot be fetched or is no photo."""
        known = ImportedFile.objects.filter(source=url[:500]).first()
        if known and default_storage.exists(known.stored):
            return known.stored
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        reason = self.unreachable.get(host) if self.fetch else "không tải ảnh của trang khác (--no-fetch)"
        if parts.scheme not in ("http", "https"):
            reason = "không phải địa chỉ web"
        data = None
        if reason is None:
            data, reason = self._download(url)
            if data is None and reason.startswith("không kết nối"):
                self.unreachable[host] = reason
        if data is None:
            self.report.doubt(item, f"ảnh lấy từ trang khác {url}: {reason}; để thành liên kết tới ảnh gốc")
            return None
        if self.dry_run:
            return f"uploads/thu/{hashlib.sha256(url.encode()).hexdigest()[:16]}.jpg"
        name = posixpath.basename(urlsplit(url).path) or "anh.jpg"
        try:
            stored_url = store_editor_image(File(io.BytesIO(data), name=name))
        except (ValidationError, PhotoNotStored) as error:
            reason = "; ".join(error.messages) if isinstance(error, ValidationError) else error.message
            self.report.doubt(item, f"ảnh lấy từ trang khác {url} không nhận được: {reason}")
            return None
        stored = stored_url.removeprefix(default_storage.base_url)
        self.stored_in_batch.append(stored)
        ImportedFile.objects.update_or_create(source=url[:500], defaults={"stored": stored, "size": len(data)})
        return stored

    @staticmethod
    def _download(url: str) -> tuple[bytes | None, str]:
        # http(s) only: the caller checked the scheme.
        request = urllib.request.Request(url, headers={"User-Agent": "huyenuy-import/1 (chuyen du lieu NukeViet)"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
                data = response.read(FETCH_MAX_BYTES + 1)
        except urllib.error.HTTPError as error:
            return None, f"trang đó trả lời {error.code}"
        except (urllib.error.URLError, OSError, ValueError) as error:
            return None, f"không kết nối được ({getattr(error, 'reason', error)})"
        if len(data) > FETCH_MAX_BYTES:
            return None, "tệp quá lớn"
        return data, ""

    def remember(self, relative: str, stored: str, size: int, url: str) -> None:
        """An old upload made an attachment or a document's file: /uploads/<relative> leads to `url`."""
        if not self.dry_run:
            ImportedFile.objects.update_or_create(
                source=relative, defaults={"stored": stored, "size": size, "url": url}
            )

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
