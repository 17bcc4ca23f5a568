"""Vietnamese search: whole words, no case, no diacritics, in both directions.

"go cong tay", "Gò Công Tây", "GÒ CÔNG TÂY" and the same text pasted in NFD
all become the words ["go", "cong", "tay"], matched against Article.search_text
(the same normalisation, stored on save). On PostgreSQL the words
become a full-text query on a GIN-indexed word vector (migrations
0006, 0007); SQLite reads the table with LIKE, correctly, just slower.
"""

import re

from django.db import connection
from django.db.models import BooleanField, Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core import sitesearch
from core.text import html_to_text, strip_accents

from .models import Article
from .querysets import SEARCH_FIELDS

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
MAX_RESULTS = 1000


def search_articles(words: list[str], *, category=None, date_from=None, date_to=None, sites=None):
    """The newest MAX_RESULTS published articles containing every word: title matches
    first, then the whole phrase anywhere, then the rest; newest first within each. Of the
    site being served, or of `sites` (a network-wide search)."""
    articles = (Article.objects.across(sites) if sites else Article.objects).published()
    if connection.vendor == "postgresql":
        # Every word, through the GIN index of the search_vector column (migration 0007).
        query = " & ".join(words)  # words are [a-z0-9]+ only: nothing to escape in a tsquery
        articles = articles.filter(
            RawSQL("search_vector @@ to_tsquery('simple', %s)", [query], output_field=BooleanField())
        )
    else:
        for word in words:
            articles = articles.filter(search_text__contains=f" {word} ")
    if category is not None:
        articles = articles.filter(category=category)
    if date_from is not None:
        articles = articles.filter(published_at__date__gte=date_from)
    if date_to is not None:
        articles = articles.filter(published_at__date__lte=date_to)
    # A broad query on a large archive ("nông thôn mới" matches a tenth of it) would
    # rank every match: only the newest MAX_RESULTS are ranked and shown. PostgreSQL
    # finds them by walking the date index (common words) or the word index (rare ones).
    newest = articles.order_by("-published_at", "-id").values("id")[:MAX_RESULTS]
    # The excerpt needs the body; the search copies are only compared in SQL, never read.
    articles = Article._base_manager.filter(pk__in=newest).select_related("category").defer(*SEARCH_FIELDS)
    phrase = f" {' '.join(words)} "
    all_in_title = Q()
    for word in words:
        all_in_title &= Q(search_title__contains=f" {word} ")
    if connection.vendor == "postgresql":
        # From the word vector: no need to read every matching article's long text.
        phrase_anywhere = RawSQL(
            "search_vector @@ phraseto_tsquery('simple', %s)", [" ".join(words)], output_field=BooleanField()
        )
    else:
        phrase_anywhere = Q(search_text__contains=phrase)
    rank = Case(
        When(search_title__contains=phrase, then=Value(4)),
        When(all_in_title, then=Value(3)),
        When(phrase_anywhere, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return articles.annotate(rank=rank).order_by("-rank", "-published_at", "-id")


def _normalised(text: str) -> str:
    """The text as search sees it, character for character (same length, same positions)."""
    plain = strip_accents(text).lower()
    if len(plain) != len(text):
        # A character that decomposes into several (a ligature, "½"): one at a time.
        plain = "".join((strip_accents(char).lower() or " ")[0] for char in text)
    return re.sub(r"[^a-z0-9]", " ", plain)


def excerpt(article: Article, words: list[str], width: int = 260) -> str:
    """A short piece of the lead or body around the first match, the words in <mark>."""
    text = f"{article.summary} {html_to_text(article.body)}".strip()
    padded = f" {_normalised(text)} "
    pattern = re.compile(r"(?<= )(" + "|".join(re.escape(word) for word in words) + r")(?= )")
    first = pattern.search(padded)
    start = max(0, (first.start() - 1 if first else 0) - width // 3)
    end = min(len(text), start + width)
    # Don't cut words in half.
    if start > 0:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    pieces, last = [], start
    for match in pattern.finditer(padded, start + 1, end + 1):
        left, right = match.start() - 1, match.end() - 1
        pieces.append(escape(text[last:left]))
        pieces.append(f"<mark>{escape(text[left:right])}</mark>")
        last = right
    pieces.append(escape(text[last:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece of text is escaped above


# --- the articles' part of the site's search (core/sitesearch.py) ---


def candidates(words: list[str], filters: dict):
    found = search_articles(
        words,
        category=filters.get("chuyen_muc"),
        date_from=filters.get("tu_ngay"),
        date_to=filters.get("den_ngay"),
        sites=filters.get("sites"),
    )
    rows = found.values_list("rank", "published_at", "pk")[:MAX_RESULTS]
    return [(rank, timezone.localtime(when), pk) for rank, when, pk in rows]


def results(pks: list[int], words: list[str]) -> dict:
    kind = sitesearch.get("bai-viet")
    # The ids come from a search of the served site (or of the sites it was asked to cover).
    articles = Article._base_manager.filter(pk__in=pks).select_related("category").defer(*SEARCH_FIELDS)
    return {
        article.pk: sitesearch.Result(
            kind=kind,
            title=article.title,
            url=article.get_absolute_url(),
            when=article.published_at,
            meta=article.category.name,
            excerpt=excerpt(article, words),
            site_id=article.site_id,
        )
        for article in articles
    }


KIND = sitesearch.Kind(
    slug="bai-viet",
    label="Tin bài",
    noun="bài viết",
    candidates=candidates,
    results=results,
    own_filters=frozenset({"chuyen_muc", "sites"}),  # sites: a network-wide search (articles only)
    cap=lambda: MAX_RESULTS,
)
