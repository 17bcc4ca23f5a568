"""What the readers' Jinja2 templates may call (gathered by core/jinja2.py):

value|ngay_thang          a date as 02/02/2022
size|dung_luong           a file size as readers read it: "1,2 MB", "350 KB"
document_json_ld(document, files)   the schema.org block of a document's page
"""

import json

from django.utils.safestring import mark_safe
from jinja2 import pass_context


def ngay_thang(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def dung_luong(size: int) -> str:
    """Vietnamese decimals use a comma."""
    if size < 1024:
        return f"{size} byte"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            text = f"{size:.1f}".replace(".", ",") if size < 10 else f"{size:.0f}"
            return f"{text.removesuffix(',0')} {unit}"
    return ""


@pass_context
def document_json_ld(context, document, files):
    request = context.get("request")
    absolute = request.build_absolute_uri if request else (lambda path: path)
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": f"{document.doc_type.name} số {document.number}",
        "legislationIdentifier": document.number,
        "legislationType": document.doc_type.name,
        "abstract": document.summary,
        "legislationDate": document.issued_on.isoformat(),
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": document.issuer.name},
        "inLanguage": "vi",
        "url": absolute(document.get_absolute_url()),
    }
    if document.effective_on:
        data["legislationDateVersion"] = document.effective_on.isoformat()
    if document.expires_on:
        data["expires"] = document.expires_on.isoformat()
    if files:
        data["encoding"] = [
            {
                "@type": "MediaObject",
                "name": f.download_name,
                "encodingFormat": f.content_type,
                "contentUrl": absolute(f.get_absolute_url()),
                "contentSize": str(f.size),
            }
            for f in files
        ]
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - JSON with < escaped


GLOBALS = {"document_json_ld": document_json_ld}
FILTERS = {"ngay_thang": ngay_thang, "dung_luong": dung_luong}
