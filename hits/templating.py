"""What the readers' templates may call (gathered by core/jinja2.py):

most_read()       {"week": [...], "month": [...]}: the "Xem nhiều" lists (hits/_most_read.html)
hit_url(pk)       where static/js/hits.js sends an article's view

Templates test `most_read is defined`, so they render without this app installed.
"""

from core.chrome import cached
from core.jinja2 import url

from .models import DailyViews

# Articles in each list.
MOST_READ_LENGTH = 5


def _build() -> dict:
    # Two aggregate queries, whatever the number of views or articles.
    return {
        "week": DailyViews.objects.most_read(7, MOST_READ_LENGTH),
        "month": DailyViews.objects.most_read(30, MOST_READ_LENGTH),
    }


def most_read() -> dict:
    """Kept in the shared cache for 5 minutes under the content version (core/chrome.py): an
    article withdrawn or expired leaves the lists at once, new views show within minutes;
    a page made meanwhile spends no query on them."""
    return cached("hits:most-read", _build)


def hit_url(article_id: int) -> str:
    return url("hits:count", article_id)


GLOBALS = {"most_read": most_read, "hit_url": hit_url}
