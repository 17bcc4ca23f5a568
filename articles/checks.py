"""System checks of the articles app (`manage.py check`)."""

import re

from django.core.checks import Error, Tags, register

from pagecache.checks import route_segments

from .models import reserved_slugs

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@register(Tags.urls)
def check_reserved_slugs(app_configs=None, **kwargs):
    """A category's address is /<slug>/: every first segment another route owns must be
    refused as a category slug, or that category would hide the route (or the route it)."""
    missing = sorted(
        segment for segment in route_segments() if SLUG.fullmatch(segment) and segment not in reserved_slugs()
    )
    if missing:
        return [
            Error(
                f"URL routes start with {', '.join(missing)}, which a category could take as its slug.",
                hint="Add them to articles.models.PUBLIC_ROUTE_SLUGS (or PRIVATE_URL_PREFIXES if private).",
                id="articles.E001",
            )
        ]
    return []
