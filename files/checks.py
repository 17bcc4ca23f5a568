"""What a document or attachment file is, decided by its content, never by its name.

A script renamed "nghi-quyet.pdf" does not start like a PDF and is refused; a Word
file called "bao-cao.zip" is stored as the Word file it is. Archives (the Office and
OpenDocument formats are ZIP files too) are opened and refused when they would
unpack to more than is sensible (a "ZIP bomb").
"""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat


@dataclass(frozen=True)
class Kind:
    ext: str
    label: str  # what readers see beside the file ("PDF", "Word"...)
    content_type: str


KINDS = {
    kind.ext: kind
    for kind in (
        Kind("pdf", "PDF", "application/pdf"),
        Kind("doc", "Word", "application/msword"),
        Kind("docx", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        Kind("xls", "Excel", "application/vnd.ms-excel"),
        Kind("xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        Kind("ppt", "PowerPoint", "application/vnd.ms-powerpoint"),
        Kind("pptx", "PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        Kind("odt", "OpenDocument", "application/vnd.oasis.opendocument.text"),
        Kind("ods", "OpenDocument", "application/vnd.oasis.opendocument.spreadsheet"),
        Kind("odp", "OpenDocument", "application/vnd.oasis.opendocument.presentation"),
        Kind("zip", "ZIP", "application/zip"),
    )
}
ACCEPTED = "PDF, Word (doc, docx), Excel (xls, xlsx), PowerPoint (ppt, pptx), OpenDocument (odt, ods, odp) hoặc ZIP"
NOT_A_DOCUMENT = f"Tệp này không phải {ACCEPTED} (kiểm tra theo nội dung tệp, không theo tên)."

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old Office formats: .doc, .xls, .ppt
OLE2_EXTS = ("doc", "xls", "ppt")
OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
OOXML_PARTS = (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx"))
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_MEMBERS = 20_000


def max_bytes() -> int:
    return settings.DOCUMENT_UPLOAD_MAX_BYTES


def check_file(upload) -> Kind:
    """The kind of an uploaded file, or a ValidationError in Vietnamese; reads the content."""
    if upload.size > max_bytes():
        raise ValidationError(
            f"Tệp nặng {filesizeformat(upload.size)}, quá giới hạn {filesizeformat(max_bytes())}.", code="too_large"
        )
    if upload.size == 0:
        raise ValidationError("Tệp rỗng (0 byte).", code="empty")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return KINDS["pdf"]
        if head == OLE2:
            return KINDS[_ole2_kind(upload.name)]
        if head.startswith(b"PK\x03\x04"):
            return KINDS[_zip_kind(upload)]
    finally:
        upload.seek(0)
    raise ValidationError(NOT_A_DOCUMENT, code="not_a_document")


def _ole2_kind(name: str) -> str:
    """.doc, .xls and .ppt share one container; which one it is, the name may say."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return ext if ext in OLE2_EXTS else "doc"


def _zip_kind(upload) -> str:
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise ValidationError("Tệp nén bung ra quá lớn; hãy nén lại hoặc chia nhỏ.", code="zip_bomb")
            names = {m.filename for m in members}
            if "mimetype" in names:
                kind = OPENDOCUMENT.get(archive.read("mimetype").strip())
                if kind:
                    return kind
            if "[Content_Types].xml" in names:
                for prefix, kind in OOXML_PARTS:
                    if any(name.startswith(prefix) for name in names):
                        return kind
            return "zip"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise ValidationError("Tệp nén bị hỏng, không mở được.", code="bad_zip") from error


def validate_document_file(field_file) -> None:
    """Field validator: only new uploads are checked (a stored file was checked when it came)."""
    upload = getattr(field_file, "file", None)
    if upload is not None and not getattr(field_file, "_committed", True):
        check_file(upload)
