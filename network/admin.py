"""Sites in the admin, for the network's administrators (the province's IT team: superusers;
a site's own "Quản trị" has no right on sites): a site's main name and name, its identity
and its other names on one page."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.sites.admin import SiteAdmin as DjangoSiteAdmin
from django.contrib.sites.models import Site
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from core.roles import ADMINS
from core.sites import current_site_id

from .access import grant
from .deletion import SiteNotDeleted, delete_site, owned_models
from .hosts import HOST_HELP, normalise_host
from .models import HostName, Membership, SiteSettings, administrators, validate_host


class SiteForm(forms.ModelForm):
    first_administrator = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        required=False,
        label="Người quản trị đầu tiên",
        help_text="Người này có vai trò “Quản trị” ở trang mới: thêm người viết, duyệt bài cho trang.",
    )

    class Meta:
        model = Site
        fields = ("domain", "name")
        labels = {"domain": "Tên miền chính", "name": "Tên hiển thị"}
        help_texts = {"domain": HOST_HELP, "name": "Như trên đầu trang, ví dụ Đảng ủy xã Bình Nhì."}

    def clean_domain(self):
        domain = normalise_host(self.cleaned_data["domain"])
        try:
            validate_host(domain, exclude_site=self.instance.pk)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        return domain

    def clean_first_administrator(self):
        chosen = self.cleaned_data.get("first_administrator")
        if self.instance.pk is None and chosen is None:
            raise forms.ValidationError(NO_ADMINISTRATOR)
        return chosen


NO_ADMINISTRATOR = "Một trang cần ít nhất một người quản trị: hãy chọn người quản trị đầu tiên."
LAST_ADMINISTRATOR = "Trang “{site}” phải còn ít nhất một người quản trị đang hoạt động."


class MembershipFormSet(forms.BaseInlineFormSet):
    """Roles changed or removed here never leave a site without an administrator."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        touched = [
            form for form in self.forms if form.instance.pk and (form.has_changed() or self._should_delete_form(form))
        ]
        kept = [form for form in self.forms if form.cleaned_data and not self._should_delete_form(form)]
        stored = Membership.objects.filter(pk__in=[form.instance.pk for form in touched])
        for site_id in set(stored.filter(role=ADMINS).values_list("site_id", flat=True)):
            others = administrators(site_id).exclude(pk__in=[form.instance.pk for form in touched])
            here = any(form.cleaned_data.get("role") == ADMINS and _site_of(form) == site_id for form in kept)
            if not here and not others.exists():
                raise forms.ValidationError(LAST_ADMINISTRATOR.format(site=Site.objects.get(pk=site_id).name))


def _site_of(form) -> int | None:
    chosen = form.cleaned_data.get("site")
    return chosen.pk if chosen is not None else form.instance.site_id


class OtherSitesInline(admin.TabularInline):
    """On an account's page, for the network's administrators: its roles at the other sites
    (the one at the site worked on is the "Vai trò" field above)."""

    model = Membership
    fk_name = "user"
    formset = MembershipFormSet
    extra = 0
    verbose_name = "vai trò ở trang khác"
    verbose_name_plural = "Vai trò ở các trang khác (mỗi trang một vai trò)"

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(site_id=current_site_id()).select_related("site")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "site":
            kwargs["queryset"] = Site.objects.exclude(pk=current_site_id()).order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MembersInline(admin.TabularInline):
    """On a site's page: the people who work there and their roles."""

    model = Membership
    fk_name = "site"
    formset = MembershipFormSet
    extra = 0
    autocomplete_fields = ["user"]
    verbose_name = "người làm việc ở trang"
    verbose_name_plural = "Người làm việc ở trang này và vai trò"


class SiteSettingsInline(admin.StackedInline):
    model = SiteSettings
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fk_name = "site"
    can_delete = False
    min_num = max_num = 1
    fieldsets = (
        (None, {"fields": ("tagline", "owner", "responsible", "address", "phone", "email", "licence", "logo")}),
        ("Trang tiếng Anh", {"fields": ("name_en", "tagline_en")}),
        ("Góp ý và bản đồ", {"fields": ("contact_email", "map_url")}),
        ("Trong mạng cổng thông tin", {"fields": ("parent", "archived_on", "successor")}),
    )


class HostNameInline(admin.TabularInline):
    model = HostName
    extra = 0


admin.site.unregister(Site)


@admin.register(Site)
class SiteAdmin(DjangoSiteAdmin):
    form = SiteForm
    inlines = [SiteSettingsInline, HostNameInline, MembersInline]
    list_display = ("name", "domain", "parent", "archived_on")
    list_select_related = ("settings__parent",)
    search_fields = ("domain", "name", "host_names__host")

    @admin.display(description="Trang cấp trên")
    def parent(self, site):
        parent = getattr(getattr(site, "settings", None), "parent", None)
        return parent.name if parent else "—"

    @admin.display(description="Lưu trữ từ ngày")
    def archived_on(self, site):
        settings = getattr(site, "settings", None)
        return settings.archived_on.strftime("%d/%m/%Y") if settings and settings.archived_on else "—"

    def get_fieldsets(self, request, obj=None):
        fields = ["domain", "name"] if obj is not None else ["domain", "name", "first_administrator"]
        return [(None, {"fields": fields})]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        chosen = form.cleaned_data.get("first_administrator")
        if not change and chosen is not None:
            grant(chosen, form.instance.pk, ADMINS)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # a site is deleted one at a time, its name typed
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        """Deleting a site asks for its name typed again (network/deletion.py does the rest)."""
        site = self.get_object(request, object_id)
        if site is None or not self.has_delete_permission(request, site):
            raise PermissionDenied
        typed, error = request.POST.get("typed_name", ""), None
        if request.method == "POST":
            try:
                delete_site(site, typed)
            except SiteNotDeleted as refused:
                error = str(refused)
            else:
                self.message_user(request, f"Đã xóa trang {site.name} và toàn bộ nội dung của trang.")
                return redirect("admin:sites_site_changelist")
        counts = [
            (model._meta.verbose_name, count)
            for model in owned_models()
            if (count := model._base_manager.filter(site_id=site.pk).count())
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "site": site,
            "counts": counts,
            "error": error,
            "typed_name": typed,
            "title": f"Xóa trang {site.name}",
        }
        return TemplateResponse(request, "admin/sites/site/delete_typed.html", context, status=400 if error else 200)
