"""What the readers' Jinja2 templates may call, gathered by core/jinja2.py:

absolute_url(path)                     with the request's scheme and host
article_json_ld(article)               the schema.org NewsArticle block
latest_news()                          "Tin mới" of the side column: [{url, title, published_at}]
picture(image, width, height, alt, sizes=…, lazy=…, css_class=…, priority=…)
value|ngay_gio   value|ngay   value|iso_datetime (for <time datetime>)
article|modified_at   text|truncatechars(n)
"""

from jinja2 import pass_context

from core.chrome import cached
from images.markup import picture

from . import display
from .models import Article

# Articles in the side column's "Tin mới".
LATEST_IN_SIDE = 6


@pass_context
def absolute_url(context, path) -> str:
    return display.absolute(context.get("request"), str(path))


@pass_context
def article_json_ld(context, article):
    return display.json_ld(display.article_structured_data(article, context.get("request")))


def _latest_news() -> list[dict]:
    # One indexed query (status, published_at, id), whatever the number of articles.
    articles = Article.objects.published().for_lists().newest_first()[:LATEST_IN_SIDE]
    return [{"url": a.get_absolute_url(), "title": a.title, "published_at": a.published_at} for a in articles]


def latest_news() -> list[dict]:
    """Kept with the header under the content version (core/chrome.py): an article published,
    withdrawn or scheduled changes it at once, and a page made meanwhile spends no query on it."""
    return cached("articles:latest-news", _latest_news)


GLOBALS = {
    "absolute_url": absolute_url,
    "article_json_ld": article_json_ld,
    "latest_news": latest_news,
    "picture": picture,
}
FILTERS = {
    "ngay_gio": display.ngay_gio,
    "ngay": display.ngay,
    "iso_datetime": display.iso_local,
    "modified_at": display.modified_at,
    "truncatechars": display.shorten,
}
