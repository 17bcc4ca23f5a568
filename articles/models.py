import functools

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

import pagecache
from core.compat import concrete_fields, is_new_upload
from core.rules import holds
from core.text import html_to_text, image_alt_texts, nfc, sanitize_html, search_document, slugify_vi
from files.stored import StoredFile
from images.checks import validate_image
from images.markup import responsive_body
from images.renditions import store_image

from .querysets import (
    ArticleQuerySet,
    CategoryQuerySet,
    SiteBannerQuerySet,
    Status,
    banner_coming_rule,
    banner_past_rule,
    expired_rule,
    published_rule,
    scheduled_rule,
)

# First URL segments that belong to other routes: a category may not take one. The
# private ones come from settings.PRIVATE_URL_PREFIXES; articles/checks.py makes sure
# every route of the URL configuration is in the list.
PUBLIC_ROUTE_SLUGS = frozenset(
    {
        "static",
        "media",
        "rss",
        "tag",
        "dong-su-kien",
        "tim-kiem",
        "news",
        "sitemap-xml",
        "robots-txt",
        "api",
        "ban-in",
        "van-ban",
        "laws",
        "tep-dinh-kem",
        # Introduction pages, English pages, contact.
        "gioi-thieu",
        "en",
        "lien-he",
        # The old NukeViet portal's module names, index.php and uploads (nukeviet/urls.py; a test
        # holds this list to nukeviet/links.py): their old links are answered there.
        "page",
        "about",
        "contact",
        "siteterms",
        "seek",
        "feeds",
        "users",
        "statistics",
        "voting",
        "banners",
        "comment",
        "menu",
        "freecontent",
        "two-step-verification",
        "myapi",
        "index",
        "uploads",
        "assets",
    }
)


def reserved_slugs() -> frozenset[str]:
    private = {prefix.strip("/").split("/")[0] for prefix in settings.PRIVATE_URL_PREFIXES}
    return PUBLIC_ROUTE_SLUGS | private


@functools.cache
def url_pattern(name: str, *kwargs: str) -> str:
    """reverse() once, kept as a str.format pattern: a page lists dozens of articles,
    and a reverse() per link was a fifth of the time it took to render one."""
    markers = {key: 918273600 + index if key == "pk" else f"__{key}__" for index, key in enumerate(kwargs)}
    url = reverse(name, kwargs=markers)
    for key, marker in markers.items():
        url = url.replace(str(marker), f"{{{key}}}", 1)
    return url


def article_url(category_slug: str, slug: str, pk: int) -> str:
    return url_pattern("articles:detail", "category", "slug", "pk").format(category=category_slug, slug=slug, pk=pk)


def article_search_text(article) -> str:
    """Every text a reader sees on the article's page: title, lead, body (its captions
    included), the images' alt texts, the lead photo's caption and alt, the author."""
    return search_document(
        article.title,
        article.summary,
        html_to_text(article.body),
        image_alt_texts(article.body),
        article.lead_image_caption,
        article.lead_image_alt,
        article.author,
    )


def unique_slug(instance: models.Model, base: str, max_length: int) -> str:
    """base, or base-2, base-3 ... whichever no other row of the model uses."""
    base = base[:max_length] or "bai-viet"
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, n = base, 2
    while others.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
        n += 1
    return slug


class Category(models.Model):
    name = models.CharField(_("tên chuyên mục"), max_length=120)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=120,
        unique=True,
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

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["order", "name"]

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
        if Category.objects.exclude(pk=self.pk).filter(slug=slug).exists():
            message = _("Đường dẫn “%(slug)s” đã có chuyên mục khác dùng; hãy nhập một đường dẫn khác.")
            raise ValidationError({"slug": message % {"slug": slug}})


class Tag(models.Model):
    """A keyword (từ khóa); each has a page listing its articles."""

    name = models.CharField(_("từ khóa"), max_length=100)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)

    class Meta:
        verbose_name = _("từ khóa")
        verbose_name_plural = _("từ khóa")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.slug = unique_slug(self, slugify_vi(self.slug or self.name, 120), 120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class Topic(models.Model):
    """A series of related articles (dòng sự kiện), read in the order they were published."""

    name = models.CharField(_("tên dòng sự kiện"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=200, unique=True, blank=True)
    description = models.TextField(_("giới thiệu"), blank=True)
    is_active = models.BooleanField(_("hiển thị"), default=True)

    class Meta:
        verbose_name = _("dòng sự kiện")
        verbose_name_plural = _("dòng sự kiện")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.description = nfc(self.description)
        self.slug = unique_slug(self, slugify_vi(self.slug or self.name, 200), 200)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


# Kept by ratings.services alone (F-expressions, in the vote's transaction): an
# ordinary save of an article - the admin form, a revision restore - never writes them.
RATING_FIELDS = ("rating_sum", "rating_count", "legacy_rating_sum", "legacy_rating_count")


@reversion.register(exclude=list(RATING_FIELDS))
class Article(models.Model):
    Status = Status

    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Tạo tự động từ tiêu đề; chỉ chữ không dấu, số và dấu gạch ngang."),
    )
    category = models.ForeignKey(
        Category, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    # Also listed on these categories' pages and feeds (NukeViet's listcatid); its address and
    # its "newer/older" lists stay those of `category`.
    extra_categories = models.ManyToManyField(
        Category,
        verbose_name=_("chuyên mục khác"),
        blank=True,
        related_name="extra_articles",
        help_text=_("Bài cũng hiện trong danh sách tin của các chuyên mục này."),
    )
    summary = models.TextField(
        _("tóm tắt (sapo)"), help_text=_("Đoạn mở đầu, in đậm dưới tiêu đề và trong danh sách tin.")
    )
    body = CKEditor5Field(_("nội dung"), config_name="article", blank=True)
    author = models.CharField(
        _("tác giả"),
        max_length=255,
        blank=True,
        help_text=_("In nguyên văn ở cuối bài, ví dụ: Đồng chí … - Phó Bí thư Thường trực Huyện ủy."),
    )
    lead_image = models.ImageField(
        _("ảnh đại diện"),
        upload_to="articles/%Y/%m/",
        width_field="lead_image_width",
        height_field="lead_image_height",
        blank=True,
        validators=[validate_image],
        help_text=_("JPEG, PNG, WebP hoặc GIF; ảnh được kiểm tra, xoay đúng chiều và xóa thông tin EXIF."),
    )
    lead_image_alt = models.CharField(
        _("mô tả ảnh (alt)"),
        max_length=255,
        blank=True,
        help_text=_("Bắt buộc khi có ảnh: mô tả nội dung ảnh cho người khiếm thị."),
    )
    lead_image_caption = models.CharField(_("chú thích ảnh"), max_length=500, blank=True)
    # Stored so that pages print width/height (no layout shift) without opening the file.
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("thời điểm xuất bản"),
        default=timezone.now,
        help_text=_("Đặt thời điểm trong tương lai để hẹn giờ đăng."),
    )
    expires_at = models.DateTimeField(
        _("hết hạn hiển thị"), null=True, blank=True, help_text=_("Để trống nếu bài hiển thị mãi.")
    )
    is_featured = models.BooleanField(_("tin nổi bật"), default=False)
    show_on_home = models.BooleanField(
        _("hiện trên trang chủ"),
        default=True,
        help_text=_("Bỏ chọn để bài không hiện ở trang chủ; bài vẫn có trong chuyên mục, tìm kiếm và RSS."),
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("từ khóa"), blank=True, related_name="articles")
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("dòng sự kiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    legacy_id = models.PositiveIntegerField(
        _("mã bài trên cổng cũ"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("Số cuối đường dẫn bài trên cổng NukeViet cũ (…-123.html), để liên kết cũ vẫn mở được."),
    )
    # Derived on save (core/text.py search_document): lower case, without
    # diacritics, "đ" as "d"; what search matches against, through a trigram index.
    search_title = models.CharField(max_length=255, editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    allow_rating = models.BooleanField(
        _("cho phép đánh giá"), default=True, help_text=_("Bỏ chọn để ẩn nút đánh giá sao của bài này.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    # Rating totals, kept by ratings.services in the same transaction as each
    # vote: the article page shows them without an aggregate.
    rating_sum = models.PositiveIntegerField(_("tổng số điểm"), default=0, editable=False)
    rating_count = models.PositiveIntegerField(_("số lượt đánh giá"), default=0, editable=False)
    # The old NukeViet portal's totals (total_rating over click_rating), brought by the
    # importer: part of the totals above, which recount_ratings rebuilds as these plus the votes.
    legacy_rating_sum = models.PositiveIntegerField(_("tổng điểm trên cổng cũ"), default=0, editable=False)
    legacy_rating_count = models.PositiveIntegerField(_("số lượt đánh giá trên cổng cũ"), default=0, editable=False)
    # How often the old portal had shown it (NukeViet's hitstotal, nukeviet/news.py): part of the
    # total editors see, never of "Xem nhiều" (which counts the portal's own recent views).
    legacy_views = models.PositiveIntegerField(_("lượt xem trên cổng cũ"), default=0, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-published_at", "-id"]
        permissions = [
            ("publish_article", _("Có thể duyệt, xuất bản, hẹn giờ và gỡ bài viết")),
            ("change_any_article", _("Có thể sửa bài viết của người khác")),
        ]
        indexes = [
            # Home page latest list, feeds, sitemap: published() ORDER BY published_at DESC, id DESC.
            models.Index(fields=["status", "-published_at", "-id"], name="article_published_idx"),
            # Category pages and the newer/older lists of the article page.
            models.Index(fields=["category", "status", "-published_at", "-id"], name="article_category_idx"),
            # The home page's featured article: the newest published one with is_featured.
            models.Index(fields=["is_featured", "status", "-published_at", "-id"], name="article_featured_idx"),
            # The page cache's next scheduled expiry (next_scheduled_change).
            models.Index(fields=["status", "expires_at"], name="article_expiry_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating_sum__gte=F("rating_count")) & Q(rating_sum__lte=F("rating_count") * 5),
                name="article_rating_totals_in_range",
                violation_error_message=_("Tổng điểm đánh giá không khớp với số lượt đánh giá."),
            ),
            models.CheckConstraint(
                condition=Q(legacy_rating_sum__gte=F("legacy_rating_count"))
                & Q(legacy_rating_sum__lte=F("legacy_rating_count") * 5),
                name="article_legacy_rating_in_range",
                violation_error_message=_("Tổng điểm đánh giá trên cổng cũ không khớp với số lượt đánh giá."),
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=F("published_at")),
                name="article_expires_after_published",
                violation_error_message=_("Thời điểm hết hạn phải sau thời điểm xuất bản."),
            ),
            models.CheckConstraint(
                condition=Q(lead_image="") | ~Q(lead_image_alt=""),
                name="article_lead_image_has_alt",
                violation_error_message=_("Hãy nhập mô tả ảnh (alt) cho ảnh đại diện."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for field in ("title", "summary", "author", "lead_image_alt", "lead_image_caption"):
            setattr(self, field, nfc(getattr(self, field)).strip())
        self.body = sanitize_html(self.body)
        self.body = responsive_body(self.body)  # srcset, width/height, lazy loading of stored images
        self.search_title = search_document(self.title)
        self.search_text = article_search_text(self)
        self.slug = unique_slug(self, slugify_vi(self.slug or self.title, 200), 200)
        if is_new_upload(self.lead_image):
            store_image(self.lead_image)  # re-encoded, with its renditions
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            # An editor's form was loaded before the latest votes: saving it must not
            # write its stale totals back.
            kwargs["update_fields"] = [
                field.name
                for field in concrete_fields(self)
                if not field.primary_key and field.name not in RATING_FIELDS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return article_url(self.category.slug, self.slug, self.pk)

    def is_published(self, now=None) -> bool:
        return holds(published_rule(now or timezone.now()), self)

    def public_state(self, now=None) -> str:
        """The status as readers experience it: its label, scheduled and expired apart from "published"."""
        now = now or timezone.now()
        if holds(scheduled_rule(now), self):
            return _("Hẹn giờ đăng")
        if holds(expired_rule(now), self):
            return _("Hết hạn")
        return self.get_status_display()

    @staticmethod
    def cache_tag(pk) -> str:
        """The page cache's tag of the pages that show this article's rating totals."""
        return pagecache.tag("article", pk)

    @property
    def rating_average(self) -> float:
        return round(self.rating_sum / self.rating_count, 1) if self.rating_count else 0.0

    @property
    def rating_rounded(self) -> int:
        """Stars to light: the average rounded half up (4.4 -> 4, 4.5 -> 5)."""
        return (2 * self.rating_sum + self.rating_count) // (2 * self.rating_count) if self.rating_count else 0

    def clean(self):
        errors = {}
        if self.lead_image and not self.lead_image_alt.strip():
            errors["lead_image_alt"] = _("Hãy nhập mô tả ảnh (alt) cho ảnh đại diện.")
        if self.expires_at and self.published_at and self.expires_at <= self.published_at:
            errors["expires_at"] = _("Thời điểm hết hạn phải sau thời điểm xuất bản.")
        if errors:
            raise ValidationError(errors)


class Attachment(StoredFile):
    """A file readers download from an article ("Tệp đính kèm"): checked by content like
    the documents register's files (files/checks.py), stored under a random name."""

    UPLOAD_FOLDER = "attachments"

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(StoredFile.Meta):
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def get_absolute_url(self):
        name = slugify_vi(self.download_name.rsplit(".", 1)[0], 80) or "tep"
        return reverse("articles:attachment", kwargs={"pk": self.pk, "name": name, "ext": self.kind})


class SiteBanner(models.Model):
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
        if self.shown_until and self.shown_from and self.shown_until <= self.shown_from:
            raise ValidationError({"shown_until": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")})


def next_scheduled_change(now=None):
    """The next moment the public site changes by itself: a scheduled article or
    banner appears, or one expires. The page cache keeps no page past it."""
    now = now or timezone.now()
    moments = [
        Article.objects.scheduled(now).aggregate(m=Min("published_at"))["m"],
        # expires_at > now again: what lets article_expiry_idx find them (the rule's OR hides it).
        Article.objects.published(now).filter(expires_at__gt=now).aggregate(m=Min("expires_at"))["m"],
        SiteBanner.objects.coming(now).aggregate(m=Min("shown_from"))["m"],
        SiteBanner.objects.current(now).filter(shown_until__gt=now).aggregate(m=Min("shown_until"))["m"],
    ]
    return min((moment for moment in moments if moment), default=None)
