from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from reversion_compare.admin import CompareVersionAdmin

from core.workflow import WorkflowAdminMixin
from images.thumbnails import thumbnail

from .forms import PageAdminForm
from .models import Page


@admin.register(Page)
class PageAdmin(WorkflowAdminMixin, CompareVersionAdmin):
    preview_url_name = "pages:preview"
    form = PageAdminForm  # stores a new photo while validating: a full disk is a form error
    list_display = ["indented_title", "address", "language", "order", "show_in_menu", "status_label", "created_by"]
    list_display_links = ["indented_title"]
    list_editable = ["order"]
    list_filter = ["language", "status", "show_in_menu"]
    list_select_related = ["created_by"]
    search_fields = ["title", "summary"]
    ordering = ["language", "path"]
    readonly_fields = ["photo_preview", "links", "created_by_name", "created_at", "updated_at"]
    actions = ["publish", "unpublish", "submit_for_review"]
    history_latest_first = True
    compare_exclude = ["updated_at", "search_text", "path"]
    fieldsets = [
        (_("Trang"), {"fields": ["title", "slug", "language", "parent", "translation_of", "summary", "body"]}),
        (_("Ảnh"), {"fields": ["photo_preview", "photo", "photo_alt", "photo_caption"]}),
        (_("Menu"), {"fields": ["order", "show_in_menu"]}),
        (_("Xuất bản"), {"fields": ["status", "published_at", "links"]}),
        (_("Lịch sử"), {"fields": ["created_by_name", "created_at", "updated_at"]}),
        (_("Liên kết cổng cũ"), {"classes": ["collapse"], "fields": ["legacy_alias"]}),
    ]

    class Media:
        js = ["js/admin-slug.js"]

    def save_model(self, request, obj, form, change):
        with form.photos_removed_on_failure():  # the photo was stored while the form validated
            super().save_model(request, obj, form, change)

    @admin.display(description=_("tiêu đề"), ordering="path")
    def indented_title(self, page):
        return format_html("{}{}", "— " * page.depth, page.title)

    @admin.display(description=_("địa chỉ"), ordering="path")
    def address(self, page):
        return page.get_absolute_url()

    @admin.display(description=_("ảnh đang dùng"))
    def photo_preview(self, item):
        return thumbnail(item.photo, item.photo_width, item.photo_height, item.photo_alt, 240, empty=_("Chưa có ảnh."))
