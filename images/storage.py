"""A FileSystemStorage that never shows a partial file.

Django's FileSystemStorage writes straight into the final name: when the disk
fills up half-way, a truncated or empty photo stays there under a real name,
and nginx serves it. This one writes to a hidden temporary file in the same
folder (".<name>.<random>.part"), flushes it to the disk, and only then gives it
its name; on any failure the temporary file is removed. Configured in
settings.STORAGES["default"]; an object storage (S3) is atomic by itself.
"""

import contextlib
import errno
import os
import tempfile

from django.core.files.storage import FileSystemStorage

# Where a filesystem has no hard links (some network mounts), a rename is the way;
# it could replace a file made in the same instant, which random names make moot.
NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        if self.directory_permissions_mode is not None:
            os.chmod(directory, self.directory_permissions_mode)
        temporary = self._write_temporary(directory, os.path.basename(full_path), content)
        try:
            while not self._publish(temporary, full_path):
                # Taken meanwhile (FileSystemStorage does the same with O_EXCL): another name.
                name = self.get_available_name(name)
                full_path = self.path(name)
        finally:
            _remove(temporary)
        return os.path.relpath(full_path, self.location).replace("\\", "/")

    def _write_temporary(self, directory: str, basename: str, content) -> str:
        """Write `content` to a new hidden file in `directory`, on the disk; return its path."""
        fd, temporary = tempfile.mkstemp(prefix=f".{basename}.", suffix=".part", dir=directory)
        try:
            for chunk in content.chunks():
                _write_all(fd, chunk.encode() if isinstance(chunk, str) else chunk)
            os.fsync(fd)  # a crash right after the rename must not leave an empty file under the name
            # mkstemp makes 0600 files: the web server must be able to read the photo.
            os.fchmod(fd, self.file_permissions_mode if self.file_permissions_mode is not None else 0o644)
        except BaseException:
            os.close(fd)
            _remove(temporary)
            raise
        os.close(fd)
        return temporary

    def _publish(self, temporary: str, full_path: str) -> bool:
        """Give the complete file its name unless the name is taken; whether it was given."""
        # FileSystemStorage(allow_overwrite=True) keeps it in _allow_overwrite (checked on Django 5.2).
        if self._allow_overwrite:
            os.replace(temporary, full_path)
            return True
        try:
            os.link(temporary, full_path)  # a rename that never replaces another file
        except FileExistsError:
            return False
        except OSError as error:
            if error.errno not in NO_HARD_LINKS:
                raise
            if os.path.lexists(full_path):
                return False
            os.replace(temporary, full_path)
        return True


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
