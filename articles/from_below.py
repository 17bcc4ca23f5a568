"""What a parent site (the province) shows of the sites below it (its communes and wards):
their newest articles on its home page, those of theirs it features (below.py), and a
network-wide feed. Nothing is copied: each article stays its own site's, at its own address
(canonical and all), and the parent links to it there.
"""

from core.sites import site_url
from network.registry import registry

from .below import FeaturedFromBelow
from .models import Article

CHILDREN_ON_HOME = 6
FEATURED_ON_HOME = 3


def on_its_site(request, article) -> str:
    """An article's address on its own site (another host, the same port for `make run`)."""
    return site_url(request, article.site_info, article.get_absolute_url())


def newest_below(below: list, count: int = CHILDREN_ON_HOME) -> list:
    """The newest published articles of the sites `below` (SiteInfo; one query), each with
    `.site_info` for its address on its own site."""
    articles = Article.objects.across(below).published().for_lists().newest_first()[:count]
    return with_sites(list(articles))


def featured_below(site_id: int, below: list) -> list:
    """Those of them `site_id`'s editors chose (FeaturedFromBelow), still published below."""
    chosen = FeaturedFromBelow.objects.on(site_id).values("article_id")[:FEATURED_ON_HOME]
    articles = Article.objects.across(below).published().for_lists().filter(pk__in=chosen).newest_first()
    return with_sites(list(articles))


def with_sites(articles: list) -> list:
    for article in articles:
        article.site_info = registry.site(article.site_id)
    return articles
