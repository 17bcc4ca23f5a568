"""Storing checked photos, re-encoded, with their renditions.

Every image that reaches the site (the editor's body images, lead photos and site
banners) is checked and cleaned by checks.prepared(), re-encoded and stored under
a dated folder with a random name.

Next to it, once, when it is stored, go its renditions: narrower copies for
phones and WebP copies for the browsers that take them. Their names follow from
the original's name and width, so a page computes them without touching the disk:

    articles/2026/11/<uuid>.jpg          the original, re-encoded, at most 2000 px wide
    articles/2026/11/<uuid>.webp         the same size in WebP
    articles/2026/11/<uuid>-480w.webp    480 px wide, and <uuid>-480w.jpg
    …-800w.…, …-1200w.…                  the widths of RENDITION_WIDTHS below the original's

With a task queue (core/tasks.py) an upload stores its original alone and a worker writes
the renditions a moment later (make_missing_renditions); until then pages offer the original
(deferred.py). A photo with transparency is stored as PNG and its narrower copies too. No name is
ever reused, so nginx lets browsers keep these files forever (deploy/nginx.conf).

The costly part (decoding, cleaning, encoding) runs in one of the machine's image
job slots (jobs.py); the files are written after it. A photo is stored whole or
not at all: when one of its files cannot be written, the others are removed, and
the storage (storage.AtomicFileSystemStorage) never shows a half-written file.
"""

import io
import logging
import posixpath
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from PIL import Image

import pagecache
from core import tasks
from core.sites import site_folder

from . import deferred
from .checks import has_transparency, prepared
from .errors import StorageFailed
from .jobs import image_job

logger = logging.getLogger(__name__)

# Narrower copies made of every stored image (only those narrower than it).
RENDITION_WIDTHS = (480, 800, 1200)
JPEG_QUALITY = 85
WEBP_QUALITY = 80
# The format of an original and of its narrower copies, by the original's extension.
FALLBACK_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def _fallback_format(image: Image.Image) -> str:
    """What browsers without WebP get: JPEG, or PNG for a picture with transparency."""
    return "PNG" if image.mode == "RGBA" else "JPEG"


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        # Progressive JPEG at quality 85: sharp on phones, small on a slow line.
        image.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=WEBP_QUALITY, method=4)  # keeps transparency
    return out.getvalue()


def random_name(folder: str, ext: str) -> str:
    return f"{folder}/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{ext}"


# --- renditions ---------------------------------------------------------------


def rendition_widths(width: int | None) -> list[int]:
    """The narrower copies an image `width` pixels wide has: RENDITION_WIDTHS below its width."""
    return [w for w in RENDITION_WIDTHS if width and w < width]


def has_renditions(name: str) -> bool:
    """Whether an image stored under `name` gets renditions: the JPEG and PNG stored by this module."""
    return posixpath.splitext(name)[1].lower() in FALLBACK_FORMATS


def rendition_name(name: str, width: int | None = None, ext: str | None = None) -> str:
    """articles/2026/11/abc.jpg -> abc.webp (ext="webp"), abc-480w.webp (480, "webp"), abc-480w.jpg (480)."""
    base, original_ext = posixpath.splitext(name)
    suffix = f"-{width}w" if width else ""
    return f"{base}{suffix}.{ext}" if ext else f"{base}{suffix}{original_ext}"


def _rendition_data(image: Image.Image, fallback: str, wanted=lambda width, ext: True):
    """(width or None, extension or None, bytes) of each rendition of `image` that is
    wanted(width, ext), as rendition_name() takes them; narrower copies in WebP and in
    `fallback` format."""
    if wanted(None, "webp"):
        yield None, "webp", _encode(image, "WEBP")
    for width in rendition_widths(image.width):
        if not (wanted(width, "webp") or wanted(width, None)):
            continue
        height = max(1, round(image.height * width / image.width))
        narrower = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)
        for ext, fmt in (("webp", "WEBP"), (None, fallback)):
            if wanted(width, ext):
                yield width, ext, _encode(narrower, fmt)


def _store_renditions(storage, name: str, image: Image.Image) -> None:
    """Write the renditions of `image` next to `name`; on a failure, leave none behind."""
    fallback = FALLBACK_FORMATS[posixpath.splitext(name)[1].lower()]
    written = []
    try:
        for width, ext, data in _rendition_data(image, fallback):
            rendition = rendition_name(name, width, ext)
            if storage.exists(rendition):  # only when remade: the name must stay the same
                storage.delete(rendition)
            written.append(storage.save(rendition, ContentFile(data)))
    except Exception:
        for rendition in written:
            storage.delete(rendition)
        raise


# --- storing an upload ----------------------------------------------------------


@dataclass
class Encoded:
    """A photo ready to be written: its stored copy and its renditions, encoded."""

    extension: str
    original: bytes
    renditions: list[tuple[int | None, str | None, bytes]]


def encode_upload(upload, renditions: bool = True) -> Encoded:
    """Check, decode, clean and encode `upload` and (unless renditions=False) its renditions
    in one of the machine's image job slots (ServerBusy if none frees up). The files are
    written after, outside the slot: a slow disk does not keep the next photo waiting."""
    with image_job():
        image = prepared(upload)
        fmt = _fallback_format(image)
        return Encoded(EXTENSIONS[fmt], _encode(image, fmt), list(_rendition_data(image, fmt)) if renditions else [])


def _renditions_now() -> bool:
    """With a task queue, an upload stores its checked original and a worker makes the
    renditions (seven encodings, most of the work after decoding): the editor's request
    ends sooner and holds its image job slot for less. Without one, they come with it."""
    return tasks.synchronous()


def _renditions_later(name: str) -> None:
    """Mark the photo as waiting (pages offer its original alone) and queue its renditions
    once the row naming it is committed (a rolled-back form queues nothing)."""
    deferred.mark(name)
    transaction.on_commit(lambda: tasks.enqueue(make_missing_renditions, name))


def store_files(storage, name: str, encoded: Encoded, save_original) -> str:
    """Write `encoded` under `name`: the original through save_original(data), which returns
    its stored name, then its renditions. On any failure (a full disk, the storage service),
    remove every file of the photo and raise StorageFailed. Every name here comes from a
    new random one: removing a name that was being written removes nothing of another photo."""
    attempted = [name]
    try:
        name = attempted[0] = save_original(encoded.original)
        for width, ext, data in encoded.renditions:
            attempted.append(rendition_name(name, width, ext))
            storage.save(attempted[-1], ContentFile(data))
    except Exception as error:
        logger.error("A photo could not be stored (%s: %s); its files were removed.", type(error).__name__, error)
        _remove(storage, attempted)
        raise StorageFailed(error) from error
    return name


def _remove(storage, names: list[str]) -> None:
    for name in names:
        try:
            storage.delete(name)
        except Exception:  # the storage is failing already: say so, keep the first error
            logger.exception("Could not remove %s after a failed upload.", name)


def store_image(field_file) -> None:
    """For model save() and the admin's forms: store an uncommitted upload of an ImageField
    as its checked, re-encoded copy (random name, the field's upload_to and width/height
    fields), and its renditions. The caller saves the row. Raises ValidationError for a
    bad photo, ServerBusy or StorageFailed; nothing is left on the disk then."""
    now = _renditions_now()
    store_encoded(field_file, encode_upload(field_file, renditions=now))
    if not now:
        _renditions_later(field_file.name)


def store_encoded(field_file, encoded: Encoded) -> None:
    """Store a photo encoded already (a kept upload, images/pending.py) as store_image() does."""
    basename = f"{uuid.uuid4().hex}.{encoded.extension}"

    def save_original(data: bytes) -> str:
        # A named ContentFile: ImageField reads the width and height fields from it.
        field_file.save(basename, ContentFile(data, name=basename), save=False)
        return field_file.name

    name = field_file.field.generate_filename(field_file.instance, basename)
    store_files(field_file.storage, name, encoded, save_original)


def remove_image(storage, name: str) -> None:
    """Remove an image stored by this module and every rendition it may have."""
    names = [name]
    if has_renditions(name):
        names.append(rendition_name(name, ext="webp"))
        for width in RENDITION_WIDTHS:
            names += [rendition_name(name, width, "webp"), rendition_name(name, width)]
    _remove(storage, names)


def store_editor_image(upload) -> str:
    """Check, re-encode and store a body image and its renditions; return its public URL.
    Raises ValidationError for a bad photo, ServerBusy or StorageFailed."""
    now = _renditions_now()
    encoded = encode_upload(upload, renditions=now)
    wanted = random_name(site_folder("uploads"), encoded.extension)
    stored = store_files(default_storage, wanted, encoded, lambda data: default_storage.save(wanted, ContentFile(data)))
    if not now:
        _renditions_later(stored)
    return default_storage.url(stored)


def make_renditions(name: str, storage=None) -> None:
    """(Re)make the renditions of an image already stored under `name`, e.g. one stored
    before renditions existed. Its stored copy is already checked and re-encoded."""
    storage = storage or default_storage
    if not has_renditions(name):
        return
    with image_job():  # the uploads' limit holds for the command too
        _store_renditions(storage, name, _open_stored(storage, name))


def _open_stored(storage, name: str) -> Image.Image:
    with storage.open(name) as file:
        image = Image.open(file)
        image.load()
    image = image.convert("RGBA" if has_transparency(image) else "RGB")
    image.info = {}
    return image


def make_missing_renditions(name: str) -> None:
    """The task (core/tasks.py) that makes the renditions of a photo an upload stored without
    them (_renditions_later), then lets pages offer them. Safe to run again: what an earlier
    try wrote stays, only what is missing is made; a photo removed meanwhile is nothing to do.
    A busy machine (ServerBusy) or a failing storage raises, and the queue tries again."""
    storage = default_storage
    if has_renditions(name) and storage.exists(name):
        fallback = FALLBACK_FORMATS[posixpath.splitext(name)[1].lower()]

        def missing(width, ext):
            return not storage.exists(rendition_name(name, width, ext))

        with image_job():
            data = list(_rendition_data(_open_stored(storage, name), fallback, missing))
        for width, ext, content in data:
            storage.save(rendition_name(name, width, ext), ContentFile(content))
    deferred.done(name)
    # Pages made while the photo waited offer its original alone and are in the page cache:
    # made again, they offer its smaller copies (a few uploads a day; pages are cheap to make).
    pagecache.invalidate_all()


def picture_candidates(name: str, width: int | None, storage=None) -> dict:
    """The URLs a <picture> of the image stored under `name`, `width` pixels wide, offers,
    computed from the name and the width alone (no disk access on a reader's request):
    {"src": url, "webp": [(url, w), …], "fallback": [(url, w), …]}, narrowest first, the
    original last. "webp" and "fallback" are empty for an image without renditions."""
    storage = storage or default_storage
    src = storage.url(name)
    if not width or not has_renditions(name):
        return {"src": src, "webp": [], "fallback": []}
    widths = rendition_widths(width)
    webp = [(storage.url(rendition_name(name, w, "webp")), w) for w in widths]
    webp.append((storage.url(rendition_name(name, ext="webp")), width))
    fallback = [(storage.url(rendition_name(name, w)), w) for w in widths]
    fallback.append((src, width))
    return {"src": src, "webp": webp, "fallback": fallback}
