"""The pages' part of the site's search (core/sitesearch.py): Vietnamese pages only, every
word of the query without diacritics; a page whose title has them all comes first."""

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils.html import escape

from core import sitesearch
from core.text import html_to_text, search_words

from .models import PAGES_TAG, Page

TITLE_RANK = 4  # as an article whose title has the words: a reader asking "lịch sử đảng bộ" wants that page
TEXT_RANK = 2


def search_pages(queryset, words: list[str]):
    if connection.vendor == "postgresql":
        # Through the GIN index of the word vector (migration 0003); words are [a-z0-9]+ only.
        return queryset.filter(
            RawSQL(
                "pages_page.search_vector @@ to_tsquery('simple', %s)", [" & ".join(words)], output_field=BooleanField()
            )
        )
    for word in words:
        queryset = queryset.filter(search_text__contains=f" {word} ")
    return queryset


def candidates(words: list[str], filters: dict):
    pages = Page.objects.published().filter(language=Page.Language.VI)
    if filters.get("tu_ngay"):
        pages = pages.filter(published_at__date__gte=filters["tu_ngay"])
    if filters.get("den_ngay"):
        pages = pages.filter(published_at__date__lte=filters["den_ngay"])
    rows = search_pages(pages, words).values_list("title", "published_at", "pk")[: sitesearch.MAX_PER_KIND]
    wanted = set(words)
    return [
        (TITLE_RANK if wanted <= set(search_words(title)) else TEXT_RANK, published_at, pk)
        for title, published_at, pk in rows
    ]


def results(pks: list[int], words: list[str]) -> dict:
    kind = sitesearch.get("trang")
    pages = Page.objects.filter(pk__in=pks).defer("search_text")
    return {
        page.pk: sitesearch.Result(
            kind=kind,
            title=page.title,
            url=page.get_absolute_url(),
            when=page.updated_at,
            meta="Giới thiệu",
            excerpt=escape(_excerpt(page)),
        )
        for page in pages
    }


def _excerpt(page, width: int = 260) -> str:
    text = page.summary or html_to_text(page.body)
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[: cut if cut > 0 else width] + " …"


def register():
    sitesearch.register(
        sitesearch.Kind(
            slug="trang",
            label="Trang",
            noun="trang",
            candidates=candidates,
            results=results,
            cache_tags=frozenset({PAGES_TAG}),
        )
    )
