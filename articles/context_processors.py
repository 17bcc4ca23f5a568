from django.conf import settings
from django.templatetags.static import static

from core import chrome

from . import pagesql


def _chrome_from_database() -> dict:
    # The menu is the navigation app's (navigation/menu.py).
    return {"site_banner": pagesql.current_banner()}


def site_chrome() -> dict:
    """The live site banner (core/chrome.py: from the shared cache)."""
    return chrome.cached("site-chrome", _chrome_from_database)


def site_logo() -> str:
    """SITE_LOGO: a static file's path (img/favicon.svg), or an address (/media/…, https://…);
    empty: the header shows the name alone."""
    logo = settings.SITE_LOGO
    if not logo or logo.startswith(("/", "https://", "http://")):
        return logo
    return static(logo)


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
            "logo": site_logo(),
        },
        **site_chrome(),
    }
