from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from .models import Page


class PageSitemap(Sitemap):
    """Every published page, Vietnamese and English, the tree's order."""

    def items(self):
        return Page.objects.published().only("id", "language", "path", "updated_at").order_by("language", "path")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        latest = Page.objects.published().aggregate(latest=Max("updated_at"))["latest"]
        return latest.replace(microsecond=0) if latest else None
