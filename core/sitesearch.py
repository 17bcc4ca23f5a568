"""The site's one search over every kind of content, each app plugging in its own.

An app registers a Kind from its AppConfig.ready() (articles: "bài viết", documents:
"văn bản", pages later). A search asks each chosen kind for its best matches as
(rank, date, pk) - a cheap query of ids - merges them newest-first within rank, and
then loads only the page being shown, one query per kind: the cost does not grow
with the number of matches.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

MAX_PER_KIND = 1000


@dataclass
class Result:
    """One line of the results page, whatever it is."""

    kind: "Kind"
    title: str
    url: str
    when: datetime | date
    meta: str = ""
    excerpt: str = ""
    site_id: int | None = None  # another site's (a network-wide search): its url is on that site


@dataclass
class Kind:
    slug: str  # the ?muc= value
    label: str  # "Bài viết", shown beside each result
    noun: str  # "bài viết", in counts
    # candidates(words, filters) -> [(rank, when, pk)], best first, at most MAX_PER_KIND
    candidates: Callable[[list[str], dict], list[tuple[int, object, int]]]
    # results(pks, words) -> {pk: Result}
    results: Callable[[list[int], list[str]], dict[int, Result]]
    cache_tags: frozenset[str] = field(default_factory=frozenset)
    # the filters only this kind understands (a category narrows the search to articles)
    own_filters: frozenset[str] = field(default_factory=frozenset)
    # how many matches it ranks at most (a broad query on a large archive stops there)
    cap: Callable[[], int] = lambda: MAX_PER_KIND


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    _kinds[kind.slug] = kind


def kinds() -> list[Kind]:
    return list(_kinds.values())


def get(slug: str) -> Kind | None:
    return _kinds.get(slug)


def cache_tags() -> set[str]:
    return {tag for kind in _kinds.values() for tag in kind.cache_tags}


def search(words: list[str], filters: dict, only: Kind | None = None) -> tuple[list[tuple[str, int]], list[tuple]]:
    """Every match as (kind slug, pk), best rank first and newest first within a rank,
    and (kind, how many it found, whether it stopped at its cap) for each kind."""
    chosen = [only] if only else _kinds.values()
    used = {name for name, value in filters.items() if value}
    hits, counts = [], []
    for kind in chosen:
        if not only and used - kind.own_filters - COMMON_FILTERS:
            continue  # a filter this kind does not have (a category: articles only)
        found = kind.candidates(words, filters)[: kind.cap()]
        counts.append((kind, len(found), len(found) >= kind.cap()))
        hits += [(rank, _sortable(when), kind.slug, pk) for rank, when, pk in found]
    hits.sort(key=lambda hit: (hit[0], hit[1], hit[3]), reverse=True)
    return [(slug, pk) for _, _, slug, pk in hits], counts


COMMON_FILTERS = frozenset({"tu_ngay", "den_ngay"})


def load(page: list[tuple[str, int]], words: list[str]) -> list[Result]:
    """The Results of one page of hits, in order: one query per kind on the page."""
    wanted: dict[str, list[int]] = {}
    for slug, pk in page:
        wanted.setdefault(slug, []).append(pk)
    loaded = {slug: _kinds[slug].results(pks, words) for slug, pks in wanted.items()}
    return [loaded[slug][pk] for slug, pk in page if pk in loaded[slug]]


def _sortable(when) -> str:
    """Dates and datetimes in one order (a document's day, an article's minute)."""
    return when.isoformat() if when else ""
