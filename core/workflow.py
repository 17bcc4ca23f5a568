"""The newsroom's roles in the admin, for every model that goes draft -> review -> published.

Writers ("Phóng viên / Biên tập viên") write, keep drafts and send them for review, and
see their own items only; approvers ("Thư ký tòa soạn / Duyệt bài") may publish,
schedule, withdraw and edit anyone's; every rule is checked on the server, on the item
as stored, whatever a forged form says. The model is built on core.editorial.Editorial
(status, dates, created_by, the public rule, publish_<model> and change_any_<model>,
for_editor(user)); a model's admin adds only what is its own.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from . import changes
from .editorial import WRITER_STATUSES, Status
from .sites import address_on, versions_of_served

DRAFT, PENDING, PUBLISHED, UNPUBLISHED = Status.DRAFT, Status.PENDING, Status.PUBLISHED, Status.UNPUBLISHED


STORAGE_FAILED = _(
    "Không lưu được tệp (ổ đĩa đầy hoặc kho lưu trữ không trả lời). Chưa có gì được lưu; "
    "vui lòng thử lại sau hoặc báo quản trị viên."
)


ARCHIVED = _(
    "Đây là trang lưu trữ: chỉ sửa được nội dung đã xuất bản, không xuất bản thêm. Tin mới đăng ở trang kế tục."
)


def in_archive(request) -> bool:
    """The admin works on an archive site (network/: SiteSettings.archived_on)."""
    return bool(getattr(getattr(request, "working_site", None), "is_archive", False))


def waiting_for_review(request) -> list[dict]:
    """For each kind of content this person approves on the site worked on (the admin serves
    that site alone, network/access.py): how many items wait for review, and the list that
    shows them. One COUNT query per kind."""
    waiting = []
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, WorkflowAdminMixin) or not model_admin.can_publish(request):
            continue
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        waiting.append(
            {
                "name": opts.verbose_name,
                "count": model._default_manager.filter(status=PENDING).count(),
                "url": f"{url}?{model_admin.pending_query}",
            }
        )
    return waiting


class WorkflowAdminMixin:
    """Roles, status choices, publish/withdraw/submit actions and revision safety.
    Use it before reversion's (Compare)VersionAdmin in the bases."""

    writer_locked_fields = ()  # fields only approvers may set
    preview_url_name = ""  # "articles:preview": where "Xem trước" shows the item as readers would
    pending_query = "status__exact=pending"  # the list's filter for what waits for review

    def _perm(self, action: str) -> str:
        opts = self.model._meta
        return f"{opts.app_label}.{action}_{opts.model_name}"

    def can_publish(self, request) -> bool:
        return request.user.has_perm(self._perm("publish"))

    def has_publish_permission(self, request) -> bool:
        return self.can_publish(request)

    def get_queryset(self, request):
        return super().get_queryset(request).for_editor(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self.can_publish(request) or request.user.has_perm(self._perm("change_any")):
            return True
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
            fields += list(self.writer_locked_fields)
        return fields

    # --- the form: the status is chosen by clear buttons ("Gửi duyệt", "Xuất bản"...), not a menu ---

    change_form_template = "admin/workflow_change_form.html"

    def get_fieldsets(self, request, obj=None):
        """The status leaves the fieldsets (the action buttons set it); the preview link goes to the top."""
        fieldsets = []
        for index, (name, options) in enumerate(super().get_fieldsets(request, obj)):
            fields = [field for field in options["fields"] if field not in ("status", "links")]
            if index == 0:
                fields = ["links", *fields]
            fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The admin passes the fieldsets' fields, which no longer show the status: add it back
        # for whoever may change this item (the buttons send it).
        fields = list(kwargs.get("fields") or flatten_fieldsets(self.get_fieldsets(request, obj)))
        if "status" not in fields and self.has_change_permission(request, obj):
            fields.append("status")
        kwargs["fields"] = fields
        form = super().get_form(request, obj, change, **kwargs)
        if "status" not in form.base_fields:  # a read-only view of it: nothing to choose
            return form
        kept = obj.status if obj is not None else DRAFT

        class WorkflowForm(form):
            def clean_status(self):
                return self.cleaned_data.get("status") or kept

        WorkflowForm.__name__ = form.__name__
        # The subclass has fields of its own (a ModelForm's are made per class): change those.
        status = WorkflowForm.base_fields["status"]
        # No button pressed ("Lưu lại", Enter in a field): the status stays as it was.
        status.required = False
        if not self.can_publish(request):
            # A forged POST with status=published fails the form's own choice validation.
            status.choices = [choice for choice in status.choices if choice[0] in WRITER_STATUSES]
        elif in_archive(request) and kept != PUBLISHED:
            status.choices = [choice for choice in status.choices if choice[0] != PUBLISHED]
        return WorkflowForm

    def workflow_actions(self, request, obj) -> list[tuple[str, str]]:
        """The buttons this user may press for this item: (status, label)."""
        current = obj.status if obj is not None and obj.pk else None
        actions = [(DRAFT, _("Lưu nháp"))] if current in (None, DRAFT, PENDING) else []
        if not self.can_publish(request):
            return [*actions, (PENDING, _("Gửi duyệt"))]
        scheduled = obj is not None and obj.published_at and obj.published_at > timezone.now()
        if current == PUBLISHED:
            actions.append((PUBLISHED, _("Lưu, giữ đã xuất bản")))
            actions.append((UNPUBLISHED, _("Gỡ xuống")))
        elif in_archive(request):
            pass  # an archive's items are corrected, none is published anew
        else:
            actions.append((PUBLISHED, _("Hẹn giờ xuất bản") if scheduled else _("Xuất bản")))
        return actions

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if request.method == "POST" and getattr(form, "stored_fields", None):
            form.keep_unsaved_photos()  # the form was valid, an inline was not: nothing was saved
        if "status" in context["adminform"].form.fields:
            actions = self.workflow_actions(request, obj)
            forward = PUBLISHED if self.can_publish(request) else PENDING  # the step forward: the primary button
            context["workflow_actions"] = actions
            context["workflow_primary"] = forward if any(value == forward for value, _label in actions) else None
            context["show_save_and_add_another"] = False  # one row of what matters, not five buttons
        stored = obj is not None and obj.pk
        context["workflow_status"] = obj.public_state() if stored else _("Mới, chưa lưu")
        context["workflow_next"] = self._next_step(request, obj) if stored else ""
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _next_step(self, request, obj) -> str:
        """What the status line says comes next: the work an approver has, a writer's wait."""
        if obj.status != PENDING:
            return ""
        if self.can_publish(request):
            return _("Xem lại rồi bấm “Xuất bản” để đăng, hoặc “Lưu nháp” để trả lại người viết.")
        return _("Đã gửi duyệt: Thư ký tòa soạn sẽ xem và xuất bản.")

    def view_on_site(self, obj):
        """ "Xem trên trang web" only for what readers can see (a draft's address is a 404)."""
        return obj.get_absolute_url() if obj.is_published() else None

    def message_user(self, request, message, *args, **kwargs):
        said = getattr(request, "_workflow_said", None)
        if said:  # instead of Django's "... đã được thay đổi thành công": what happened
            request._workflow_said = None
            message = said
        super().message_user(request, message, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        newly_published = obj.status == PUBLISHED and (not change or form.initial.get("status") != PUBLISHED)
        if newly_published and "published_at" not in form.changed_data and obj.published_at < timezone.now():
            obj.published_at = timezone.now()  # published now, not back-dated to the draft's first day
        super().save_model(request, obj, form, change)
        request._workflow_said = self._what_happened(obj, form, change, approver=self.can_publish(request))

    def construct_change_message(self, request, form, formsets, add=False):
        """The history's and the revision's comment: what changed, the status spelled out
        ("Trạng thái: Bản nháp → Chờ duyệt. Đã sửa: Tiêu đề.", core/changes.py)."""
        if add:
            return super().construct_change_message(request, form, formsets, add)
        return changes.describe(form, formsets or [])  # the list's editable columns send none

    @staticmethod
    def _what_happened(obj, form, change, approver: bool) -> str | None:
        # Not changed_data: with no button pressed the status field is sent empty, which the
        # form counts as a change even though clean_status() keeps the stored one.
        if change and form.initial.get("status") == obj.status:
            if approver and obj.status == PENDING:  # saved, not decided: say so, and what is left to do
                return (
                    _("Đã lưu “%s”; vẫn đang chờ duyệt, bạn đọc chưa xem được. Khi duyệt xong, bấm “Xuất bản” để đăng.")
                    % obj
                )
            return None
        if obj.status == PENDING:
            return _("Đã gửi “%s” để Thư ký tòa soạn duyệt.") % obj
        if obj.status == PUBLISHED:
            if obj.published_at > timezone.now():
                when = timezone.localtime(obj.published_at).strftime("%H:%M %d/%m/%Y")
                return _("Đã hẹn giờ xuất bản “%(item)s” lúc %(when)s.") % {"item": obj, "when": when}
            return _("Đã xuất bản “%s”; bạn đọc đã xem được.") % obj
        if obj.status == UNPUBLISHED:
            return _("Đã gỡ “%s” xuống; bạn đọc không còn xem được.") % obj
        return _("Đã lưu nháp “%s”.") % obj

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.can_publish(request):
            actions.pop("submit_for_review", None)
        return actions

    @admin.display(description=_("trạng thái"), ordering="status")
    def status_label(self, item):
        return item.public_state()

    @admin.display(description=_("xem trên cổng"))
    def links(self, item):
        """ "Xem trước" (any status) and, once readers can see it, "Mở trên cổng"."""
        noun = self.opts.verbose_name
        if not item.pk:
            return _("Lưu %s để xem trước.") % noun if self.preview_url_name else "-"
        shown = []
        if self.preview_url_name:
            preview = address_on(item.site_id, reverse(self.preview_url_name, args=[item.pk]))
            shown.append(format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', preview, _("Xem trước")))
        if item.is_published():
            shown.append(
                format_html('<a href="{}">{}</a>', address_on(item.site_id, item.get_absolute_url()), _("Mở trên cổng"))
            )
        else:
            shown.append(
                _("%s chưa hiển thị công khai") % noun.capitalize() if not shown else _("chưa hiển thị công khai")
            )
        return format_html_join(" · ", "{}", ((part,) for part in shown))

    @admin.display(description=_("người tạo"))
    def created_by_name(self, item):
        """The name as text: a writer may not open the user's page the admin would link to."""
        user = item.created_by
        return (user.get_full_name() or user.get_username()) if user else "-"

    def _change_status(self, request, queryset, status, verb) -> int:
        count, now = 0, timezone.now()
        for item in queryset.select_related(None):
            if item.status == status:
                continue
            fields = ["status", "updated_at"]
            if status == PUBLISHED and item.status in WRITER_STATUSES and item.published_at < now:
                item.published_at = now
                fields.append("published_at")
            item.status = status
            item.save(update_fields=fields)
            self.log_change(request, item, verb)
            count += 1
        return count

    def _done(self, request, text: str, count: int) -> None:
        """ "Đã xuất bản 3 bài viết." (Vietnamese nouns have no plural form)."""
        self.message_user(request, f"{text} {count} {self.opts.verbose_name}.")

    # Django fills %(verbose_name_plural)s in: "Xuất bản các bài viết đã chọn", "… văn bản …".
    @admin.action(description=_("Xuất bản các %(verbose_name_plural)s đã chọn"), permissions=["publish"])
    def publish(self, request, queryset):
        if in_archive(request):
            self.message_user(request, ARCHIVED, messages.ERROR)
            return
        self._done(request, _("Đã xuất bản"), self._change_status(request, queryset, PUBLISHED, _("Xuất bản")))

    @admin.action(description=_("Gỡ xuống các %(verbose_name_plural)s đã chọn"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = self._change_status(request, queryset.filter(status=PUBLISHED), UNPUBLISHED, _("Gỡ xuống"))
        self._done(request, _("Đã gỡ"), count)

    @admin.action(description=_("Gửi duyệt các %(verbose_name_plural)s nháp đã chọn"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        own_drafts = queryset.filter(status=DRAFT, created_by=request.user)
        self._done(request, _("Đã gửi duyệt"), self._change_status(request, own_drafts, PENDING, _("Gửi duyệt")))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A file of an inline (a document's, an attachment) that cannot be written: the
        admin's transaction is rolled back, the editor is told in Vietnamese, not a 500."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OSError:
            messages.error(request, STORAGE_FAILED)
            return HttpResponseRedirect(request.get_full_path())

    # --- revisions: checked on the item as stored, before reversion restores anything ---

    def revision_view(self, request, object_id, version_id, extra_context=None):
        stored = self.get_object(request, unquote(object_id))
        if stored is not None and not self.has_change_permission(request, stored):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def has_recover_permission(self, request) -> bool:
        return self.can_publish(request) and self.has_add_permission(request)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_recover_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_recover_permission(request):
            raise PermissionDenied
        if not versions_of_served(Version.objects.filter(pk=version_id)).exists():
            raise Http404  # another site's deleted item
        return super().recover_view(request, version_id, extra_context)

    def _reversion_order_version_queryset(self, request, queryset):
        return super()._reversion_order_version_queryset(request, versions_of_served(queryset))
