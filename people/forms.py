from images.forms import PhotoModelForm


class PersonAdminForm(PhotoModelForm):
    photo_fields = ("photo",)
