"""What every page's header and footer show (menu, banner, links), kept in the shared cache."""

import contextlib
from collections.abc import Callable

from django.core.cache import cache

import pagecache

from .sites import current_site_id


def cached(name: str, build: Callable[[], dict]) -> dict:
    """`build()` for the site being served, from the shared cache when it has it.

    Kept under the content version (any edit of what the header or footer shows bumps it)
    and never past the next scheduled change, so the chrome is never stale and most pages
    spend no query on it. With the cache down the page is still made, from the database.
    """
    if not pagecache.enabled():
        return build()
    try:
        version = pagecache.content_version()
        key = f"{name}:{current_site_id()}:{version}"
        chrome = cache.get(key)
    except pagecache.CACHE_ERRORS:
        return build()
    if chrome is None:
        chrome = build()
        # The cache may go between one call and the next (a Redis killed mid-request): the
        # page is made all the same, and the chrome not kept this time.
        with contextlib.suppress(*pagecache.CACHE_ERRORS):
            until_change = pagecache.seconds_until_next_change(version)
            timeout = 300 if until_change is None else min(300, until_change)
            if timeout > 0:
                cache.set(key, chrome, timeout)
    return chrome
