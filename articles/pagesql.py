"""The queries of the article page, the home page and the site header, compiled once per process.

Each is a queryset of models.py (published(), in_menu(), current() - the rules
are written there and nowhere else), turned into a core.fastsql.Statement: the
ORM compiles it once, each request only binds its parameters, and PostgreSQL
prepares it. tests/articles/test_page_sql.py holds every function here to the
answers of the plain querysets on drafts, scheduled, expired and hidden content.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db import router
from django.db.models import Q
from django.utils import timezone

from core.compat import cache_related, concrete_fields
from core.fastsql import Statement

from .models import Article, Attachment, Category, SiteBanner, Tag, Topic, article_url
from .querysets import SEARCH_FIELDS


@dataclass(frozen=True, slots=True)
class ArticleLink:
    """An entry of a list of titles ("Những tin mới hơn", "Tin liên quan"…): what the
    list shows, without a model instance."""

    category_slug: str
    pk: int
    title: str
    slug: str
    published_at: datetime

    def get_absolute_url(self) -> str:
        return article_url(self.category_slug, self.slug, self.pk)


LINK_COLUMNS = ("category__slug", "id", "title", "slug", "published_at")


def _attnames(model, exclude=()) -> list[str]:
    return [field.attname for field in concrete_fields(model) if field.name not in exclude]


def _instance(model, attnames, values):
    # Marked as read from where Statement.rows read it (the router's choice), as the ORM does.
    return model.from_db(router.db_for_read(model), attnames, values)


# --- the article -------------------------------------------------------------------------

_ARTICLE = _attnames(Article, exclude=SEARCH_FIELDS)
_CATEGORY = _attnames(Category)
_TOPIC = _attnames(Topic)

_article = Statement(
    lambda pk, now: (
        Article.objects.published(now)
        .filter(pk=pk)
        .values_list(*_ARTICLE, *(f"category__{name}" for name in _CATEGORY), *(f"topic__{name}" for name in _TOPIC))
    ),
    pk=int,
    now=datetime,
)


def published_article(pk: int) -> Article | None:
    """The published article `pk` with its category and topic loaded (as
    Article.objects.published().for_page()), or None."""
    rows = _article.rows(pk=pk, now=timezone.now())
    if not rows:
        return None
    row = rows[0]
    split, topic_split = len(_ARTICLE), len(_ARTICLE) + len(_CATEGORY)
    article = _instance(Article, _ARTICLE, row[:split])
    cache_related(article, "category", _instance(Category, _CATEGORY, row[split:topic_split]))
    cache_related(article, "topic", _instance(Topic, _TOPIC, row[topic_split:]) if article.topic_id else None)
    return article


_POSITION = ["id", "published_at"]
_position = Statement(
    lambda pk, now: Article.objects.published(now).filter(pk=pk).values_list(*_POSITION), pk=int, now=datetime
)


def published_position(pk: int) -> Article | None:
    """The published article `pk` with only its id and publication time (a page
    cursor of a category, tag or topic: ?truoc=<id>), or None."""
    rows = _position.rows(pk=pk, now=timezone.now())
    return _instance(Article, _POSITION, rows[0]) if rows else None


# --- lists of titles -----------------------------------------------------------------------


@cache
def _neighbours(count: int) -> Statement:
    def build(category, pk, at, now):
        # Each side is an index range scan of the category's (published_at, id) index.
        published = Article.objects.published(now).filter(category_id=category)
        article = Article(pk=pk, published_at=at)
        newer = published.newer_than(article).values_list(*LINK_COLUMNS)[:count]
        older = published.older_than(article).values_list(*LINK_COLUMNS)[:count]
        return newer, older

    return Statement(build, category=int, pk=int, at=datetime, now=datetime)


def neighbours(article: Article, count: int) -> tuple[list[ArticleLink], list[ArticleLink]]:
    """The `count` nearest published articles of the article's category on each side,
    nearest first: (newer, older). One statement, two index range scans."""
    rows = _neighbours(count).rows(
        category=article.category_id, pk=article.pk, at=article.published_at, now=timezone.now()
    )
    links = [ArticleLink(*row) for row in rows]
    position = (article.published_at, article.pk)
    # A UNION keeps no order of its own.
    newer = sorted((link for link in links if (link.published_at, link.pk) > position), key=_position_of)
    older = sorted((link for link in links if (link.published_at, link.pk) < position), key=_position_of)
    return newer, older[::-1]


def _position_of(link: ArticleLink | Article) -> tuple:
    return link.published_at, link.pk


@cache
def _topic_articles(count: int) -> Statement:
    return Statement(
        lambda topic, pk, now: (
            Article.objects.published(now)
            .filter(topic_id=topic)
            .exclude(pk=pk)
            .newest_first()
            .values_list(*LINK_COLUMNS)[:count]
        ),
        prepared=False,  # the best plan depends on how many articles the topic has
        topic=int,
        pk=int,
        now=datetime,
    )


def topic_articles(article: Article, count: int) -> list[ArticleLink]:
    """The newest `count` other published articles of the article's topic."""
    rows = _topic_articles(count).rows(topic=article.topic_id, pk=article.pk, now=timezone.now())
    return [ArticleLink(*row) for row in rows]


_TAG = _attnames(Tag)
_tags = Statement(lambda pk: Tag.objects.filter(articles=pk).order_by("name").values_list(*_TAG), pk=int)


def tags(article: Article) -> list[Tag]:
    """The article's keywords, in their usual order (by name)."""
    return [_instance(Tag, _TAG, row) for row in _tags.rows(pk=article.pk)]


# Not the words of a PDF (`text`, for search): the page lists the files' names, kinds and sizes.
_ATTACHMENT = _attnames(Attachment, exclude=("text",))
_attachments = Statement(lambda pk: Attachment.objects.filter(article_id=pk).values_list(*_ATTACHMENT), pk=int)


def attachments(article: Article) -> list[Attachment]:
    """The article's attached files, in their order (article.attachments.all())."""
    return [_instance(Attachment, _ATTACHMENT, row) for row in _attachments.rows(pk=article.pk)]


@cache
def _related(tag_count: int, count: int, other_topic: bool) -> Statement:
    def build(pk, now, topic=None, **tag_ids):
        articles = Article.objects.published(now).filter(tags__in=list(tag_ids.values())).exclude(pk=pk)
        if other_topic:
            articles = articles.filter(Q(topic__isnull=True) | ~Q(topic_id=topic))
        return articles.distinct().newest_first().values_list(*LINK_COLUMNS)[:count]

    parameters = {"pk": int, "now": datetime, **({"topic": int} if other_topic else {})}
    parameters.update({f"tag{n}": int for n in range(tag_count)})
    # Not prepared: how to find them depends on how common the keywords are.
    return Statement(build, prepared=False, **parameters)


def related(article: Article, tag_ids: list[int], count: int, topic_id: int | None) -> list[ArticleLink]:
    """The newest `count` published articles sharing a keyword with the article,
    other than itself and the articles of `topic_id` (listed on their own)."""
    if not tag_ids:
        return []
    values = {"pk": article.pk, "now": timezone.now(), **{f"tag{n}": pk for n, pk in enumerate(tag_ids)}}
    if topic_id:
        values["topic"] = topic_id
    rows = _related(len(tag_ids), count, bool(topic_id)).rows(**values)
    return [ArticleLink(*row) for row in rows]


# --- the site header -----------------------------------------------------------------------

_nav = Statement(lambda: Category.objects.in_menu().values_list(*_CATEGORY))


def nav_categories() -> list[Category]:
    """The menu: Category.objects.in_menu(), in the order the admin sets."""
    return [_instance(Category, _CATEGORY, row) for row in _nav.rows()]


_BANNER = _attnames(SiteBanner)
_banner = Statement(lambda now: SiteBanner.objects.current(now).values_list(*_BANNER)[:1], now=datetime)


def current_banner() -> SiteBanner | None:
    """The site banner shown now (SiteBanner.objects.current().first()), or None."""
    rows = _banner.rows(now=timezone.now())
    return _instance(SiteBanner, _BANNER, rows[0]) if rows else None


# --- the home page -------------------------------------------------------------------------

# A card's columns and its category's, read in one row as select_related("category") does:
# what a card shows (articles/_lists.html: card) and what the page's code reads (its place,
# whether it is featured, its site), not the body, its search copy, nor who wrote it when,
# the rating totals or the old portal's numbers (each row's datetimes and fields cost their
# conversion: a home page reads about 50 rows). Any other column read from a card would be
# a query of its own: tests/articles/test_page_sql.py holds every card page's queries.
_NOT_ON_CARDS = (
    "body", *SEARCH_FIELDS, "created_by", "created_at", "updated_at", "author", "lead_image_caption",
    "legacy_id", "allow_rating", "rating_sum", "rating_count", "legacy_rating_sum", "legacy_rating_count",
    "legacy_views",
)  # fmt: skip
_CARD = _attnames(Article, exclude=_NOT_ON_CARDS)
_CARD_COLUMNS = (*_CARD, *(f"category__{name}" for name in _CATEGORY))


def _cards(rows) -> list[Article]:
    """Article instances with their category loaded, one Category instance per category."""
    categories: dict[int, Category] = {}
    cards = []
    split = len(_CARD)
    for row in rows:
        article = _instance(Article, _CARD, row[:split])
        category = categories.get(article.category_id)
        if category is None:
            category = categories[article.category_id] = _instance(Category, _CATEGORY, row[split:])
        cache_related(article, "category", category)
        cards.append(article)
    return cards


_home_categories = Statement(lambda: Category.objects.on_home().values_list(*_CATEGORY))


def home_categories() -> list[Category]:
    """The home page's category blocks, in the menu's order: Category.objects.on_home()."""
    return [_instance(Category, _CATEGORY, row) for row in _home_categories.rows()]


@cache
def _front(featured: int, newest: int) -> Statement:
    def build(now):
        listed = Article.objects.published(now).on_home()
        return (
            listed.filter(is_featured=True).newest_first().values_list(*_CARD_COLUMNS)[:featured],
            listed.newest_first().values_list(*_CARD_COLUMNS)[:newest],
        )

    return Statement(build, now=datetime)


def front(featured: int, newest: int) -> tuple[list[Article], list[Article]]:
    """The home page's top, in one statement: the `featured` newest featured articles, and the
    `newest` newest articles after those (Article.objects.published().on_home(), newest first)."""
    # The second part reads `featured` more, so that `newest` are left once those are taken out.
    cards = _cards(_front(featured, newest + featured).rows(now=timezone.now()))
    unique = sorted({card.pk: card for card in cards}.values(), key=_position_of, reverse=True)
    # Every featured article the UNION brought is older than the `featured` newest ones but
    # those themselves: the first `featured` of them are the featured part.
    chosen = [card for card in unique if card.is_featured][:featured]
    taken = {card.pk for card in chosen}
    return chosen, [card for card in unique if card.pk not in taken][:newest]


@cache
def _blocks(categories: int, shown: int, count: int) -> Statement:
    def build(now, **ids):
        left_out = [ids[f"shown{n}"] for n in range(shown)]
        listed = Article.objects.published(now).on_home().exclude(pk__in=left_out)
        # Each part an index range scan of that category's (published_at, id) index.
        return tuple(
            listed.filter(category_id=ids[f"category{n}"]).newest_first().values_list(*_CARD_COLUMNS)[:count]
            for n in range(categories)
        )

    parameters = {f"category{n}": int for n in range(categories)}
    parameters.update({f"shown{n}": int for n in range(shown)})
    return Statement(build, now=datetime, **parameters)


def home_blocks(categories: list[Category], shown: list[int], count: int, shown_at_most: int) -> dict[int, list]:
    """{category id: its `count` newest articles on the home page but those `shown`}, newest
    first: one statement for any number of articles. `shown` is padded to `shown_at_most` ids
    with 0 (no article's), so that one statement serves every page."""
    if not categories:
        return {}
    padded = [*shown, *[0] * (shown_at_most - len(shown))][:shown_at_most]
    values = {f"category{n}": category.pk for n, category in enumerate(categories)}
    values.update({f"shown{n}": pk for n, pk in enumerate(padded)})
    cards = _cards(_blocks(len(categories), shown_at_most, count).rows(now=timezone.now(), **values))
    by_category: dict[int, list] = {category.pk: [] for category in categories}
    for card in sorted(cards, key=_position_of, reverse=True):
        by_category[card.category_id].append(card)
    return by_category


# --- a category's page ---------------------------------------------------------------------

_PARENT = tuple(f"parent__{name}" for name in _CATEGORY)
_visible_category = Statement(
    lambda slug: Category.objects.visible().filter(slug=slug).values_list(*_CATEGORY, *_PARENT), slug=str
)
_subcategories = Statement(
    lambda parent: (
        Category.objects.visible().filter(parent_id=parent).order_by("order", "name").values_list(*_CATEGORY)
    ),
    parent=int,
)


def visible_category(slug: str) -> Category | None:
    """The visible category `slug` with its parent loaded (Category.objects.visible()
    .select_related("parent")), and its visible subcategories as `subcategories`, in the
    menu's order; or None."""
    rows = _visible_category.rows(slug=slug)
    if not rows:
        return None
    row, split = rows[0], len(_CATEGORY)
    category = _instance(Category, _CATEGORY, row[:split])
    parent = _instance(Category, _CATEGORY, row[split:]) if category.parent_id else None
    cache_related(category, "parent", parent)
    category.subcategories = [_instance(Category, _CATEGORY, r) for r in _subcategories.rows(parent=category.pk)]
    return category


@cache
def _category_page(categories: int, cursor: str, count: int) -> Statement:
    def build(now, at=None, pk=None, **ids):
        chosen = [ids[f"category{n}"] for n in range(categories)]
        published = Article.objects.published(now)
        # Its own articles and those filed in it as an extra category: each part an index range
        # scan (an OR of them walks the whole published index: 40 ms at 100,000 articles).
        parts = (published.filter(category__in=chosen), published.extra_in_categories(chosen))
        position = Article(pk=pk, published_at=at)
        if cursor == "newer":
            parts = tuple(part.newer_than(position) for part in parts)
        elif cursor == "older":
            parts = tuple(part.older_than(position) for part in parts)
        else:
            parts = tuple(part.newest_first() for part in parts)
        return tuple(part.values_list(*_CARD_COLUMNS)[:count] for part in parts)

    parameters = {"now": datetime, **({"at": datetime, "pk": int} if cursor else {})}
    parameters.update({f"category{n}": int for n in range(categories)})
    # Prepared: planning it cost PostgreSQL 1.1 ms a page, running it 0.1-0.3 ms. Its one
    # generic plan (each part an index range scan of (category, site, status, published_at)
    # under the LIMIT) is the one the planner picks for every category, of 4 articles or of
    # 12,500, on the first page and from a cursor (EXPLAIN ANALYZE EXECUTE under
    # force_generic_plan, 100,000 articles; bench/RESULTS.md).
    return Statement(build, **parameters)


def category_page(category_ids: list[int], older_than, newer_than, count: int) -> list[Article]:
    """`count` published articles of these categories (their main one or an extra one:
    Article.objects.in_categories()), nearest to the cursor first (an article's position,
    published_position()), the newest when there is none. One statement."""
    cursor, position = ("newer", newer_than) if newer_than else ("older", older_than) if older_than else ("", None)
    values = {"now": timezone.now(), **{f"category{n}": pk for n, pk in enumerate(category_ids)}}
    if position is not None:
        values.update(at=position.published_at, pk=position.pk)
    cards = _cards(_category_page(len(category_ids), cursor, count).rows(**values))
    unique = {card.pk: card for card in cards}.values()  # an article in both parts comes twice
    return sorted(unique, key=_position_of, reverse=cursor != "newer")[:count]
