"""The demo's article views (load_demo): a month of daily counts, so "Xem nhiều" has lists to show.

Counts are worked out, not random: the same day gives the same numbers, and rows are added
with ignore_conflicts on (article, day), so a second run changes nothing and views counted
for real (hits.services.flush) are never overwritten. A run on a later day adds that day.
"""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from demo.data import SEED
from hits.models import DailyViews

DAYS = 30
ARTICLES = 12


def _count(rank: int, days_ago: int, weekday: int) -> int:
    """Readers of the rank-th article that day: the most read far ahead, fewer at weekends,
    a little less every day back, and some day-to-day scatter. The last few are this week's
    news (read a lot in the last 7 days, little before), so the week's list is not the month's."""
    base = 900 // (rank + 3)
    if rank >= ARTICLES - 4:
        base = base * 4 if days_ago < 7 else base // 4
    weekend = 0.6 if weekday >= 5 else 1.0
    fading = 1.0 - days_ago / (DAYS * 2.5)
    scatter = ((rank * 31 + days_ago * 17) % 23) - 11
    return max(1, int(base * weekend * fading) + scatter)


def load_views() -> int:
    """Daily views for the seed article and the newest published ones; returns rows added."""
    today = timezone.localdate()
    seed = Article.objects.published().filter(title=SEED["title"]).first()
    others = Article.objects.published().newest_first()
    if seed is not None:
        others = others.exclude(pk=seed.pk)
    articles = ([seed] if seed else []) + list(others.only("pk", "published_at")[: ARTICLES - 1])
    rows = []
    for rank, article in enumerate(articles):
        first_day = timezone.localtime(article.published_at).date()
        for days_ago in range(DAYS):
            day = today - timedelta(days=days_ago)
            if day >= first_day:
                rows.append(DailyViews(article=article, day=day, count=_count(rank, days_ago, day.weekday())))
    before = DailyViews.objects.count()
    DailyViews.objects.bulk_create(rows, ignore_conflicts=True)
    return DailyViews.objects.count() - before
