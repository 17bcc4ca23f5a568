"""The header image of the whole site, shown in a date window, and when it changes by itself."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import pagecache
from core.compat import is_new_upload
from core.rules import holds
from core.sites import SiteOwned
from core.text import nfc
from images.checks import validate_image
from images.renditions import store_image

from .querysets import SiteBannerQuerySet, banner_coming_rule, banner_past_rule


class SiteBanner(SiteOwned):
    """The header image of the whole site, shown in a date window ("Banner 30-4-2024")."""

    image = models.ImageField(
        _("ảnh"),
        upload_to="banners/%Y/",
        width_field="image_width",
        height_field="image_height",
        validators=[validate_image],
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt = models.CharField(_("mô tả ảnh (alt)"), max_length=255, help_text=_("Ví dụ: Banner 30-4-2024."))
    link = models.URLField(_("liên kết"), blank=True)
    shown_from = models.DateTimeField(_("hiển thị từ"), default=timezone.now)
    shown_until = models.DateTimeField(_("hiển thị đến"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ hơn được ưu tiên."))
    is_active = models.BooleanField(_("đang dùng"), default=True)

    objects = SiteBannerQuerySet.as_manager()
    page_cache_tags = (pagecache.CONTENT,)  # on every page's header

    class Meta:
        verbose_name = _("banner đầu trang")
        verbose_name_plural = _("banner đầu trang")
        ordering = ["order", "-shown_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(shown_until__isnull=True) | Q(shown_until__gt=F("shown_from")),
                name="sitebanner_window_ordered",
                violation_error_message=_("Thời điểm kết thúc phải sau thời điểm bắt đầu."),
            ),
        ]

    def __str__(self):
        return self.alt

    def save(self, *args, **kwargs):
        self.alt = nfc(self.alt).strip()
        if is_new_upload(self.image):
            store_image(self.image)  # re-encoded, with its renditions
        super().save(*args, **kwargs)

    def state(self, now=None) -> str:
        """What the admin's list says of it: off, coming, live or past."""
        now = now or timezone.now()
        if not self.is_active:
            return _("Tắt")
        if holds(banner_coming_rule(now), self):
            return _("Sắp hiển thị")
        if holds(banner_past_rule(now), self):
            return _("Đã qua")
        return _("Đang hiển thị")

    def clean(self):
        super().clean()
        if self.shown_until and self.shown_from and self.shown_until <= self.shown_from:
            raise ValidationError({"shown_until": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")})


def next_banner_change(now=None):
    """The next moment a banner appears or ends by itself: the page cache keeps no page past it."""
    now = now or timezone.now()
    moments = [
        SiteBanner.objects.coming(now).aggregate(m=Min("shown_from"))["m"],
        SiteBanner.objects.current(now).filter(shown_until__gt=now).aggregate(m=Min("shown_until"))["m"],
    ]
    return min((moment for moment in moments if moment), default=None)
