from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from reversion_compare.admin import CompareVersionAdmin

from . import editlock
from .forms import ArticleAdminForm, SiteBannerAdminForm
from .models import Article, Category, SiteBanner, Tag, Topic

Status = Article.Status
LOCK_UNAVAILABLE = _(
    "Tạm thời không kiểm tra được ai khác đang mở bài này để sửa (bộ nhớ đệm dùng chung không trả lời); "
    "bạn vẫn sửa và lưu được bình thường."
)
WRITER_STATUSES = (Status.DRAFT, Status.PENDING)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    fields = ["name", "slug", "description", "parent", "order", "is_active", "legacy_alias"]

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


@admin.register(Article)
class ArticleAdmin(CompareVersionAdmin):
    form = ArticleAdminForm  # stores a new lead photo while validating: a full disk is a form error
    list_display = ["title", "category", "status_label", "published_at", "is_featured", "created_by"]
    list_display_links = ["title"]
    list_filter = [ArticleStatusFilter, "category", "is_featured", "published_at"]
    list_select_related = ["category", "created_by"]
    search_fields = ["title", "summary", "author"]
    date_hierarchy = "published_at"
    readonly_fields = ["rating_summary", "created_by", "created_at", "updated_at", "links"]
    actions = ["publish", "unpublish", "submit_for_review"]
    list_per_page = 50
    history_latest_first = True
    # Votes and their totals are not part of an article's revisions.
    compare_exclude = ["votes", "rating_sum", "rating_count", "updated_at", "search_title", "search_text"]
    fieldsets = [
        (_("Nội dung"), {"fields": ["title", "slug", "category", "summary", "body", "author"]}),
        (_("Ảnh đại diện"), {"fields": ["lead_image", "lead_image_alt", "lead_image_caption"]}),
        (_("Phân loại"), {"fields": ["tags", "topic"]}),
        (
            _("Xuất bản"),
            {"fields": ["status", "published_at", "expires_at", "is_featured", "allow_rating", "links"]},
        ),
        (_("Đánh giá và lịch sử"), {"fields": ["rating_summary", "created_by", "created_at", "updated_at"]}),
        (_("Liên kết cổng cũ"), {"classes": ["collapse"], "fields": ["legacy_id"]}),
    ]
    autocomplete_fields = ["tags", "topic"]

    class Media:
        # Not prepopulated_fields: Django's URLify turns "Đảng" into "djng".
        js = ["js/admin-slug.js", "js/admin-editlock.js"]

    # --- who may do what: enforced here, on the server, whatever the form shows ---

    def can_publish(self, request) -> bool:
        return request.user.has_perm("articles.publish_article")

    def has_publish_permission(self, request) -> bool:
        return self.can_publish(request)

    def get_queryset(self, request):
        # A writer sees (lists, opens, reads the history of) their own articles only.
        return super().get_queryset(request).for_editor(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self.can_publish(request) or request.user.has_perm("articles.change_any_article"):
            return True
        # A writer edits their own articles until they are published.
        return obj.created_by_id == request.user.pk and obj.status in WRITER_STATUSES

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None or self.can_publish(request):
            return True
        return obj.created_by_id == request.user.pk and obj.status in WRITER_STATUSES

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            fields += ["is_featured", "allow_rating", "expires_at"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "status" in form.base_fields and not self.can_publish(request):
            # A writer's choices: keep it a draft or send it for review. A forged
            # POST with status=published fails the form's own choice validation.
            status = form.base_fields["status"]
            status.choices = [choice for choice in status.choices if choice[0] in WRITER_STATUSES]
            status.help_text = _("Chọn “Chờ duyệt” để gửi bài cho Thư ký tòa soạn.")
        return form

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        newly_published = obj.status == Status.PUBLISHED and (
            not change or form.initial.get("status") != Status.PUBLISHED
        )
        if newly_published and "published_at" not in form.changed_data and obj.published_at < timezone.now():
            # Published now, not back-dated to the day the draft was started.
            obj.published_at = timezone.now()
        with form.photos_removed_on_failure():  # the photo was stored while the form validated
            super().save_model(request, obj, form, change)
        if change and "status" in form.changed_data:
            self.log_change(request, obj, _("Đổi trạng thái thành “%s”") % obj.get_status_display())

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.can_publish(request):
            actions.pop("submit_for_review", None)
        return actions

    # --- list columns and read-only fields ---

    @admin.display(description=_("trạng thái"), ordering="status")
    def status_label(self, article):
        return article.public_state()

    @admin.display(description=_("đánh giá"))
    def rating_summary(self, article):
        if not article.rating_count:
            return _("Chưa có đánh giá")
        return _("Tổng số điểm: %(sum)s - Số phiếu: %(count)s - Điểm trung bình: %(avg)s/5") % {
            "avg": number_format(article.rating_average, decimal_pos=1),
            "count": article.rating_count,
            "sum": article.rating_sum,
        }

    @admin.display(description=_("xem bài"))
    def links(self, article):
        if not article.pk:
            return _("Lưu bài để xem trước.")
        preview = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("articles:preview", args=[article.pk]),
            _("Xem trước"),
        )
        if article.is_published():
            public = format_html('<a href="{}">{}</a>', article.get_absolute_url(), _("Mở bài trên cổng"))
            return format_html("{} · {}", preview, public)
        return format_html("{} · {}", preview, _("bài chưa hiển thị công khai"))

    # --- actions ---

    def _change_status(self, request, queryset, status, verb):
        count = 0
        now = timezone.now()
        for article in queryset.select_related(None):
            if article.status == status:
                continue
            fields = ["status", "updated_at"]
            if status == Status.PUBLISHED and article.status in WRITER_STATUSES and article.published_at < now:
                article.published_at = now
                fields.append("published_at")
            article.status = status
            article.save(update_fields=fields)
            self.log_change(request, article, verb)
            count += 1
        return count

    @admin.action(description=_("Xuất bản các bài đã chọn"), permissions=["publish"])
    def publish(self, request, queryset):
        count = self._change_status(request, queryset, Status.PUBLISHED, _("Xuất bản"))
        self.message_user(request, ngettext("Đã xuất bản %d bài.", "Đã xuất bản %d bài.", count) % count)

    @admin.action(description=_("Gỡ xuống các bài đã chọn"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = self._change_status(
            request, queryset.filter(status=Status.PUBLISHED), Status.UNPUBLISHED, _("Gỡ xuống")
        )
        self.message_user(request, ngettext("Đã gỡ %d bài.", "Đã gỡ %d bài.", count) % count)

    @admin.action(description=_("Gửi duyệt các bài nháp đã chọn"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        own_drafts = queryset.filter(status=Status.DRAFT, created_by=request.user)
        count = self._change_status(request, own_drafts, Status.PENDING, _("Gửi duyệt"))
        self.message_user(request, ngettext("Đã gửi duyệt %d bài.", "Đã gửi duyệt %d bài.", count) % count)

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

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # django-reversion restores the old revision before the change form checks anything,
        # and an old revision may be a draft the writer could edit: ask of the article as stored.
        stored = self.get_object(request, unquote(object_id))
        if stored is not None and not self.has_change_permission(request, stored):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def has_recover_permission(self, request) -> bool:
        """Bringing back a deleted article: for those who may delete and publish."""
        return self.can_publish(request) and self.has_add_permission(request)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_recover_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_recover_permission(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

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
