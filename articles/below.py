"""An article of a site below that a parent site (the province) features on its home page
(from_below.py reads what a parent shows of the sites below it)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

import pagecache
from core.sites import SiteOwned, SiteQuerySet
from network.registry import sites_below


class FeaturedFromBelow(SiteOwned):
    """An article of a site below, featured on this site's home page (not copied)."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("bài viết của trang cấp dưới"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    added_at = models.DateTimeField(_("thêm lúc"), auto_now_add=True)

    objects = SiteQuerySet.as_manager()
    cross_site_fields = ("article",)  # another site's article, on purpose: checked in clean()
    page_cache_tags = (pagecache.CONTENT,)

    class Meta:
        verbose_name = _("tin nổi bật từ trang cấp dưới")
        verbose_name_plural = _("tin nổi bật từ trang cấp dưới")
        ordering = ["order", "-added_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "article"],
                name="articles_featured_below_once",
                violation_error_message=_("Bài viết này đã được chọn làm tin nổi bật của trang."),
            )
        ]

    def __str__(self):
        return str(self.article)

    def clean(self):
        super().clean()
        if self.article_id and self.site_id:
            article_site = type(self.article)._base_manager.filter(pk=self.article_id).values_list("site_id", flat=True)
            below = {info.pk for info in sites_below(self.site_id)}
            if article_site.first() not in below:
                raise ValidationError(
                    {"article": _("Chỉ chọn được bài viết của các trang cấp dưới trực tiếp của trang này.")}
                )
