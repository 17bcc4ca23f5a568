"""Sites in the admin, for the network's administrators (the province's IT team: superusers;
a site's own "Quản trị" has no right on sites): a site's main name and name, its identity
and its other names on one page."""

from django import forms
from django.contrib import admin
from django.contrib.sites.admin import SiteAdmin as DjangoSiteAdmin
from django.contrib.sites.models import Site
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .deletion import SiteNotDeleted, delete_site, owned_models
from .hosts import HOST_HELP, normalise_host
from .models import HostName, SiteSettings, validate_host


class SiteForm(forms.ModelForm):
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


class SiteSettingsInline(admin.StackedInline):
    model = SiteSettings
    fk_name = "site"
    can_delete = False
    min_num = max_num = 1
    fieldsets = (
        (None, {"fields": ("tagline", "owner", "responsible", "address", "phone", "email", "licence", "logo")}),
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
    inlines = [SiteSettingsInline, HostNameInline]
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
