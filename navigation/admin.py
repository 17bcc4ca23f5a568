from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from images.forms import PhotoModelForm

from .models import MenuItem, WebLink


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    list_display = ["title", "parent", "kind", "where", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active", "kind"]
    list_select_related = ["category", "page", "parent"]
    fields = ["label", "kind", "category", "page", "path", "url", "parent", "order", "is_active"]
    ordering = ["parent__order", "parent__id", "order", "id"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("địa chỉ"))
    def where(self, item):
        return item.href


def https_by_default(field, **kwargs):
    """People type "dangcongsan.vn": the address is https://dangcongsan.vn."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class WebLinkForm(PhotoModelForm):
    photo_fields = ("logo",)

    class Meta:
        model = WebLink
        fields = ["name", "url", "logo", "order", "is_active"]
        formfield_callback = https_by_default


@admin.register(WebLink)
class WebLinkAdmin(admin.ModelAdmin):
    form = WebLinkForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "url", "order", "is_active"]
    list_editable = ["order", "is_active"]

    def save_model(self, request, obj, form, change):
        with form.photos_removed_on_failure():
            super().save_model(request, obj, form, change)
