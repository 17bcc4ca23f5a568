"""Vietnamese search: whole words, no case, no diacritics, in both directions.

"go cong tay", "Gò Công Tây", "GÒ CÔNG TÂY" and the same text pasted in NFD
all become the words ["go", "cong", "tay"], matched against Article.search_text
(the same normalisation, stored on save). On PostgreSQL the words become a
full-text query on the word vector (migration 0007), read from:

- the search table by month (migration 0020, articles/searchindex.py), where it exists:
  the newest months first, stopping once the newest matches are found (by_month()); not
  in an installation of fewer than searchindex.SMALL_ARCHIVE articles that has the RUM
  index, where one look-up of it costs less than a window per month;
- else the RUM index (migration 0019, where the extension is installed): the index keeps each
  article's published_at beside its words, so the newest matches come out of the
  index in order without reading the rows (RUM still sorts every match inside the index
  before the first row: a broad phrase costs with its number of matches; bench/RESULTS.md);
- GIN (0007, the fallback): every match is found, then sorted by date.

SQLite reads the table with LIKE, correctly, just slower. Which path a database has
is asked once per process (searchindex.available(), rum_index()).
"""

import re

from django.db import connection
from django.db.models import BooleanField, Case, FloatField, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core import sitesearch
from core.text import html_to_text, strip_accents

from . import searchindex
from .models import Article
from .querysets import SEARCH_FIELDS
from .searchindex import SearchEntry

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
MAX_RESULTS = 1000  # ranked and paged: the newest matches, and a stated bound ("1.000 … mới nhất")
TITLE_RESULTS = 50  # title matches from the whole archive, however old, ranked above the rest
RUM_INDEX = "article_search_rum_idx"

_rum_index: dict[tuple[str, str], bool] = {}


def rum_index() -> bool:
    """Whether this database has the RUM index of migration 0019: one query per process and database."""
    if connection.vendor != "postgresql":
        return False
    key = (connection.alias, connection.settings_dict["NAME"])
    if key not in _rum_index:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [RUM_INDEX])
            _rum_index[key] = cursor.fetchone() is not None
    return _rum_index[key]


def search_articles(words: list[str], **filters) -> list[tuple[int, object, int]]:
    """(rank, published_at, pk) of the published articles containing every word, best first:
    the MAX_RESULTS newest, and the TITLE_RESULTS newest whose title has them all wherever
    in the archive; ranked title phrase, all words in the title, the phrase anywhere, the
    rest, and newest first within a rank. One query; `filters` as matches() takes them."""
    return sorted(set(matches(words, **filters)), reverse=True)[:MAX_RESULTS]


def matches(words: list[str], **filters) -> list[tuple[int, object, int]]:
    """The rows of search_articles(): on PostgreSQL from the search table by month
    (by_month()), or where it is missing, or the archive small enough for one look-up of the
    RUM index to cost less (searchindex.small_archive()), matches_sql(); on SQLite the same rows with LIKE
    (no LIMIT inside a UNION there; it reads the table anyway)."""
    if searchindex.available() and not (rum_index() and searchindex.small_archive()):
        return by_month(words, **filters)
    if connection.vendor == "postgresql":
        sql, params = matches_sql(words, **filters)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    newest, title_matches, rank = _ranked(words, **filters)
    either = Q(pk__in=newest.values("pk")[:MAX_RESULTS]) | Q(pk__in=title_matches.values("pk")[:TITLE_RESULTS])
    return list(Article._base_manager.filter(either).annotate(rank=rank).values_list("rank", "published_at", "pk"))


def matches_sql(words: list[str], **filters) -> tuple[str, list]:
    """The MAX_RESULTS newest matches, then, only if there are that many, the TITLE_RESULTS
    newest title matches: a UNION ALL of two reads of the word index in date order that stop
    at their LIMIT (an article in both comes twice: search_articles() keeps one; an outer
    "pk IN (…) OR pk IN (…)" would read the whole table). Fewer matches than the bound are
    all in the first part, title matches included; the condition on the CTE is then a false
    one-time filter, and the second read (which costs what the first does) is never made."""
    newest, title_matches, rank = _ranked(words, **filters)
    newest, title_matches = newest.annotate(rank=rank), title_matches.annotate(rank=rank)
    columns = ("rank", "published_at", "pk")
    first, first_params = newest.values_list(*columns)[:MAX_RESULTS].query.sql_with_params()
    capped = RawSQL("(SELECT count(*) FROM newest) >= %s", [MAX_RESULTS], output_field=BooleanField())
    second, second_params = title_matches.filter(capped).values_list(*columns)[:TITLE_RESULTS].query.sql_with_params()
    sql = f"WITH newest AS MATERIALIZED ({first}) SELECT * FROM newest UNION ALL ({second})"  # noqa: S608 - both parts compiled by the ORM, values as parameters
    return sql, [*first_params, *second_params]


def _ranked(words: list[str], *, category=None, date_from=None, date_to=None, sites=None):
    """The published matches of the site being served (or of `sites`: a network-wide search)
    newest first, the same of those with every word in the title, and their rank."""
    now = timezone.now()
    articles = (Article.objects.across(sites) if sites else Article.objects).published(now)
    if connection.vendor == "postgresql":
        articles = articles.filter(_words_in("search_vector", words))
    else:
        for word in words:
            articles = articles.filter(search_text__contains=f" {word} ")
    articles = _narrowed(articles, category, date_from, date_to)
    all_in_title = _all_in_title(words)
    newest = _newest_first(articles, now)
    return newest, newest.filter(_in_title(words) if rum_index() else all_in_title), _rank(words, all_in_title)


def by_month(words: list[str], *, category=None, date_from=None, date_to=None, sites=None) -> list:
    """The rows of matches() from the search table (articles/searchindex.py): the MAX_RESULTS
    newest matches, then, only if there are that many, the TITLE_RESULTS newest title matches,
    each read newest month first. The public rule is Article's own, applied to the table's
    columns of the same names."""
    now = timezone.now()
    entries = (SearchEntry.objects.across(sites) if sites else SearchEntry.objects).filter(Article.public_rule(now))
    entries = _narrowed(entries, category, date_from, date_to)
    rank = _rank(words, _all_in_title(words))

    def newest(vector: str, limit: int) -> list:
        ordered = entries.filter(_words_in(vector, words)).order_by("-published_at", "-article_id")
        return searchindex.newest(ordered, rank, limit, now=now, date_from=date_from, date_to=date_to)

    rows = newest("search_vector", MAX_RESULTS)
    if len(rows) >= MAX_RESULTS:
        # The title's words are in the search text (article_search_text), so a title match
        # is a match: its own index alone finds them, however old.
        rows += newest("title_vector", TITLE_RESULTS)
    return rows


def _words_in(vector: str, words: list[str]) -> RawSQL:
    # words are [a-z0-9]+ only (core.text.search_words): nothing to escape in a tsquery.
    return RawSQL(f"{vector} @@ to_tsquery('simple', %s)", [" & ".join(words)], output_field=BooleanField())  # noqa: S611 - the column is ours, words as a parameter


def _narrowed(queryset, category, date_from, date_to):
    if category is not None:
        queryset = queryset.filter(category=category)
    if date_from is not None:
        queryset = queryset.filter(published_at__date__gte=date_from)
    if date_to is not None:
        queryset = queryset.filter(published_at__date__lte=date_to)
    return queryset


def _all_in_title(words: list[str]) -> Q:
    all_in_title = Q()
    for word in words:
        all_in_title &= Q(search_title__contains=f" {word} ")
    return all_in_title


def _in_title(words: list[str]) -> RawSQL:
    """Every word in the title, as strpos(), which the title's trigram index cannot answer: so
    that PostgreSQL reads the RUM index in date order to the 50th title match, rather than
    ANDing every match with every title that has the words (8,500 of 100,000 articles for
    "nông thôn mới": the whole search 121 ms, against 32 ms so; bench/RESULTS.md). A title
    match that is rare among many matches is found by reading them all, as on the GIN path."""
    sql = " AND ".join(["strpos(articles_article.search_title, %s) > 0"] * len(words))
    return RawSQL(sql, [f" {word} " for word in words], output_field=BooleanField())  # noqa: S611 - constant SQL, words as parameters


def _rank(words: list[str], all_in_title: Q) -> Case:
    """4: the phrase is the title or in it; 3: every word in the title; 2: the phrase anywhere; 1: the rest."""
    phrase = f" {' '.join(words)} "
    if connection.vendor == "postgresql":
        # From the word vector: no need to read every matching article's long text.
        phrase_anywhere = RawSQL(
            "search_vector @@ phraseto_tsquery('simple', %s)", [" ".join(words)], output_field=BooleanField()
        )
    else:
        phrase_anywhere = Q(search_text__contains=phrase)
    return Case(
        When(search_title__contains=phrase, then=Value(4)),
        When(all_in_title, then=Value(3)),
        When(phrase_anywhere, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )


def _newest_first(articles, now):
    if rum_index():
        # Read in order from the RUM index (published_at attached to the words): only the
        # LIMIT's rows are read from the table (the index sorts all matches first). "<=|" is
        # the distance to `now` from the past; published() keeps the future out. No id after
        # it: a second key would make PostgreSQL sort every match again (articles published
        # in the same microsecond are cut at random).
        distance = RawSQL("published_at <=| %s", [now], output_field=FloatField())
        return articles.order_by(distance.asc())
    # GIN: every match is found and the newest are sorted out of them.
    return articles.order_by("-published_at", "-id")


class _AsSearched(dict):
    """{character: the one search sees in its place}: "ố" -> "o", "Đ" -> "d", "½" -> "1" (the
    first of those it decomposes into), a combining mark or punctuation -> " ". Filled as
    characters are met, for str.translate."""

    def __missing__(self, code: int) -> str:
        plain = (strip_accents(chr(code)).lower() or " ")[0]
        self[code] = plain = plain if plain.isascii() and plain.isalnum() else " "
        return plain


_AS_SEARCHED = _AsSearched()


def _normalised(text: str) -> str:
    """The text as search sees it, character for character (same length, same positions):
    one pass of str.translate, whatever it holds ("…", "½" decompose into several)."""
    return text.translate(_AS_SEARCHED)


# The lead and body are read for the first match this many characters at a time: most
# matches are in the lead, and a long body is not turned into search's letters whole.
EXCERPT_CHUNK = 2000


def _first_match(text: str, pattern, longest: int) -> int | None:
    """Where in `text` the first of the words begins (a whole word), or None."""
    for begin in range(0, len(text), EXCERPT_CHUNK):
        # From the character before (a word must start after a space) to past the end of a
        # word that starts inside this chunk.
        # piece[k] is text[k + offset]; a match is looked for from piece[1] on, after piece[0].
        if begin == 0:
            piece, offset = f" {_normalised(text[: EXCERPT_CHUNK + longest])} ", -1
        else:
            piece, offset = f"{_normalised(text[begin - 1 : begin + EXCERPT_CHUNK + longest])} ", begin - 1
        found = pattern.search(piece, 1)
        if found is not None and found.start() + offset < begin + EXCERPT_CHUNK:
            return found.start() + offset
    return None


def excerpt(article: Article, words: list[str], width: int = 260) -> str:
    """A short piece of the lead or body around the first match, the words in <mark>."""
    text = f"{article.summary} {html_to_text(article.body)}".strip()
    pattern = re.compile(r"(?<= )(" + "|".join(re.escape(word) for word in words) + r")(?= )")
    first = _first_match(text, pattern, max(map(len, words), default=0) + 1)
    start = max(0, (first or 0) - width // 3)
    end = min(len(text), start + width)
    # Don't cut words in half.
    if start > 0:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    # The piece shown, as search sees it: it begins and ends at a space (or the text's ends).
    padded = f" {_normalised(text[start:end])} "
    pieces, last = [], start
    for match in pattern.finditer(padded):
        left, right = start + match.start() - 1, start + match.end() - 1
        pieces.append(escape(text[last:left]))
        pieces.append(f"<mark>{escape(text[left:right])}</mark>")
        last = right
    pieces.append(escape(text[last:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece of text is escaped above


# --- the articles' part of the site's search (core/sitesearch.py) ---


def candidates(words: list[str], filters: dict):
    rows = search_articles(
        words,
        category=filters.get("chuyen_muc"),
        date_from=filters.get("tu_ngay"),
        date_to=filters.get("den_ngay"),
        sites=filters.get("sites"),
    )
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
