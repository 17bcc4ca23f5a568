"""For search engines: the sitemaps (/sitemap.xml, an index of /sitemap-<section>.xml)
and /robots.txt.

Each section is split into pages of LIMIT addresses (?p=2, ...), listed by the
index; a page costs two queries (its count and its rows) however large the site.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from .models import Article, Category, Tag

LIMIT = 5000


class ArticleSitemap(Sitemap):
    limit = LIMIT

    def items(self):
        # Oldest first: a new article lands on the last page, the earlier pages stay as they were.
        return (
            Article.objects.published()
            .select_related("category")
            .only("id", "slug", "updated_at", "category__slug")
            .order_by("published_at", "id")
        )

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default runs lastmod() over every item; one aggregate does it here.
        latest = Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]
        return latest.replace(microsecond=0) if latest else None


class CategorySitemap(Sitemap):
    limit = LIMIT

    def items(self):
        return Category.objects.visible().only("id", "slug").order_by("id")


class TagSitemap(Sitemap):
    """Tags that have at least one article the public can see."""

    limit = LIMIT

    def items(self):
        with_articles = Exists(Article.objects.published().filter(tags=OuterRef("pk")))
        return Tag.objects.filter(with_articles).only("id", "slug").order_by("id")


SITEMAPS = {"articles": ArticleSitemap, "categories": CategorySitemap, "tags": TagSitemap}


@require_safe
def robots_txt(request):
    # The site's private addresses are no use to a search engine (and are refused or noindex anyway).
    disallowed = (f"Disallow: {prefix}" for prefix in settings.PRIVATE_URL_PREFIXES)
    lines = ["User-agent: *", *disallowed, "Allow: /", ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
