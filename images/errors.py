"""Why a sound photo was not stored: the server is busy or its storage failed.

Neither is the editor's fault, so neither is a ValidationError of the photo: the
editor's upload view answers CKEditor its JSON error with the status below, and
the admin's forms show the message on the photo field. In every case nothing of
the photo is left on the disk.
"""

import errno

from django.utils.translation import gettext_lazy as _

BUSY_RETRY_AFTER = 30  # seconds: what a busy answer asks the client to wait


class PhotoNotStored(Exception):
    status = 503

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class ServerBusy(PhotoNotStored):
    """Every image job slot stayed taken for IMAGE_JOB_WAIT seconds."""

    def __init__(self):
        super().__init__(_("Máy chủ đang bận xử lý ảnh, vui lòng thử lại sau ít phút."))


class StorageFailed(PhotoNotStored):
    """Writing a file of the photo failed (disk full, permissions, the storage service)."""

    def __init__(self, cause: BaseException):
        if isinstance(cause, OSError) and cause.errno in (errno.ENOSPC, errno.EDQUOT):
            self.status = 507  # Insufficient Storage
            message = _("Không lưu được ảnh: ổ đĩa của máy chủ đã đầy. Hãy báo quản trị hệ thống rồi thử lại.")
        else:
            message = _("Không lưu được ảnh do lỗi lưu trữ trên máy chủ. Hãy thử lại sau ít phút.")
        super().__init__(message)
