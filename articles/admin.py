from datetime import timedelta

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.db import models
from django.db.models import OuterRef, Subquery, Sum
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from reversion_compare.admin import CompareVersionAdmin

from core.sites import current_site_id
from core.workflow import WorkflowAdminMixin
from images.thumbnails import thumbnail
from network.registry import registry, sites_below

from . import display, editlock
from .forms import ArticleAdminForm, SiteBannerAdminForm
from .models import Article, Attachment, Category, FeaturedFromBelow, SiteBanner, Tag, Topic

Status = Article.Status
LOCK_UNAVAILABLE = _(
    "Tạm thời không kiểm tra được ai khác đang mở bài này để sửa (bộ nhớ đệm dùng chung không trả lời); "
    "bạn vẫn sửa và lưu được bình thường."
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "order", "is_active", "show_on_home"]
    list_editable = ["order", "is_active", "show_on_home"]
    list_filter = ["is_active", "show_on_home"]
    search_fields = ["name"]
    fields = ["name", "slug", "description", "parent", "order", "is_active", "show_on_home", "legacy_alias"]

    class Media:
        js = ["js/admin-slug.js"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]

    class Media:
        js = ["js/admin-slug.js"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "slug"]

    class Media:
        js = ["js/admin-slug.js"]


class ArticleStatusFilter(admin.SimpleListFilter):
    """Status as readers experience it: scheduled and expired apart from "published"."""

    title = _("trạng thái")
    parameter_name = "tinh-trang"

    def lookups(self, request, model_admin):
        return [
            *Status.choices,
            ("scheduled", _("Hẹn giờ đăng")),
            ("expired", _("Hết hạn")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "scheduled":
            return queryset.scheduled()
        if value == "expired":
            return queryset.expired()
        if value == Status.PUBLISHED:
            return queryset.published()
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["file", "name", "order", "details"]
    readonly_fields = ["details"]
    verbose_name_plural = _("tệp đính kèm (PDF, Word, Excel, PowerPoint, OpenDocument, ZIP)")

    @admin.display(description=_("thông tin tệp"))
    def details(self, stored):
        return format_html("{} · {}", stored.kind_label, filesizeformat(stored.size)) if stored.pk else "-"


@admin.register(Article)
class ArticleAdmin(WorkflowAdminMixin, CompareVersionAdmin):
    change_form_template = "admin/articles/article/change_form.html"  # the editing lock, then the workflow
    preview_url_name = "articles:preview"
    pending_query = "tinh-trang=pending"  # ArticleStatusFilter
    inlines = [AttachmentInline]
    form = ArticleAdminForm  # stores a new lead photo while validating: a full disk is a form error
    # Fits a 1280 px screen beside the admin's menu and filters (tests/browser/test_admin_layout.py);
    # "nổi bật" is a filter, not a column.
    list_display = [
        "lead_thumbnail",
        "title",
        "category",
        "status_label",
        "created_by_name",
        "published_on",
        "updated_on",
        "views_7_days",
    ]
    list_display_links = ["lead_thumbnail", "title"]
    list_filter = [ArticleStatusFilter, "category", "is_featured", "published_at"]
    list_select_related = ["category", "created_by"]
    search_fields = ["title", "summary", "author"]
    date_hierarchy = "published_at"
    readonly_fields = [
        "lead_image_preview",
        "rating_summary",
        "views_total",
        "created_by_name",
        "created_at",
        "updated_at",
        "links",
    ]
    actions = ["publish", "unpublish", "submit_for_review"]
    list_per_page = 50
    history_latest_first = True
    # Votes and their totals are not part of an article's revisions.
    compare_exclude = ["votes", "rating_sum", "rating_count", "updated_at", "search_title", "search_text"]
    fieldsets = [
        (_("Nội dung"), {"fields": ["title", "slug", "category", "summary", "body", "author"]}),
        (_("Ảnh đại diện"), {"fields": ["lead_image_preview", "lead_image", "lead_image_alt", "lead_image_caption"]}),
        (_("Phân loại"), {"fields": ["extra_categories", "tags", "topic"]}),
        (
            _("Xuất bản"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "expires_at",
                    "is_featured",
                    "show_on_home",
                    "allow_rating",
                    "links",
                ]
            },
        ),
        (
            _("Đánh giá, lượt xem và lịch sử"),
            {"fields": ["rating_summary", "views_total", "created_by_name", "created_at", "updated_at"]},
        ),
        (_("Liên kết cổng cũ"), {"classes": ["collapse"], "fields": ["legacy_id"]}),
    ]
    autocomplete_fields = ["extra_categories", "tags", "topic"]

    class Media:
        # Not prepopulated_fields: Django's URLify turns "Đảng" into "djng".
        js = ["js/admin-slug.js", "js/admin-editlock.js"]

    # Who may do what (core/workflow.py): writers draft and send for review, approvers publish.
    writer_locked_fields = ("is_featured", "show_on_home", "allow_rating", "expires_at")

    def save_model(self, request, obj, form, change):
        with form.photos_removed_on_failure():  # the photo was stored while the form validated
            super().save_model(request, obj, form, change)

    # --- list columns and read-only fields ---

    def get_queryset(self, request):
        # The week's views from hits' daily counts (the model is looked up, not imported: hits
        # depends on articles, not the other way round).
        since = timezone.localdate() - timedelta(days=6)
        views = (
            apps.get_model("hits", "DailyViews")
            .objects.filter(article=OuterRef("pk"), day__gte=since)
            .values("article")
            .annotate(total=Sum("count"))
            .values("total")
        )
        return super().get_queryset(request).annotate(views_7_days=Subquery(views))

    @admin.display(description=_("ảnh"))
    def lead_thumbnail(self, article):
        return self._thumbnail(article, 48)

    @admin.display(description=_("ảnh đang dùng"))
    def lead_image_preview(self, article):
        return self._thumbnail(article, 240, empty=_("Chưa có ảnh đại diện."))

    @staticmethod
    def _thumbnail(article, shown_width: int, empty="-") -> str:
        image, alt = article.lead_image, article.lead_image_alt
        return thumbnail(image, article.lead_image_width, article.lead_image_height, alt, shown_width, empty)

    # Dates as "06/12/2026 18:01": Django's vi "18:01 Ngày 06 tháng 12 năm 2026" takes twice the width.
    @admin.display(description=_("xuất bản"), ordering="published_at")
    def published_on(self, article):
        return display.ngay_gio_ngan(article.published_at)

    @admin.display(description=_("cập nhật"), ordering="updated_at")
    def updated_on(self, article):
        return display.ngay_gio_ngan(article.updated_at)

    @admin.display(description=_("xem 7 ngày"), ordering="views_7_days")
    def views_7_days(self, article):
        return getattr(article, "views_7_days", None) or 0

    @admin.display(description=_("tổng lượt xem"))
    def views_total(self, article):
        """The portal's views, and the old portal's before them (imported)."""
        if not article.pk:
            return 0
        ours = apps.get_model("hits", "DailyViews").objects.filter(article=article).aggregate(t=Sum("count"))["t"]
        return article.legacy_views + (ours or 0)

    @admin.display(description=_("đánh giá"))
    def rating_summary(self, article):
        if not article.rating_count:
            return _("Chưa có đánh giá")
        return _("Tổng số điểm: %(sum)s - Số phiếu: %(count)s - Điểm trung bình: %(avg)s/5") % {
            "avg": number_format(article.rating_average, decimal_pos=1),
            "count": article.rating_count,
            "sum": article.rating_sum,
        }

    # --- editing lock and revisions ---

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = Article.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if article is not None and self.has_change_permission(request, article):
            if request.method == "GET":
                try:
                    holder = editlock.acquire(article.pk, request.user, takeover="tiep-quan" in request.GET)
                except editlock.Unavailable:
                    holder = None
                    messages.warning(request, LOCK_UNAVAILABLE)
                if holder is not None:
                    messages.warning(
                        request,
                        format_html(
                            "{} <a href='?tiep-quan=1'>{}</a>",
                            _("%(name)s đang mở bài này để sửa (lần cuối lúc %(time)s). Lưu lúc này có thể ghi đè "
                              "thay đổi của họ.") % {"name": holder["name"], "time": holder["time"]},
                            _("Tiếp quản việc sửa bài"),
                        ),
                    )  # fmt: skip
            lock_url = reverse("admin:articles_article_lock", args=[article.pk])
            extra_context = {**(extra_context or {}), "editlock_url": lock_url}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        lock = self.admin_site.admin_view(require_POST(self.lock_view))
        return [path("<int:pk>/giu-cho/", lock, name="articles_article_lock"), *super().get_urls()]

    def lock_view(self, request, pk):
        """Heartbeat of an open article form (admin/js/editlock.js): keeps or reports the lock."""
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            return JsonResponse({"ok": False}, status=403)
        try:
            holder = editlock.acquire(pk, request.user, takeover=False)
        except editlock.Unavailable:
            return JsonResponse({"ok": True, "message": LOCK_UNAVAILABLE})
        if holder is None:
            return JsonResponse({"ok": True, "message": ""})
        message = _("%(name)s đã tiếp quản việc sửa bài này lúc %(time)s. Lưu lúc này sẽ ghi đè thay đổi của họ.")
        return JsonResponse({"ok": False, "message": message % holder})


@admin.register(SiteBanner)
class SiteBannerAdmin(admin.ModelAdmin):
    form = SiteBannerAdminForm  # stores a new banner while validating: a full disk is a form error
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["alt", "shown_from", "shown_until", "order", "is_active", "state"]
    list_filter = ["is_active"]

    def save_model(self, request, obj, form, change):
        with form.photos_removed_on_failure():  # the banner was stored while the form validated
            super().save_model(request, obj, form, change)

    @admin.display(description=_("tình trạng"))
    def state(self, banner):
        return banner.state()


class FeaturedFromBelowForm(forms.ModelForm):
    class Meta:
        model = FeaturedFromBelow
        fields = ["article", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        below = sites_below(current_site_id())
        self.fields["article"].queryset = (
            Article.objects.across(below).published().select_related("category").newest_first()
        )
        self.fields["article"].label_from_instance = lambda article: (
            f"{article.title} ({registry.site(article.site_id).name}, {article.published_at:%d/%m/%Y})"
        )

    def clean(self):
        cleaned = super().clean()
        self.instance.site_id = current_site_id()  # validate_unique reads it before save
        return cleaned


@admin.register(FeaturedFromBelow)
class FeaturedFromBelowAdmin(admin.ModelAdmin):
    """A parent site's editors feature an article of a site below on their home page: a link
    to it where it is, nothing copied."""

    form = FeaturedFromBelowForm
    list_display = ["article", "from_site", "order", "added_at"]
    list_editable = ["order"]
    list_select_related = ["article"]

    def has_module_permission(self, request):
        return super().has_module_permission(request) and bool(sites_below(current_site_id()))

    @admin.display(description=_("trang"))
    def from_site(self, featured):
        site = registry.site(featured.article.site_id)
        return site.name if site else "-"
