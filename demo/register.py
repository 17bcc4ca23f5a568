"""Loading the demo register (load_demo): idempotent, looked up by issuer and number."""

from datetime import datetime, time

from django.core.files.uploadedfile import SimpleUploadedFile

from core.text import slugify_vi
from demo.data import TZ
from demo.documents import DOCUMENTS
from demo.pdfs import make_pdf
from documents.models import Document, DocumentFile, DocumentType, Field, Issuer


def _vocabulary(model, name):
    return model.objects.get_or_create(slug=slugify_vi(name, 160), defaults={"name": name})[0]


def load_documents() -> int:
    created = 0
    by_number = {}
    for number, kind, issuer, field, summary, issued, effective, expires, signer, position, replaces in DOCUMENTS:
        issuer_row = _vocabulary(Issuer, issuer)
        document = Document.objects.filter(issuer=issuer_row, number=number).first()
        if document is None:
            document = Document.objects.create(
                number=number,
                doc_type=_vocabulary(DocumentType, kind),
                issuer=issuer_row,
                field=_vocabulary(Field, field),
                summary=summary,
                issued_on=issued,
                effective_on=effective,
                expires_on=expires,
                signer=signer,
                signer_position=position,
                status=Document.Status.PUBLISHED,
                published_at=datetime.combine(issued, time(9, 0), tzinfo=TZ),
            )
            text = [f"{kind} so {number}", summary, f"{issuer}, ngay {issued:%d/%m/%Y}", f"{position}: {signer}"]
            upload = SimpleUploadedFile(f"{kind} {number.replace('/', '-')}.pdf", make_pdf(text))
            DocumentFile.objects.create(document=document, file=upload)
            document.refresh_search_text()
            created += 1
        by_number[number] = document
        if replaces and replaces in by_number and by_number[replaces].replaced_by_id != document.pk:
            by_number[replaces].replaced_by = document
            by_number[replaces].save()
    return created
