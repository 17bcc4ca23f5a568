from django.contrib import admin, messages
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from reversion_compare.admin import CompareVersionAdmin

from core.workflow import WorkflowAdminMixin
from files.text import text_waiting

from .models import Document, DocumentFile, DocumentType, Field, Issuer


class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    fields = ["name", "slug", "order"]

    class Media:
        js = ["js/admin-slug.js"]


for vocabulary in (DocumentType, Issuer, Field):
    admin.site.register(vocabulary, VocabularyAdmin)


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    extra = 1
    fields = ["file", "name", "order", "details"]
    readonly_fields = ["details"]

    @admin.display(description=_("thông tin tệp"))
    def details(self, stored):
        if not stored.pk:
            return "-"
        text = _("có chữ, tìm kiếm được") if stored.has_text else _("không có chữ (bản quét?): nội dung không tìm được")
        if stored.kind == "pdf" and text_waiting(stored):
            text = _("đang đọc chữ trong tệp để tìm kiếm, xem lại sau ít phút")
        elif stored.kind != "pdf":
            text = _("nội dung không được đọc để tìm kiếm")
        return format_html("{} · {} · {}", stored.kind_label, filesizeformat(stored.size), text)


@admin.register(Document)
class DocumentAdmin(WorkflowAdminMixin, CompareVersionAdmin):
    preview_url_name = "documents:preview"
    inlines = [DocumentFileInline]
    list_display = ["number", "short_summary", "doc_type", "issuer", "issued_on", "status_label", "created_by"]
    list_display_links = ["number", "short_summary"]
    list_filter = ["status", "doc_type", "issuer", "field", "issued_on"]
    list_select_related = ["doc_type", "issuer", "created_by"]
    search_fields = ["number", "summary", "signer"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["replaced_by", "related_articles"]
    readonly_fields = ["links", "created_by_name", "created_at", "updated_at"]
    actions = ["publish", "unpublish", "submit_for_review"]
    list_per_page = 50
    history_latest_first = True
    compare_exclude = ["updated_at", "search_text", "number_key"]
    fieldsets = [
        (_("Văn bản"), {"fields": ["number", "doc_type", "issuer", "field", "summary", "slug", "body"]}),
        (_("Ngày tháng và hiệu lực"), {"fields": ["issued_on", "effective_on", "expires_on", "replaced_by"]}),
        (_("Người ký"), {"fields": ["signer", "signer_position"]}),
        (_("Liên quan"), {"fields": ["related_articles"]}),
        (_("Xuất bản"), {"fields": ["status", "published_at", "links"]}),
        (_("Lịch sử"), {"fields": ["created_by_name", "created_at", "updated_at"]}),
        (_("Liên kết cổng cũ"), {"classes": ["collapse"], "fields": ["legacy_id", "legacy_alias"]}),
    ]

    @admin.display(description=_("trích yếu"), ordering="summary")
    def short_summary(self, document):
        return document.summary if len(document.summary) <= 120 else f"{document.summary[:117]}…"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        document = form.instance
        document.refresh_search_text()
        unread = [stored for stored in document.files.filter(kind="pdf", has_text=False) if not text_waiting(stored)]
        if unread:
            messages.warning(
                request,
                _("Có tệp PDF không chứa chữ (có lẽ là bản quét): người đọc tải về được, nhưng tìm kiếm không thấy "
                  "nội dung bên trong. Hãy ghi đủ trích yếu, hoặc tải lên bản PDF có chữ."),
            )  # fmt: skip
