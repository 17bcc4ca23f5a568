"""What the readers' Jinja2 templates may call (gathered by core/jinja2.py):

page_json_ld(page, crumbs)   the schema.org WebPage block of a page, with its BreadcrumbList
english_nav()                the English header's menu: Home, the English pages marked "hiện trên menu"
                             under the English root (one query), Organisation, Leaders, Contact
"""

import json

from django.utils.safestring import mark_safe
from jinja2 import pass_context

from core.jinja2 import url

from .models import Page


@pass_context
def page_json_ld(context, page, crumbs):
    request = context.get("request")
    absolute = request.build_absolute_uri if request else (lambda path: path)
    trail = [*crumbs, (page.title, page.get_absolute_url())]
    data = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": page.title,
        "url": absolute(page.get_absolute_url()),
        "inLanguage": page.language,
        "datePublished": page.published_at.isoformat(),
        "dateModified": page.updated_at.isoformat(),
        "breadcrumb": {
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": position, "name": name, "item": absolute(url)}
                for position, (name, url) in enumerate(trail, start=1)
            ],
        },
    }
    if page.summary:
        data["description"] = page.summary
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - JSON with <, >, & escaped


def english_nav() -> list[tuple[str, str]]:
    # One query per English page rendered; those pages are kept by the page cache, and a
    # change to what a menu shows clears them all (pages/receivers.py).
    pages = Page.objects.in_menu(Page.Language.EN).filter(parent__path="", parent__language=Page.Language.EN)
    return [
        ("Home", url("pages:en_root")),
        *((page.title, page.get_absolute_url()) for page in pages.only("title", "language", "path")),
        ("Organisation", url("people:organisation_en")),
        ("Leaders", url("people:leaders_en")),
        ("Contact", url("contact:contact_en")),
    ]


GLOBALS = {"page_json_ld": page_json_ld, "english_nav": english_nav}
