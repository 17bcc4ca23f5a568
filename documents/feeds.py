"""/van-ban/rss/: the register's newest published documents (RSS 2.0)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

from .models import REGISTER_TAG, Document

FEED_SIZE = 30


class LatestDocumentsFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    @classmethod
    def cache_tags(cls, **kwargs):
        return {REGISTER_TAG}

    def title(self):
        return f"Văn bản - {settings.SITE_NAME}"

    def description(self):
        return f"Văn bản mới ban hành, đăng trên {settings.SITE_NAME}"

    def link(self):
        return reverse("documents:list")

    def items(self):
        return Document.objects.published().for_lists().order_by("-published_at", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.doc_type.name} số {item.number}: {item.summary}"

    def item_description(self, item):
        # Plain text made HTML (escaped once here, once more as XML by the feed), as for articles.
        return escape(f"{item.issuer.name} ban hành ngày {item.issued_on:%d/%m/%Y}. {item.summary}")

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return timezone.localtime(item.published_at)

    def item_categories(self, item):
        return [item.doc_type.name, item.issuer.name]
