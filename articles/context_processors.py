from django.conf import settings
from django.core.cache import cache

import pagecache

from . import pagesql


def _chrome_from_database() -> dict:
    return {"nav_categories": pagesql.nav_categories(), "site_banner": pagesql.current_banner()}


def site_chrome() -> dict:
    """The navigation and the live site banner, from the shared cache.

    Kept under the content version (any edit of a category or banner bumps it)
    and never past the next scheduled change, so the header is never stale and
    most pages spend no query on it.
    """
    if not pagecache.enabled():
        return _chrome_from_database()
    try:
        version = pagecache.content_version()
        key = f"site-chrome:{version}"
        chrome = cache.get(key)
    except pagecache.CACHE_ERRORS:
        return _chrome_from_database()  # the cache is down: the page is still made
    if chrome is None:
        chrome = _chrome_from_database()
        until_change = pagecache.seconds_until_next_change(version)
        timeout = 300 if until_change is None else min(300, until_change)
        if timeout > 0:
            cache.set(key, chrome, timeout)
    return chrome


def site(request):
    """The header and footer of every page: site identity, navigation, the live banner."""
    return {
        "site": {
            "name": settings.SITE_NAME,
            "tagline": settings.SITE_TAGLINE,
            "owner": settings.SITE_OWNER,
            "responsible": settings.SITE_RESPONSIBLE,
            "address": settings.SITE_ADDRESS,
            "phone": settings.SITE_PHONE,
            "email": settings.SITE_EMAIL,
            "licence": settings.SITE_LICENCE,
        },
        **site_chrome(),
    }
