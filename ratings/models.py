from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

import pagecache


class Vote(models.Model):
    """One reader's stars for one article.

    voter_key is a keyed hash (HMAC with SECRET_KEY) of the reader's cookie:
    never a raw cookie value, never an IP address (Decree 13/2023).
    """

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="votes"
    )
    stars = models.PositiveSmallIntegerField(_("số sao"))
    voter_key = models.CharField(_("mã người đánh giá"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("lượt đánh giá")
        verbose_name_plural = _("lượt đánh giá")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["article", "voter_key"], name="vote_one_per_reader"),
            models.CheckConstraint(condition=Q(stars__gte=1, stars__lte=5), name="vote_stars_1_to_5"),
        ]

    def __str__(self):
        return f"{self.stars}★ - {self.article_id}"

    def page_cache_tags(self, deleted=False) -> tuple[str, ...]:
        """A vote cast or deleted: the pages that show that article's totals (Article.cache_tag)."""
        return (pagecache.tag("article", self.article_id),)
