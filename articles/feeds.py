"""RSS 2.0 feeds: /rss/ (the whole site) and /rss/<category-slug>/ (one category).

The latest FEED_SIZE published articles, newest first, in one query (with
their category); dates in the site's time zone (+0700); each item's link and
guid the article's canonical address, its description the lead, its author
as <dc:creator>, its lead photo as an enclosure.
"""

import copy
import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.html import escape

import pagecache
from network.registry import sites_below

from .from_below import on_its_site, with_sites
from .models import Article, Category

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every request (it is the view): work on a copy
        # that knows this request, for the absolute URLs of the enclosures.
        feed = copy.copy(self)
        feed.request = request
        return super(LatestArticlesFeed, feed).__call__(request, *args, **kwargs)

    def site_name(self) -> str:
        site = getattr(self.request, "site", None)
        return site.name if site is not None and site.pk else settings.SITE_NAME

    def title(self):
        return self.site_name()

    def description(self):
        site = getattr(self.request, "site", None)
        return site.tagline if site is not None and site.pk else settings.SITE_TAGLINE

    def link(self):
        return reverse("articles:home")

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return self.articles(obj).for_lists().newest_first()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers show <description> as HTML: the lead is plain text, so it is escaped
        # as HTML here, then once more as XML by the feed. "<b>" in a lead stays "<b>" on screen.
        return escape(item.summary)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return timezone.localtime(item.published_at)

    def item_updateddate(self, item):
        return timezone.localtime(item.updated_at)

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [item.category.name]

    def item_enclosures(self, item):
        if not item.lead_image:
            return []
        length = photo_bytes(item.lead_image)
        if length is None:  # the file is gone: no enclosure rather than a wrong one
            return []
        mime_type = mimetypes.guess_type(item.lead_image.name)[0] or "image/jpeg"
        return [Enclosure(self.request.build_absolute_uri(item.lead_image.url), str(length), mime_type)]


# A stored photo's name is never reused (random names), so its size never changes.
PHOTO_BYTES_SECONDS = 30 * 24 * 3600


def photo_bytes(file) -> int | None:
    """The size of a stored photo, for its enclosure: asked of the storage once and then kept
    in the shared cache, since with object storage (STORAGE_URL) each ask is a request to it.
    None when the file is gone or the storage does not answer: a feed never fails for it."""
    key = f"feeds:photo-bytes:{file.name}"
    size = cache.get(key)
    if size is None:
        try:
            size = file.storage.size(file.name)
        except Exception:  # OSError on disk; with S3 botocore's own errors (missing, unreachable)
            return None
        cache.set(key, size, PHOTO_BYTES_SECONDS)
    return size


class CategoryArticlesFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category.objects.visible(), slug=slug)

    def title(self, obj):
        return f"{obj.name} - {self.site_name()}"

    def description(self, obj):
        return obj.description or f"Tin {obj.name} - {self.site_name()}"

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return Article.objects.published().in_categories([obj.pk])  # its extra articles too, as its page


class NetworkArticlesFeed(LatestArticlesFeed):
    """/rss/toan-mang/: this site's newest articles and those of the sites below it (a province
    and its communes), each item at its address on its own site."""

    @classmethod
    def cache_tags(cls, **kwargs):
        return (pagecache.BELOW,)

    def title(self):
        return f"Tin toàn mạng - {self.site_name()}"

    def articles(self, obj):
        site = self.request.site
        return Article.objects.across([site, *sites_below(site.pk)]).published()

    def items(self, obj=None):
        return with_sites(list(super().items(obj)))

    def item_link(self, item):
        return on_its_site(self.request, item)
