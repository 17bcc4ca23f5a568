"""What the readers' Jinja2 templates may call (gathered by core/jinja2.py):

document_json_ld(document, files)   the schema.org block of a document's page
"""

import json

from django.utils.safestring import mark_safe
from jinja2 import pass_context


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
