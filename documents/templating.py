"""What the readers' Jinja2 templates may call (gathered by core/jinja2.py):

document_json_ld(document, files)   the schema.org block of a document's page
latest_documents()                  "Văn bản mới" of the home's side column: [{url, number, summary, issued_on}]

Templates test `latest_documents is defined`, so they render without this app installed.
"""

import json

from django.utils.safestring import mark_safe
from jinja2 import pass_context

from core.chrome import cached

from .models import Document

# Documents in the home's "Văn bản mới".
LATEST_ON_HOME = 5


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


def _latest_documents() -> list[dict]:
    # One query on document_list_idx (status, issued_on, published_at, id), whatever the register's size.
    documents = Document.objects.published().newest_first().only("number", "summary", "slug", "issued_on")
    return [
        {"url": d.get_absolute_url(), "number": d.number, "summary": d.summary, "issued_on": d.issued_on}
        for d in documents[:LATEST_ON_HOME]
    ]


def latest_documents() -> list[dict]:
    """Kept in the shared cache under the content version (core/chrome.py), which a document
    saved or deleted bumps (documents/receivers.py): the home page made afresh spends no query
    on it, and a document published, withdrawn or scheduled shows there at once."""
    return cached("documents:latest", _latest_documents)


GLOBALS = {"document_json_ld": document_json_ld, "latest_documents": latest_documents}
