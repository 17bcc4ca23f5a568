"""A site beside Django's `Site` (main host name and name): its identity, its place in the
network, whether it is an archive; and the other host names it answers to."""

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

import pagecache
from core.roles import ADMINS, ROLES

from .hosts import HOST_HELP, normalise_host, validate_host_form, without_port

# The registry's version (pagecache.version_of), the installation's, not a site's: a change to
# a site, its settings or its host names bumps it and every process reloads (registry.py).
NETWORK = "network"


def validate_host(host: str, *, exclude_site=None, exclude_host_name=None) -> None:
    """A well-formed name that no other site (nor another name of this one) already has."""
    validate_host_form(host)
    bare = without_port(host)
    for site in Site.objects.exclude(pk=exclude_site):
        if without_port(site.domain) == bare:
            raise ValidationError(
                _("Tên miền %(host)s đã là tên chính của trang %(site)s."), params={"host": bare, "site": site.name}
            )
    taken = HostName.objects.exclude(pk=exclude_host_name).filter(host=bare).select_related("site").first()
    if taken:
        raise ValidationError(
            _("Tên miền %(host)s đã thuộc trang %(site)s."), params={"host": bare, "site": taken.site.name}
        )


class SiteSettings(models.Model):
    site = models.OneToOneField(
        Site, primary_key=True, on_delete=models.CASCADE, related_name="settings", verbose_name=_("trang")
    )
    tagline = models.CharField(_("dòng giới thiệu"), max_length=255, blank=True)
    # The English pages' header and footer (pages/, people/, contact/): empty, the Vietnamese
    # name and tagline are shown there, marked as Vietnamese.
    name_en = models.CharField(
        _("tên tiếng Anh"), max_length=255, blank=True, help_text=_("Ví dụ: Dong Thap Provincial Party Committee.")
    )
    tagline_en = models.CharField(_("dòng giới thiệu tiếng Anh"), max_length=255, blank=True)
    owner = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    responsible = models.CharField(_("người chịu trách nhiệm"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    licence = models.CharField(_("giấy phép"), max_length=255, blank=True)
    logo = models.CharField(
        _("biểu trưng"),
        max_length=255,
        blank=True,
        help_text=_("Đường dẫn tệp tĩnh (img/favicon.svg) hoặc địa chỉ ảnh; để trống: chỉ hiện tên."),
    )
    map_url = models.URLField(_("bản đồ"), max_length=500, blank=True)
    contact_email = models.EmailField(
        _("hộp thư nhận góp ý"), blank=True, help_text=_("Để trống: thư điện tử của trang.")
    )
    parent = models.ForeignKey(
        Site,
        verbose_name=_("trang cấp trên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children_settings",
        help_text=_("Tỉnh ủy là cấp trên của các xã, phường: trang chủ của cấp trên hiện tin mới của cấp dưới."),
    )
    archived_on = models.DateField(
        _("ngừng hoạt động từ ngày"),
        null=True,
        blank=True,
        help_text=_("Trang lưu trữ: bạn đọc vẫn xem được mọi trang, nhưng không gửi góp ý, đánh giá hay đăng tin mới."),
    )
    successor = models.ForeignKey(
        Site,
        verbose_name=_("trang kế tục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors_settings",
    )

    page_cache_tags = (pagecache.CONTENT,)  # its site's pages; the registry: apps.py

    class Meta:
        verbose_name = _("thông tin trang")
        verbose_name_plural = _("thông tin trang")

    def __str__(self):
        return str(self.site)

    def clean(self):
        errors = {}
        if self.parent_id and self.parent_id == self.site_id:
            errors["parent"] = _("Một trang không thể là cấp trên của chính nó.")
        elif self.parent_id and self.site_id:
            seen, above = {self.site_id}, self.parent_id
            while above:
                if above in seen:
                    errors["parent"] = _("Trang này đã là cấp trên (trực tiếp hay gián tiếp) của trang được chọn.")
                    break
                seen.add(above)
                above = SiteSettings.objects.filter(pk=above).values_list("parent_id", flat=True).first()
        if self.successor_id and self.successor_id == self.site_id:
            errors["successor"] = _("Một trang không thể kế tục chính nó.")
        if self.successor_id and not self.archived_on:
            errors["archived_on"] = _("Chỉ trang lưu trữ mới có trang kế tục: hãy nhập ngày ngừng hoạt động.")
        if errors:
            raise ValidationError(errors)


class HostName(models.Model):
    """Another name a site answers to: a 301 to its main name (Site.domain), or, for the names
    the IT team uses itself (127.0.0.1 for a health probe), the site served as it is."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="host_names", verbose_name=_("trang"))
    host = models.CharField(_("tên miền"), max_length=253, unique=True, help_text=HOST_HELP)
    redirect = models.BooleanField(
        _("chuyển về tên chính"),
        default=True,
        help_text=_("Bỏ chọn chỉ cho tên nội bộ: trang được phục vụ ngay trên tên này, không chuyển hướng."),
    )

    class Meta:
        verbose_name = _("tên miền khác")
        verbose_name_plural = _("tên miền khác")
        ordering = ["host"]

    def __str__(self):
        return self.host

    def clean(self):
        host = normalise_host(self.host)
        validate_host(host, exclude_host_name=self.pk)
        self.host = without_port(host)


class Membership(models.Model):
    """A person's role at one site: what they may do there (core/roles.py), and nowhere else."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("tài khoản")
    )
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("trang"))
    role = models.CharField(_("vai trò"), max_length=64, choices=[(role, role) for role in ROLES])

    class Meta:
        verbose_name = _("vai trò ở một trang")
        verbose_name_plural = _("vai trò ở các trang")
        ordering = ["site__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "site"],
                name="network_one_role_per_site",
                violation_error_message=_("Người này đã có vai trò ở trang này: hãy sửa vai trò đó."),
            )
        ]

    def __str__(self):
        return f"{self.role} - {self.site}"


def administrators(site_id) -> models.QuerySet:
    return Membership.objects.filter(site_id=site_id, role=ADMINS, user__is_active=True)
