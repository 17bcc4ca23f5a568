"""Article views per day, written from the shared cache's counters by hits.services.flush()."""

from datetime import timedelta

from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, article_url


class DailyViewsQuerySet(models.QuerySet):
    def most_read(self, days: int, limit: int, today=None) -> list[dict]:
        """The published articles most viewed over the last `days` days (today included),
        most first: one aggregate query, plain dicts (kept in the shared cache)."""
        today = today or timezone.localdate()
        since = today - timedelta(days=days - 1)
        rows = (
            Article.objects.published()
            .filter(daily_views__day__gte=since)
            .values("pk", "title", "slug", "category__slug", "published_at")
            .annotate(views=Sum("daily_views__count"))
            .order_by("-views", "-published_at", "-pk")[:limit]
        )
        return [
            {
                "title": row["title"],
                "url": article_url(row["category__slug"], row["slug"], row["pk"]),
                "published_at": row["published_at"],
                "views": row["views"],
            }
            for row in rows
        ]


class DailyViews(models.Model):
    """How many times an article was read on one day (Asia/Ho_Chi_Minh), by readers'
    browsers (bots and pages opened without JavaScript are not counted). Nothing about
    the reader is kept: no address, no cookie."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="daily_views"
    )
    day = models.DateField(_("ngày"))
    count = models.PositiveIntegerField(_("lượt xem"), default=0)

    objects = DailyViewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt xem trong ngày")
        verbose_name_plural = _("lượt xem theo ngày")
        ordering = ["-day", "-count"]
        constraints = [
            # The flush adds to the row with INSERT ... ON CONFLICT (article, day) DO UPDATE.
            models.UniqueConstraint(fields=["article", "day"], name="dailyviews_one_per_article_day"),
            models.CheckConstraint(condition=Q(count__gte=0), name="dailyviews_count_not_negative"),
        ]
        indexes = [
            # most_read(): the rows of the last 7 or 30 days, summed per article.
            models.Index(fields=["day", "article"], name="dailyviews_day_article"),
        ]

    def __str__(self):
        return f"{self.article_id} {self.day:%d/%m/%Y}: {self.count}"


class FlushedBatch(models.Model):
    """A minute of counters already added to DailyViews: written in the same transaction,
    so a minute is added once even when two flushes run at once or one dies before it
    clears the cache (hits/services.py). Rows older than the counters' life are removed."""

    minute = models.BigIntegerField(_("phút (tính từ 1970)"), primary_key=True)
    flushed_at = models.DateTimeField(_("lúc ghi"), auto_now_add=True)

    class Meta:
        verbose_name = _("đợt ghi lượt xem")
        verbose_name_plural = _("đợt ghi lượt xem")

    def __str__(self):
        return str(self.minute)
