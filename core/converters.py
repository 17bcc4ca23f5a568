"""URL converters shared by the apps' routes (registered in core/apps.py)."""

from django.urls.converters import IntConverter


class IdConverter(IntConverter):
    """A row id: at most 18 digits. Django's <int:> takes any number of them, and an id
    beyond a 64-bit integer then fails in the database driver (a 500) instead of a 404."""

    regex = "[0-9]{1,18}"
