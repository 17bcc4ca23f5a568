"""The worker test's e-mail backend: Django's file backend, into the folder the test names
(settings read EMAIL_FILE_PATH from no variable). A message file appears whole: it is written
under a hidden name and renamed when the backend closes it, so the test never reads it half written."""

import os
import uuid

from django.core.mail.backends import filebased


class FolderBackend(filebased.EmailBackend):
    def __init__(self, *args, **kwargs):
        kwargs["file_path"] = os.environ["TEST_MAIL_FOLDER"]
        super().__init__(*args, **kwargs)

    def _get_filename(self):
        if self._fname is None:
            self._fname = os.path.join(self.file_path, f".{uuid.uuid4().hex}.eml")
        return self._fname

    def close(self):
        written, was_open = self._fname, self.stream is not None
        super().close()
        if was_open and written:
            folder, hidden = os.path.split(written)
            os.rename(written, os.path.join(folder, hidden.removeprefix(".")))
            self._fname = None
