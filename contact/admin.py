from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Message

CITIZEN_FIELDS = ["name", "email", "phone", "subject", "body", "language", "created_at", "consent"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Hộp thư góp ý: staff read what citizens sent and mark how far it has got."""

    list_display = ["name", "subject", "created_at", "state", "handled_by"]
    list_display_links = ["name", "subject"]
    list_filter = ["state", "language"]
    list_select_related = ["handled_by"]
    search_fields = ["name", "email", "phone", "subject", "body"]
    date_hierarchy = "created_at"
    readonly_fields = [*CITIZEN_FIELDS, "handled_by", "handled_at"]
    fieldsets = [
        (_("Người gửi"), {"fields": ["name", "email", "phone", "language", "created_at", "consent"]}),
        (_("Góp ý"), {"fields": ["subject", "body"]}),
        (_("Xử lý"), {"fields": ["state", "staff_note", "handled_by", "handled_at"]}),
    ]
    actions = ["mark_in_progress", "mark_answered"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False  # messages come from citizens only

    def save_model(self, request, obj, form, change):
        # Whoever moves a message to another state is the one who handled it.
        if "state" in form.changed_data:
            obj.handled_by = request.user
            obj.handled_at = timezone.now()
        super().save_model(request, obj, form, change)

    def changelist_view(self, request, extra_context=None):
        waiting = Message.objects.filter(state=Message.State.NEW).count()
        title = _("Hộp thư góp ý")
        if waiting:
            title = f"{title} ({ngettext('%(n)d góp ý mới', '%(n)d góp ý mới', waiting) % {'n': waiting}})"
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    def _mark(self, request, queryset, state):
        changed = queryset.mark(state, by=request.user)
        label = Message.State(state).label
        self.message_user(
            request, _("Đã chuyển %(n)d góp ý sang “%(state)s”.") % {"n": changed, "state": label}, messages.SUCCESS
        )

    @admin.action(description=_("Đánh dấu đang xử lý"), permissions=["change"])
    def mark_in_progress(self, request, queryset):
        self._mark(request, queryset, Message.State.IN_PROGRESS)

    @admin.action(description=_("Đánh dấu đã trả lời"), permissions=["change"])
    def mark_answered(self, request, queryset):
        self._mark(request, queryset, Message.State.ANSWERED)
