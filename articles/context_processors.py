from django.conf import settings

from core import chrome

from . import pagesql


def _chrome_from_database() -> dict:
    # The menu is the navigation app's (navigation/menu.py).
    return {"site_banner": pagesql.current_banner()}


def site_chrome() -> dict:
    """The live site banner (core/chrome.py: from the shared cache)."""
    return chrome.cached("site-chrome", _chrome_from_database)


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
