"""A stored photo as a small <img> for the admin: the lists' thumbnail column and the preview
beside a photo field. The narrowest rendition when it exists (renditions.py), never the
2000 px original when a 480 px copy will do."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.compat import is_new_upload

from . import deferred
from .renditions import RENDITION_WIDTHS, has_renditions, rendition_name, rendition_widths


def thumbnail(field_file, width: int | None, height: int | None, alt: str, shown_width: int, empty="-") -> str:
    """<img> `shown_width` CSS pixels wide, or `empty` for no photo or one just chosen and not stored
    yet (a form sent back with errors shows that one itself: images/forms.py). Computed from the
    stored name and size: no disk read."""
    name = getattr(field_file, "name", "")
    if not name or is_new_upload(field_file):
        return empty
    small = RENDITION_WIDTHS[0]
    url = field_file.url
    if has_renditions(name) and small in rendition_widths(width) and deferred.ready(name):
        url = field_file.storage.url(rendition_name(name, small))
    shown_height = round(shown_width * height / width) if width and height else shown_width
    return format_html(
        '<img class="admin-thumbnail" src="{}" alt="{}" width="{}" height="{}" loading="lazy">',
        url,
        alt or _("Ảnh chưa có mô tả"),
        shown_width,
        shown_height,
    )
