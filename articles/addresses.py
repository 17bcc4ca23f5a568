"""The articles' addresses: the first URL segments a category may not take, the URL
patterns reverse()d once, and slugs made unique among a model's rows."""

import functools

from django.conf import settings
from django.db import models
from django.urls import reverse

# First URL segments that belong to other routes: a category may not take one. The
# private ones come from settings.PRIVATE_URL_PREFIXES; articles/checks.py makes sure
# every route of the URL configuration is in the list.
PUBLIC_ROUTE_SLUGS = frozenset(
    {
        "static",
        "media",
        "rss",
        "tag",
        "dong-su-kien",
        "tim-kiem",
        "news",
        "sitemap-xml",
        "robots-txt",
        "api",
        "ban-in",
        "van-ban",
        "laws",
        "tep-dinh-kem",
        # Introduction pages, English pages, contact.
        "gioi-thieu",
        "en",
        "lien-he",
        # The old NukeViet portal's module names, index.php and uploads (nukeviet/urls.py; a test
        # holds this list to nukeviet/links.py): their old links are answered there.
        "page",
        "about",
        "contact",
        "siteterms",
        "seek",
        "feeds",
        "users",
        "statistics",
        "voting",
        "banners",
        "comment",
        "menu",
        "freecontent",
        "two-step-verification",
        "myapi",
        "index",
        "uploads",
        "assets",
    }
)


def reserved_slugs() -> frozenset[str]:
    private = {prefix.strip("/").split("/")[0] for prefix in settings.PRIVATE_URL_PREFIXES}
    return PUBLIC_ROUTE_SLUGS | private


@functools.cache
def url_pattern(name: str, *kwargs: str) -> str:
    """reverse() once, kept as a str.format pattern: a page lists dozens of articles,
    and a reverse() per link was a fifth of the time it took to render one."""
    markers = {key: 918273600 + index if key == "pk" else f"__{key}__" for index, key in enumerate(kwargs)}
    url = reverse(name, kwargs=markers)
    for key, marker in markers.items():
        url = url.replace(str(marker), f"{{{key}}}", 1)
    return url


def article_url(category_slug: str, slug: str, pk: int) -> str:
    return url_pattern("articles:detail", "category", "slug", "pk").format(category=category_slug, slug=slug, pk=pk)


def unique_slug(instance: models.Model, base: str, max_length: int) -> str:
    """base, or base-2, base-3 ... whichever no other row of the model uses (on the same site,
    for a model whose rows belong to one: each site has its own addresses)."""
    base = base[:max_length] or "bai-viet"
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    if hasattr(instance, "site_id"):
        others = others.filter(site_id=instance.site_id)
    slug, n = base, 2
    while others.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
        n += 1
    return slug
