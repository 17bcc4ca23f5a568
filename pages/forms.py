from images.forms import PhotoModelForm

from .models import Page


class PageAdminForm(PhotoModelForm):
    """Stores a new photo while validating (a full disk is a form error); parents shown by their address."""

    photo_fields = ("photo",)

    class Meta:
        model = Page
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("parent", "translation_of"):
            if name in self.fields:
                field = self.fields[name]
                field.queryset = Page.objects.order_by("language", "path")
                field.label_from_instance = Page.admin_label
        if "translation_of" in self.fields:
            self.fields["translation_of"].queryset = Page.objects.filter(language=Page.Language.VI).order_by("path")
