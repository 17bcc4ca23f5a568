from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat


class Command(BaseCommand):
    """Copy the uploads of a one-machine install (MEDIA_ROOT) into the storage STORAGE_URL
    names, under the same names, so that every stored row, body <img> and rendition keeps
    working. Safe to run again (after an interruption, or once more on the switch day for
    what editors uploaded meanwhile): a file already there with the same size is skipped.
    Nothing is removed from MEDIA_ROOT: that waits until the site is checked."""

    help = "Chép ảnh và tệp đã tải lên (MEDIA_ROOT) sang kho lưu trữ đối tượng (STORAGE_URL); chạy lại an toàn."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", help="thư mục nguồn (mặc định MEDIA_ROOT)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ đếm, không chép gì")

    def handle(self, *args, source=None, dry_run=False, **options):
        source = Path(source or settings.MEDIA_ROOT)
        if not source.is_dir():
            raise CommandError(f"Không có thư mục {source}.")
        storage = default_storage
        if isinstance(storage, FileSystemStorage) and Path(storage.location).resolve() == source.resolve():
            raise CommandError("Ảnh và tệp đã ở sẵn trong thư mục này: hãy đặt STORAGE_URL=s3://... trước.")
        stored = _stored_sizes(storage)
        copied = skipped = failed = size = 0
        for path in _files(source):
            name = path.relative_to(source).as_posix()
            length = path.stat().st_size
            there = _size_of(storage, stored, name)
            if there == length:
                skipped += 1
                continue
            if not dry_run:
                try:
                    _copy(storage, path, name, replace=there is not None)
                except Exception as error:  # one file's failure (the network) must not stop the others
                    failed += 1
                    self.stderr.write(f"Không chép được {name}: {type(error).__name__}: {error}")
                    continue
            copied += 1
            size += length
        verb = "Sẽ chép" if dry_run else "Đã chép"
        summary = f"{verb} {copied} tệp ({filesizeformat(size)}), bỏ qua {skipped} tệp đã có, {failed} tệp lỗi."
        if failed:
            raise CommandError(summary + " Chạy lại lệnh để chép nốt.")
        self.stdout.write(self.style.SUCCESS(summary))


def _files(folder: Path):
    """Every file under `folder`, without the hidden ones (an interrupted write's ".<name>.part")."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            yield path


def _stored_sizes(storage) -> dict[str, int] | None:
    """{name: size} of everything in an object storage, in one listing (a request per 1,000
    names, not one per file); None for another kind of storage, asked file by file."""
    bucket = getattr(storage, "bucket", None)
    if bucket is None:
        return None
    prefix = storage.location.strip("/") + "/" if storage.location else ""
    return {obj.key[len(prefix) :]: obj.size for obj in bucket.objects.filter(Prefix=prefix)}


def _size_of(storage, stored: dict | None, name: str) -> int | None:
    if stored is not None:
        return stored.get(name)
    return storage.size(name) if storage.exists(name) else None


def _copy(storage, path: Path, name: str, *, replace: bool) -> None:
    """Store the file under exactly `name`; one of another size there (never the case for
    the random names the site gives) is replaced, not kept beside under a new name."""
    if replace:
        storage.delete(name)
    with path.open("rb") as handle:
        saved = storage.save(name, File(handle, name=path.name))
    if saved != name:
        storage.delete(saved)
        raise OSError(f"stored as {saved}")
