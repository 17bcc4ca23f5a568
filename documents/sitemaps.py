from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from .models import Document

LIMIT = 5000


class DocumentSitemap(Sitemap):
    limit = LIMIT

    def items(self):
        # Oldest first: a new document lands on the last page, the earlier pages stay as they were.
        return Document.objects.published().only("id", "slug", "updated_at").order_by("published_at", "id")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        latest = Document.objects.published().aggregate(latest=Max("updated_at"))["latest"]
        return latest.replace(microsecond=0) if latest else None
