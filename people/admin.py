from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from reversion_compare.admin import CompareVersionAdmin

from core.workflow import WorkflowAdminMixin
from images.thumbnails import thumbnail

from .forms import PersonAdminForm
from .models import Person, Term, Unit
from .services import set_current_term


@admin.register(Term)
class TermAdmin(CompareVersionAdmin):
    list_display = ["name", "start_year", "end_year", "is_current", "people_count"]
    search_fields = ["name"]
    fields = ["name", "slug", "start_year", "end_year", "is_current"]
    actions = ["make_current"]
    history_latest_first = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(people_total=Count("people"))

    @admin.display(description=_("số cán bộ"), ordering="people_total")
    def people_count(self, term):
        return term.people_total

    @admin.action(description=_("Đặt làm nhiệm kỳ hiện tại"), permissions=["change"])
    def make_current(self, request, queryset):
        terms = list(queryset[:2])
        if len(terms) != 1:
            self.message_user(request, _("Hãy chọn đúng một nhiệm kỳ để đặt làm nhiệm kỳ hiện tại."), messages.ERROR)
            return
        set_current_term(terms[0])
        self.message_user(request, _("“%(name)s” là nhiệm kỳ hiện tại.") % {"name": terms[0].name}, messages.SUCCESS)


@admin.register(Unit)
class UnitAdmin(CompareVersionAdmin):
    list_display = ["name", "parent", "order"]
    list_editable = ["order"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "name_en"]
    fields = ["name", "name_en", "slug", "parent", "description", "description_en", "order"]
    history_latest_first = True

    class Media:
        js = ["js/admin-slug.js"]


@admin.register(Person)
class PersonAdmin(WorkflowAdminMixin, CompareVersionAdmin):
    form = PersonAdminForm  # stores a new photo while validating: a full disk is a form error
    list_display = ["name", "position", "unit", "term", "is_leader", "order", "status_label"]
    list_display_links = ["name"]
    list_editable = ["is_leader", "order"]
    list_filter = ["term", "unit", "is_leader", "status"]
    list_select_related = ["unit", "term"]
    search_fields = ["name", "position", "email", "phone"]
    list_per_page = 100
    history_latest_first = True
    compare_exclude = ["updated_at", "photo_width", "photo_height"]
    fieldsets = [
        (_("Cán bộ"), {"fields": ["name", "position", "unit", "term", "is_leader", "order"]}),
        (_("Nhiệm vụ"), {"fields": ["duties"]}),
        (_("Liên hệ"), {"fields": ["phone", "email"]}),
        (_("Ảnh chân dung"), {"fields": ["photo_preview", "photo", "photo_alt"]}),
        (_("Tiếng Anh"), {"classes": ["collapse"], "fields": ["position_en", "duties_en"]}),
        (_("Xuất bản"), {"fields": ["status", "published_at", "links"]}),
        (_("Lịch sử"), {"fields": ["created_by_name", "created_at", "updated_at"]}),
    ]
    readonly_fields = ["photo_preview", "links", "created_by_name", "created_at", "updated_at"]
    actions = ["publish", "unpublish"]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        current = Term.objects.filter(is_current=True).first()
        if current is not None:
            initial.setdefault("term", current.pk)
        return initial

    def save_model(self, request, obj, form, change):
        if not isinstance(form, PersonAdminForm):  # the list's order and leader columns: no photo there
            return super().save_model(request, obj, form, change)
        with form.photos_removed_on_failure():  # the photo was stored while the form validated
            super().save_model(request, obj, form, change)

    @admin.display(description=_("ảnh đang dùng"))
    def photo_preview(self, item):
        return thumbnail(item.photo, item.photo_width, item.photo_height, item.photo_alt, 240, empty=_("Chưa có ảnh."))
