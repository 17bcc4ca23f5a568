"""The articles: what an editor writes (Article, with its attachments), on the editorial
model of core/editorial.py; how they are filed (taxonomy.py) and the header banners
(banners.py) live beside it and are named here for the rest of the portal."""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

import pagecache
from core.compat import concrete_fields, is_new_upload
from core.editorial import Editorial, Status
from core.rules import holds
from core.text import html_to_text, image_alt_texts, nfc, sanitize_html, search_document, slugify_vi
from files.stored import StoredFile
from images.checks import validate_image
from images.markup import responsive_body
from images.renditions import store_image

from .addresses import PUBLIC_ROUTE_SLUGS, article_url, reserved_slugs, unique_slug, url_pattern
from .banners import SiteBanner
from .querysets import ArticleQuerySet
from .taxonomy import Category, Tag, Topic

__all__ = [
    "PUBLIC_ROUTE_SLUGS",
    "Article",
    "Attachment",
    "Category",
    "SiteBanner",
    "Tag",
    "Topic",
    "article_url",
    "reserved_slugs",
    "unique_slug",
    "url_pattern",
]

EXPIRED = _("Hết hạn")


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


# Kept by ratings.services alone (F-expressions, in the vote's transaction): an
# ordinary save of an article - the admin form, a revision restore - never writes them.
RATING_FIELDS = ("rating_sum", "rating_count", "legacy_rating_sum", "legacy_rating_count")


@reversion.register(exclude=list(RATING_FIELDS))
class Article(Editorial):
    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=200,
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
        help_text=_("Số cuối đường dẫn bài trên cổng NukeViet cũ (…-123.html), để liên kết cũ vẫn mở được."),
    )
    # Derived on save (core/text.py search_document): lower case, without
    # diacritics, "đ" as "d"; what search matches against, through a trigram index.
    search_title = models.CharField(max_length=255, editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    allow_rating = models.BooleanField(
        _("cho phép đánh giá"), default=True, help_text=_("Bỏ chọn để ẩn nút đánh giá sao của bài này.")
    )
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
        indexes = [
            # Home page latest list, feeds, sitemap: published() ORDER BY published_at DESC, id DESC,
            # of one site: a small commune's newest are found without walking the others'.
            models.Index(fields=["site", "status", "-published_at", "-id"], name="article_site_published_idx"),
            # Category pages and the newer/older lists of the article page. The site is in it
            # although the category implies it: the published articles are the site's
            # (SiteScopedManager), and a prepared statement's generic plan, taking the site for
            # an average one, would otherwise AND in the site's whole index (61 ms for a site of
            # 1,000,000 articles among 100 sites: bench/RESULTS.md, issue 24).
            models.Index(
                fields=["category", "site", "status", "-published_at", "-id"], name="article_category_site_idx"
            ),
            # The home page's featured article: the newest published one with is_featured.
            models.Index(
                fields=["site", "is_featured", "status", "-published_at", "-id"], name="article_site_featured_idx"
            ),
            # The page cache's next scheduled expiry (next_scheduled_change).
            models.Index(fields=["status", "expires_at"], name="article_expiry_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="article_slug_unique_per_site"),
            # Each old site is imported into its own site: the old ids are unique within one.
            models.UniqueConstraint(fields=["site", "legacy_id"], name="article_legacy_id_unique_per_site"),
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

    @classmethod
    def public_rule(cls, now) -> Q:
        """The editorial rule, and not yet expired."""
        return super().public_rule(now) & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))

    @classmethod
    def expired_rule(cls, now) -> Q:
        """Published, and past its expiry ("Hết hạn")."""
        return Q(status=Status.PUBLISHED, expires_at__lte=now)

    def is_expired(self, now=None) -> bool:
        return holds(self.expired_rule(now or timezone.now()), self)

    def public_state(self, now=None) -> str:
        """The status as readers experience it: scheduled and expired apart from "published"."""
        now = now or timezone.now()
        return EXPIRED if not self.is_scheduled(now) and self.is_expired(now) else super().public_state(now)

    @classmethod
    def next_change(cls, now=None):
        """The next moment an article appears or expires by itself."""
        now = now or timezone.now()
        moments = [
            super().next_change(now),
            # expires_at > now again: what lets article_expiry_idx find them (the rule's OR hides it).
            cls.objects.published(now).filter(expires_at__gt=now).aggregate(m=Min("expires_at"))["m"],
        ]
        return min((moment for moment in moments if moment), default=None)

    @staticmethod
    def cache_tag(pk) -> str:
        """The page cache's tag of the pages that show this article's rating totals."""
        return pagecache.tag("article", pk)

    @property
    def rating_average(self) -> float:
        return round(self.rating_sum / self.rating_count, 1) if self.rating_count else 0.0

    @property
    def rating_halves(self) -> int:
        """Half stars to light (0-10): the average as written beside them, to the nearest half
        (4,2 -> four stars, 4,3 and 4,5 -> four and a half, 4,8 -> five)."""
        return (round(self.rating_average * 10) + 2) // 5

    def clean(self):
        super().clean()
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
    page_cache_tags = (pagecache.CONTENT,)  # listed on the article's page

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(StoredFile.Meta):
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def get_absolute_url(self):
        name = slugify_vi(self.download_name.rsplit(".", 1)[0], 80) or "tep"
        return reverse("articles:attachment", kwargs={"pk": self.pk, "name": name, "ext": self.kind})


from .below import FeaturedFromBelow  # noqa: E402,F401 - a model of this app, in its own module
from .searchindex import SearchEntry  # noqa: E402,F401 - the search table (PostgreSQL), in its own module
