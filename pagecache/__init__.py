"""The full-page cache for anonymous readers (see store.py), as the portal's apps use it.

It imports none of them. An app tells it what changed from its own signal
receivers, and what its pages read and when they change by themselves from
its AppConfig.ready():

    pagecache.invalidate(pagecache.CONTENT)         every page (an article saved)
    pagecache.invalidate(pagecache.tag("article", 7))   the pages that name this tag
    pagecache.register_schedule(next_scheduled_change)  no page kept past that moment
    pagecache.register_sites(site_of_host, current_site, sites_above)  each site's pages apart

A change clears the pages of the site being served (or of the site named:
invalidate(..., site=3)); invalidate_all() clears every page of every site.

A view names the tags of its pages with a `cache_tags(**url_kwargs)` class method, and
the query parameters that make another page with `cache_parameters = {"trang", "q"}`
(a function view: the decorator @pagecache.reads("p")); every other parameter is
left out of the page's key.
"""

from .store import (
    BELOW,
    CACHE_ERRORS,
    CONTENT,
    content_version,
    enabled,
    invalidate,
    invalidate_all,
    reads,
    register_schedule,
    register_sites,
    seconds_until_next_change,
    tag,
    version_of,
)

__all__ = [
    "BELOW",
    "CACHE_ERRORS",
    "CONTENT",
    "content_version",
    "enabled",
    "invalidate",
    "invalidate_all",
    "reads",
    "register_schedule",
    "register_sites",
    "seconds_until_next_change",
    "tag",
    "version_of",
]
