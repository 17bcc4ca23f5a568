from django.templatetags.static import static

from core import chrome
from core.sites import site_url
from network.registry import NO_SITE, registry

from . import pagesql


def _chrome_from_database() -> dict:
    # The menu is the navigation app's (navigation/menu.py).
    return {"site_banner": pagesql.current_banner()}


def site_chrome() -> dict:
    """The live site banner (core/chrome.py: from the shared cache)."""
    return chrome.cached("site-chrome", _chrome_from_database)


def site_logo(logo: str) -> str:
    """A site's emblem: a static file's path (img/favicon.svg), or an address (/media/…, https://…);
    empty: the header shows the name alone."""
    if not logo or logo.startswith(("/", "https://", "http://")):
        return logo
    return static(logo)


def archive_notice(request, current) -> dict | None:
    """An archive's notice (every page): since when, and where its work goes on."""
    if not current.is_archive:
        return None
    successor = registry.site(current.successor_id) if current.successor_id else None
    return {
        "since": current.archived_on.strftime("%d/%m/%Y"),
        "successor_name": successor.name if successor else "",
        "successor_url": site_url(request, successor) if successor else "",
    }


def site(request):
    """The header and footer of every page: the request's site (network/: its identity, from
    memory), navigation, the live banner."""
    current = getattr(request, "site", NO_SITE)
    return {
        "site": {
            "pk": current.pk,
            "domain": current.domain,
            "name": current.name,
            "tagline": current.tagline,
            "name_en": current.name_en,
            # The English pages' name, and "vi" where it is the Vietnamese one for want of an English one
            "name_english": current.name_in("en"),
            "name_english_lang": "" if current.name_en else "vi",
            "tagline_en": current.tagline_en,
            "owner": current.owner,
            "responsible": current.responsible,
            "address": current.address,
            "phone": current.phone,
            "email": current.email,
            "licence": current.licence,
            "office": current.office,
            "logo": site_logo(current.logo),
            "is_archive": current.is_archive,
            "archive": archive_notice(request, current),
        },
        **site_chrome(),
    }
