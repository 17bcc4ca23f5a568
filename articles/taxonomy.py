"""How articles are filed: categories (the menu, the home page's blocks, each with its page
and feed), keywords (từ khóa) and series of related articles (dòng sự kiện)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

import pagecache
from core.sites import SiteOwned, SiteQuerySet
from core.text import nfc, slugify_vi

from .addresses import reserved_slugs, unique_slug, url_pattern
from .querysets import CategoryQuerySet


class Category(SiteOwned):
    name = models.CharField(_("tên chuyên mục"), max_length=120)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=120,
        blank=True,
        help_text=_("Để trống để tạo tự động từ tên (ví dụ: xay-dung-dang)."),
    )
    description = models.TextField(_("giới thiệu"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("chuyên mục cha"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("hiển thị"), default=True)
    show_on_home = models.BooleanField(
        _("khối trên trang chủ"),
        default=True,
        help_text=_("Bỏ chọn để trang chủ không có khối tin của chuyên mục này; chuyên mục vẫn có trên menu."),
    )
    legacy_alias = models.CharField(
        _("tên chuyên mục trên cổng cũ"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("Đường dẫn của chuyên mục trên cổng NukeViet cũ (/news/<tên>/), để liên kết cũ vẫn mở được."),
    )

    objects = CategoryQuerySet.as_manager()
    page_cache_tags = (pagecache.CONTENT,)  # the menu is on every page

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="category_slug_unique_per_site")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.description = nfc(self.description)
        self.slug = slugify_vi(self.slug or self.name, 120)
        self.check_slug_free()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return url_pattern("articles:category", "slug").format(slug=self.slug)

    def clean(self):
        super().clean()
        self.check_slug_free()
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Chuyên mục không thể là cha của chính nó.")})

    def check_slug_free(self):
        """A category's slug is the first URL segment: refuse the ones other routes or
        other categories own ("Kinh tế Xã hội" and "Kinh tế - Xã hội" make the same)."""
        slug = slugify_vi(self.slug or self.name, 120)
        if slug in reserved_slugs():
            message = _("Đường dẫn “%(slug)s” đã dành cho trang khác của cổng, hãy chọn đường dẫn khác.")
            raise ValidationError({"slug": message % {"slug": slug}})
        if Category.objects.on(self.site_id).exclude(pk=self.pk).filter(slug=slug).exists():
            message = _("Đường dẫn “%(slug)s” đã có chuyên mục khác dùng; hãy nhập một đường dẫn khác.")
            raise ValidationError({"slug": message % {"slug": slug}})


class Tag(SiteOwned):
    """A keyword (từ khóa); each has a page listing its articles."""

    name = models.CharField(_("từ khóa"), max_length=100)
    slug = models.SlugField(_("đường dẫn"), max_length=120, blank=True)

    objects = SiteQuerySet.as_manager()
    page_cache_tags = (pagecache.CONTENT,)  # named on the articles' pages

    class Meta:
        verbose_name = _("từ khóa")
        verbose_name_plural = _("từ khóa")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="tag_slug_unique_per_site")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.slug = unique_slug(self, slugify_vi(self.slug or self.name, 120), 120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class Topic(SiteOwned):
    """A series of related articles (dòng sự kiện), read in the order they were published."""

    name = models.CharField(_("tên dòng sự kiện"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=200, blank=True)
    description = models.TextField(_("giới thiệu"), blank=True)
    is_active = models.BooleanField(_("hiển thị"), default=True)

    objects = SiteQuerySet.as_manager()
    page_cache_tags = (pagecache.CONTENT,)  # named on the articles' pages

    class Meta:
        verbose_name = _("dòng sự kiện")
        verbose_name_plural = _("dòng sự kiện")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="topic_slug_unique_per_site")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.description = nfc(self.description)
        self.slug = unique_slug(self, slugify_vi(self.slug or self.name, 200), 200)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})
