"""The worker test's e-mail backend: Django's file backend, into the folder the test names
(settings read EMAIL_FILE_PATH from no variable)."""

import os

from django.core.mail.backends import filebased


class FolderBackend(filebased.EmailBackend):
    def __init__(self, *args, **kwargs):
        kwargs["file_path"] = os.environ["TEST_MAIL_FOLDER"]
        super().__init__(*args, **kwargs)
