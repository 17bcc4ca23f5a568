"""What a parent site (the province) shows of the sites below it (its communes and wards):
their newest articles on its home page, those of theirs it features (below.py), and a
network-wide feed. Nothing is copied: each article stays its own site's, at its own address
(canonical and all), and the parent links to it there.
"""

from core.sites import port_of, with_port
from network.registry import registry, sites_below

from .below import FeaturedFromBelow
from .models import Article

CHILDREN_ON_HOME = 6
FEATURED_ON_HOME = 3


def on_its_site(request, article) -> str:
    """An article's address on its own site (another host, the same port for `make run`)."""
    return on_site(request, article.site_info, article.get_absolute_url())


def on_site(request, site, path: str) -> str:
    """`path` on `site` (a SiteInfo): its main name, on this request's port when it names none."""
    return f"{request.scheme}://{with_port(site.domain, port_of(request))}{path}"


def newest_below(site_id: int, count: int = CHILDREN_ON_HOME) -> list:
    """The newest published articles of the sites directly below (one query), each with
    `.site_info` (its SiteInfo) for its address on its own site."""
    below = sites_below(site_id)
    if not below:
        return []
    articles = list(Article.objects.across(below).published().for_lists().newest_first()[:count])
    return with_sites(articles)


def featured_below(site_id: int) -> list:
    below = sites_below(site_id)
    if not below:
        return []
    chosen = FeaturedFromBelow.objects.on(site_id).values("article_id")[:FEATURED_ON_HOME]
    articles = Article.objects.across(below).published().for_lists().filter(pk__in=chosen).newest_first()
    return with_sites(list(articles))


def with_sites(articles: list) -> list:
    for article in articles:
        article.site_info = registry.site(article.site_id)
    return articles
