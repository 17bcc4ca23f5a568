"""The main menu (one level of nesting) and the links to other portals."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

import pagecache
from articles.models import Category
from core.compat import is_new_upload
from core.sites import SiteOwned, SiteQuerySet
from core.text import nfc
from images.checks import validate_image
from images.renditions import store_image


class MenuItem(SiteOwned):
    class Kind(models.TextChoices):
        CATEGORY = "category", _("Chuyên mục tin")
        PAGE = "page", _("Trang giới thiệu")
        PATH = "path", _("Trang của cổng (địa chỉ bắt đầu bằng /)")
        URL = "url", _("Trang web bên ngoài")

    label = models.CharField(
        _("tên trên menu"), max_length=60, blank=True, help_text=_("Để trống: lấy tên chuyên mục hoặc trang.")
    )
    kind = models.CharField(_("trỏ tới"), max_length=10, choices=Kind.choices, default=Kind.CATEGORY)
    category = models.ForeignKey(
        Category, verbose_name=_("chuyên mục"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "pages.Page",
        verbose_name=_("trang giới thiệu"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"language": "vi"},
    )
    path = models.CharField(
        _("địa chỉ trong cổng"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: /van-ban/, /gioi-thieu/, /gioi-thieu/lanh-dao/, /lien-he/, /en/."),
    )
    url = models.URLField(_("địa chỉ bên ngoài"), blank=True, help_text=_("Ví dụ: https://dangcongsan.vn/"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("nằm trong mục"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
        help_text=_("Để trống: mục ở hàng đầu của menu. Menu có một cấp mục con."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ đứng trước."))
    is_active = models.BooleanField(_("hiển thị"), default=True)

    objects = SiteQuerySet.as_manager()
    page_cache_tags = (pagecache.CONTENT,)  # the menu and the links are on every page

    class Meta:
        verbose_name = _("mục menu")
        verbose_name_plural = _("menu chính")
        ordering = ["order", "id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.label = nfc(self.label).strip()
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        if self.label:
            return self.label
        if self.kind == self.Kind.CATEGORY and self.category_id:
            return self.category.name
        if self.kind == self.Kind.PAGE and self.page_id:
            return self.page.title
        return self.path or self.url

    @property
    def href(self) -> str:
        if self.kind == self.Kind.CATEGORY:
            return self.category.get_absolute_url() if self.category_id else ""
        if self.kind == self.Kind.PAGE:
            return self.page.get_absolute_url() if self.page_id else ""
        return self.path if self.kind == self.Kind.PATH else self.url

    @property
    def is_external(self) -> bool:
        return self.kind == self.Kind.URL

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == self.Kind.CATEGORY and not self.category_id:
            errors["category"] = _("Hãy chọn chuyên mục.")
        if self.kind == self.Kind.PAGE and not self.page_id:
            errors["page"] = _("Hãy chọn trang giới thiệu.")
        if self.kind == self.Kind.PATH:
            errors.update(self._check_path())
        if self.kind == self.Kind.URL and not self.url:
            errors["url"] = _("Hãy nhập địa chỉ trang web, ví dụ https://dangcongsan.vn/.")
        if self.kind not in (self.Kind.CATEGORY, self.Kind.PAGE) and not self.label.strip():
            errors["label"] = _("Hãy đặt tên cho mục này.")
        if self.parent_id and (self.parent_id == self.pk or self.parent.parent_id):
            errors["parent"] = _("Menu chỉ có một cấp mục con: hãy chọn một mục ở hàng đầu.")
        if self.pk and self.parent_id and self.children.exists():
            errors["parent"] = _("Mục này đang có mục con nên phải ở hàng đầu của menu.")
        if errors:
            raise ValidationError(errors)

    def _check_path(self) -> dict:
        path = self.path.strip()
        if not path.startswith("/") or path.startswith("//"):
            return {"path": _("Địa chỉ trong cổng bắt đầu bằng “/”, ví dụ /van-ban/.")}
        try:
            resolve(path.split("?", 1)[0])
        except Resolver404:
            return {"path": _("Cổng không có trang ở địa chỉ này; hãy kiểm tra lại.")}
        self.path = path
        return {}


class WebLink(SiteOwned):
    """ "Liên kết website": the Party's and the province's portals, shown on every page."""

    name = models.CharField(_("tên"), max_length=120)
    url = models.URLField(_("địa chỉ"))
    logo = models.ImageField(
        _("biểu trưng"),
        upload_to="links/",
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
        validators=[validate_image],
        help_text=_("Tùy chọn. JPEG, PNG, WebP hoặc GIF; ảnh được kiểm tra và lưu lại sạch."),
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("hiển thị"), default=True)

    objects = SiteQuerySet.as_manager()
    page_cache_tags = (pagecache.CONTENT,)  # the menu and the links are on every page

    class Meta:
        verbose_name = _("liên kết website")
        verbose_name_plural = _("liên kết website")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        if is_new_upload(self.logo):
            store_image(self.logo)
        super().save(*args, **kwargs)
