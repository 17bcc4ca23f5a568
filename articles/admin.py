from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Article, Category, SiteBanner


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "status_label", "published_at", "is_featured", "author"]
    list_display_links = ["title"]
    list_filter = ["status", "category", "is_featured", "published_at"]
    list_select_related = ["category"]
    search_fields = ["title", "summary", "author"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["rating_summary", "created_by", "created_at", "updated_at", "public_link"]
    actions = ["publish", "unpublish"]
    list_per_page = 50
    fieldsets = [
        (_("Nội dung"), {"fields": ["title", "slug", "category", "summary", "body", "author"]}),
        (_("Ảnh đại diện"), {"fields": ["banner", "banner_alt", "banner_caption"]}),
        (
            _("Xuất bản"),
            {"fields": ["status", "published_at", "expires_at", "is_featured", "allow_rating", "public_link"]},
        ),
        (
            _("Đánh giá và lịch sử"),
            {"fields": ["rating_summary", "created_by", "created_at", "updated_at"]},
        ),
    ]

    @admin.display(description=_("trạng thái"), ordering="status")
    def status_label(self, article):
        if article.status == Article.Status.PUBLISHED:
            now = timezone.now()
            if article.published_at > now:
                return _("Hẹn giờ đăng")
            if article.expires_at and article.expires_at <= now:
                return _("Hết hạn")
        return article.get_status_display()

    @admin.display(description=_("đánh giá"))
    def rating_summary(self, article):
        if not article.rating_count:
            return _("Chưa có đánh giá")
        return _("%(avg)s/5 - %(count)s phiếu (tổng %(sum)s điểm)") % {
            "avg": article.rating_average,
            "count": article.rating_count,
            "sum": article.rating_sum,
        }

    @admin.display(description=_("xem trên cổng"))
    def public_link(self, article):
        if article.pk and article.is_published():
            return format_html('<a href="{}">{}</a>', article.get_absolute_url(), _("Mở bài viết"))
        return _("Bài chưa hiển thị công khai")

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Xuất bản các bài đã chọn"), permissions=["change"])
    def publish(self, request, queryset):
        count = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            article.status = Article.Status.PUBLISHED
            article.save(update_fields=["status", "updated_at"])
            self.log_change(request, article, _("Xuất bản"))
            count += 1
        self.message_user(
            request, ngettext("Đã xuất bản %d bài.", "Đã xuất bản %d bài.", count) % count, messages.SUCCESS
        )

    @admin.action(description=_("Gỡ xuống (chuyển về bản nháp)"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.DRAFT
            article.save(update_fields=["status", "updated_at"])
            self.log_change(request, article, _("Gỡ xuống"))
            count += 1
        self.message_user(request, ngettext("Đã gỡ %d bài.", "Đã gỡ %d bài.", count) % count, messages.SUCCESS)


@admin.register(SiteBanner)
class SiteBannerAdmin(admin.ModelAdmin):
    list_display = ["alt", "shown_from", "shown_until", "order", "is_active", "state"]
    list_filter = ["is_active"]

    @admin.display(description=_("tình trạng"))
    def state(self, banner):
        now = timezone.now()
        if not banner.is_active:
            return _("Tắt")
        if banner.shown_from > now:
            return _("Sắp hiển thị")
        if banner.shown_until and banner.shown_until <= now:
            return _("Đã qua")
        return _("Đang hiển thị")
