from django.conf import settings

from .models import Category, SiteBanner


def site(request):
    """The header and footer of every page: site identity, navigation, the live banner.

    Two small queries per page (categories, banner), both lazy: a template
    that does not show them costs none.
    """
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
        "nav_categories": Category.objects.filter(is_active=True, parent__isnull=True),
        "site_banner": SiteBanner.objects.current().first,
    }
