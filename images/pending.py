"""A photo chosen in a form that another field sent back: kept for the next submit.

A browser cannot refill a file input: after "Tiêu đề: trường này là bắt buộc" the
editor's lead photo would be silently gone. The form (forms.PhotoModelForm) instead
checks and stores the photo at once, re-encoded with its renditions like any photo,
under pending/, and hands the page a signed token naming it. The next valid submit
copies it to where the field keeps its photos and removes the pending copy. A token
is good for MAX_AGE; copies older than that are removed whenever another photo is
kept (remove_expired), so nothing is left for an operator to clean.
"""

import io
import logging
import posixpath
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from .renditions import (
    Encoded,
    encode_upload,
    make_renditions,
    random_name,
    remove_image,
    rendition_name,
    rendition_widths,
    store_encoded,
    store_files,
)

logger = logging.getLogger(__name__)

FOLDER = "pending"
MAX_AGE = timedelta(hours=24)  # an editor who comes back the next day chooses the photo again
THUMBNAIL_WIDTH = 480  # the rendition shown beside the file input


class PendingGone(Exception):
    """The token is forged, expired, or its photo was removed meanwhile."""


@dataclass(frozen=True)
class Pending:
    name: str  # stored name, under pending/
    filename: str  # the editor's own name for the file, to show it back
    width: int
    token: str

    def thumbnail_url(self, storage) -> str:
        small = THUMBNAIL_WIDTH in rendition_widths(self.width)
        return storage.url(rendition_name(self.name, THUMBNAIL_WIDTH) if small else self.name)


def _signer(purpose: str) -> signing.TimestampSigner:
    # The purpose (model and field) is part of the salt: a token for a person's portrait
    # does not fill an article's lead photo.
    return signing.TimestampSigner(salt=f"images.pending:{purpose}")


def keep(upload, storage, purpose: str) -> Pending:
    """Check, re-encode and store `upload` (an UploadedFile) under pending/; return it with
    its token. Raises ValidationError for a bad photo, ServerBusy or StorageFailed."""
    encoded = encode_upload(upload)
    with Image.open(io.BytesIO(encoded.original)) as image:  # reads the header only
        width = image.width
    return _keep_encoded(storage, encoded, width, upload.name, purpose)


def keep_stored(storage, name: str, width: int, filename: str, purpose: str) -> Pending:
    """Move a photo the form stored already (the row was then not saved: an inline was
    refused) under pending/. StorageFailed if it cannot be written; PendingGone if it is gone."""
    kept = _keep_encoded(storage, _read_photo(storage, name, width), width, filename, purpose)
    remove_image(storage, name)
    return kept


def _keep_encoded(storage, encoded: Encoded, width: int, filename: str, purpose: str) -> Pending:
    wanted = random_name(FOLDER, encoded.extension)
    name = store_files(storage, wanted, encoded, lambda data: storage.save(wanted, ContentFile(data)))
    if len(encoded.renditions) < len(_rendition_keys(width)):  # stored while a task queue makes them
        make_renditions(name, storage)
    filename = posixpath.basename(filename or "")[:120]
    token = _signer(purpose).sign_object({"n": name, "f": filename, "w": width}, compress=True)
    remove_expired(storage)
    return Pending(name, filename, width, token)


def read(token: str, purpose: str) -> Pending:
    """The pending photo a token names; PendingGone if forged or older than MAX_AGE."""
    try:
        data = _signer(purpose).unsign_object(token, max_age=MAX_AGE)
        pending = Pending(str(data["n"]), str(data["f"]), int(data["w"]), token)
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise PendingGone from error
    if not pending.name.startswith(f"{FOLDER}/"):
        raise PendingGone
    return pending


def adopt(field_file, pending: Pending, storage) -> None:
    """Store the pending photo as `field_file`'s (its upload_to, width and height fields),
    renditions included, and remove the pending copy. PendingGone if its files are gone;
    StorageFailed if the copy cannot be written (nothing of it is left then)."""
    encoded = _read_photo(storage, pending.name, pending.width)
    store_encoded(field_file, encoded)
    if len(encoded.renditions) < len(_rendition_keys(pending.width)):  # removed by hand meanwhile
        make_renditions(field_file.name, storage)
    remove_image(storage, pending.name)


def _rendition_keys(width: int) -> list[tuple[int | None, str | None]]:
    keys = [(None, "webp")]
    for narrower in rendition_widths(width):
        keys += [(narrower, "webp"), (narrower, None)]
    return keys


def _read_photo(storage, name: str, width: int) -> Encoded:
    """A stored photo and those of its renditions that exist, ready to be stored again."""
    try:
        original = _read(storage, name)
    except FileNotFoundError as error:
        raise PendingGone from error
    renditions = []
    for narrower, ext in _rendition_keys(width):
        try:
            renditions.append((narrower, ext, _read(storage, rendition_name(name, narrower, ext))))
        except FileNotFoundError:
            continue
    return Encoded(posixpath.splitext(name)[1].lstrip("."), original, renditions)


def _read(storage, name: str) -> bytes:
    with storage.open(name) as file:
        return file.read()


def remove_expired(storage) -> None:
    """Remove the pending photos older than MAX_AGE (kept, then never saved)."""
    cutoff = timezone.now() - MAX_AGE
    try:
        for name in _files(storage, FOLDER):
            if storage.get_modified_time(name) < cutoff:
                storage.delete(name)
    except (FileNotFoundError, NotImplementedError):
        return  # no pending/ folder yet; a storage that cannot list keeps them
    except OSError:  # the photo was kept; cleaning waits for the next one
        logger.exception("Could not remove the expired pending photos.")


def _files(storage, folder: str):
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _files(storage, f"{folder}/{sub}")
