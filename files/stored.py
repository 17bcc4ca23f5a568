"""A file a reader can download (a document's files, an article's attachments): the
abstract model each app's own file model extends."""

import uuid
from urllib.parse import quote

from django.db import models, transaction
from django.db.models.signals import post_delete
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import tasks
from core.compat import is_new_upload
from core.text import nfc, strip_accents

from .checks import KINDS, check_file, validate_document_file
from .text import pdf_text, read_later


def random_upload_to(instance, filename: str) -> str:
    """A random name with the extension of what the content is (files/checks.py), never the
    uploader's: the original name is kept in `name` and given back on download."""
    return f"{instance.UPLOAD_FOLDER}/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{instance.kind}"


class StoredFile(models.Model):
    UPLOAD_FOLDER = "files"

    file = models.FileField(
        _("tệp"),
        upload_to=random_upload_to,
        max_length=255,
        validators=[validate_document_file],
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument hoặc ZIP."),
    )
    name = models.CharField(
        _("tên tệp"),
        max_length=255,
        blank=True,
        help_text=_("Tên người đọc thấy và nhận khi tải về. Để trống: lấy tên của tệp tải lên."),
    )
    kind = models.CharField(_("loại tệp"), max_length=8, editable=False, default="")
    size = models.PositiveBigIntegerField(_("dung lượng"), editable=False, default=0)
    # The words inside a PDF, for search; empty for a scanned PDF (has_text tells which).
    text = models.TextField(editable=False, default="")
    has_text = models.BooleanField(_("có chữ tìm được"), editable=False, default=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        read_text_later = False
        if is_new_upload(self.file):
            read_text_later = self._take_upload()
        self.name = nfc(self.name).strip()
        if not self._state.adding:
            self._forget_replaced_file()
        super().save(*args, **kwargs)
        if read_text_later:
            read_later(self)

    def _take_upload(self) -> bool:
        """Check and describe the upload; whether its PDF text is left to a task worker."""
        upload = self.file.file
        kind = check_file(upload)
        self.kind = kind.ext
        self.size = upload.size
        self.name = self.name or nfc(upload.name.rsplit("/", 1)[-1])
        later = kind.ext == "pdf" and not tasks.synchronous()
        self.text = pdf_text(upload) if kind.ext == "pdf" and not later else ""
        self.has_text = bool(self.text.strip())
        return later

    def text_read(self):
        """After a task worker has read the PDF's text (files/text.py): what depends on it follows."""

    def _forget_replaced_file(self):
        old = type(self)._default_manager.filter(pk=self.pk).values_list("file", flat=True).first()
        if old and old != self.file.name:
            storage = self.file.storage
            transaction.on_commit(lambda: storage.delete(old))

    def remove_file(self):
        """After the row is gone (file_row_deleted): the file goes once the deletion commits."""
        if self.file:
            storage, name = self.file.storage, self.file.name
            transaction.on_commit(lambda: storage.delete(name))

    @property
    def kind_label(self) -> str:
        kind = KINDS.get(self.kind)
        return kind.label if kind else self.kind.upper()

    @property
    def content_type(self) -> str:
        kind = KINDS.get(self.kind)
        return kind.content_type if kind else "application/octet-stream"

    @property
    def download_name(self) -> str:
        """The name the reader's browser saves it under, with the right extension."""
        name = (self.name or f"tep.{self.kind}").replace("/", "-").replace("\\", "-")
        return name if name.lower().endswith(f".{self.kind}") else f"{name}.{self.kind}"

    def content_disposition(self, inline: bool = False) -> str:
        """RFC 6266, with filename* carrying the Vietnamese name (UTF-8) and an ASCII fallback."""
        name = self.download_name
        fallback = strip_accents(name).encode("ascii", "ignore").decode().replace('"', "").replace("\\", "") or "tep"
        return (
            f"{'inline' if inline else 'attachment'}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
        )


def file_row_deleted(sender, instance, **kwargs) -> None:
    """Any stored file's row deleted (its inline, its article or document, a script): the file too."""
    if isinstance(instance, StoredFile):
        instance.remove_file()


post_delete.connect(file_row_deleted, dispatch_uid="files-stored-file-deleted")
