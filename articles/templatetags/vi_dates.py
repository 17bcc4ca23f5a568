from django import template
from django.utils import timezone

register = template.Library()

# Django's "vi" locale prints "Thứ 4"; the portal writes weekdays in words, as
# the old site and Vietnamese newspapers do. Monday is 0, as in date.weekday().
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


@register.filter
def ngay_gio(value) -> str:
    """datetime -> 'Thứ tư - 02/02/2022 06:32' in the site's time zone."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{WEEKDAYS[local.weekday()]} - {local:%d/%m/%Y %H:%M}"


@register.filter
def ngay(value) -> str:
    """datetime -> '02/02/2022' in the site's time zone."""
    if not value:
        return ""
    return f"{timezone.localtime(value):%d/%m/%Y}"
