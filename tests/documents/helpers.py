import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.text import slugify_vi
from demo.pdfs import make_pdf
from documents.models import Document, DocumentFile, DocumentType, Issuer


def pdf_upload(name="Nghị quyết 15-NQ-HU.pdf", lines=("Nghi quyet so 15-NQ/HU",)):
    return SimpleUploadedFile(name, make_pdf(list(lines)), content_type="application/pdf")


def office_zip(parts: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_bytes() -> bytes:
    return office_zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


def vocabulary(model, name):
    return model.objects.get_or_create(slug=slugify_vi(name), defaults={"name": name})[0]


def make_document(number="15-NQ/HU", *, files=(), **overrides) -> Document:
    defaults = {
        # get_or_create: a transactional test has flushed the migration's lists
        "doc_type": vocabulary(DocumentType, "Nghị quyết"),
        "issuer": vocabulary(Issuer, "Huyện ủy Gò Công Tây"),
        "summary": "Về chuyển đổi số trong hệ thống chính trị huyện Gò Công Tây giai đoạn 2025 - 2030",
        "issued_on": datetime.date(2025, 3, 12),
        "status": Document.Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(hours=1),
        "signer": "Nguyễn Văn A",
        "signer_position": "Bí thư Huyện ủy",
    }
    defaults.update(overrides)
    document = Document.objects.create(number=number, **defaults)
    for upload in files:
        DocumentFile.objects.create(document=document, file=upload)
    if files:
        document.refresh_search_text()
    return document
