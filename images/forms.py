"""Admin forms that store their photos while they validate.

Storing a photo can fail for reasons the photo's checks cannot see: every image
job slot busy, the disk full. In Model.save() such a failure comes after the
admin has accepted the form, as a 500. A form built on PhotoModelForm stores its
new photos once everything else is valid, so that a failure is an error on the
photo field, in Vietnamese, and no row is saved; the model's own save() then
finds the photos stored already.

A new photo in a form that fails for another reason is kept (pending.py): stored
under pending/, shown back beside the file input with a signed token in a hidden
field, and made the field's photo on the next valid submit.
"""

from contextlib import contextmanager

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.compat import is_new_upload

from . import pending
from .errors import PhotoNotStored
from .renditions import remove_image, store_image

PENDING_GONE = _(
    "Ảnh đã chọn lần trước không còn dùng được (quá hạn hoặc không hợp lệ); bài chưa được lưu. Hãy chọn lại ảnh."
)


class PendingPhotoInput(AdminFileWidget):
    """The admin's file input, and below it the photo kept from the last submit, if any."""

    kept = None  # (token field name, Pending, thumbnail URL, what saving it is called), set by the form

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.kept is None:
            return html
        field_name, kept, url, item = self.kept
        return format_html(
            '{}<p class="pending-photo"><input type="hidden" name="{}" value="{}">'
            '<img src="{}" alt="" width="120"> {} <strong>{}</strong> {}</p>',
            html,
            field_name,
            kept.token,
            url,
            _("Ảnh đã chọn:"),
            kept.filename or _("(không tên)"),
            _("(sẽ được lưu khi %s được lưu)") % item,
        )


class PhotoModelForm(forms.ModelForm):
    photo_fields: tuple[str, ...] = ()  # the model's ImageFields stored through images.renditions

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_photos = {}  # field -> pending.Pending: chosen before, not saved yet
        for field in self.photo_fields:
            if field in self.fields:
                widget = PendingPhotoInput(attrs=self.fields[field].widget.attrs)
                widget.is_required = self.fields[field].required
                self.fields[field].widget = widget

    def full_clean(self):
        super().full_clean()
        self.stored_photos = []
        self.stored_fields = {}  # field -> (stored name, the editor's file name) of photos stored here
        if not self.is_bound:
            return
        self._read_kept_photos()
        if not self.errors:
            self._store_new_photos()
        if not self.errors:
            self._adopt_kept_photos()
        else:
            self._keep_new_photos()
        self._show_kept_photos()

    # --- a photo kept from a submit that failed for another reason (pending.py) ---

    def _token_field(self, field: str) -> str:
        return f"{self.add_prefix(field)}-da-chon"

    def _purpose(self, field: str) -> str:
        return f"{self._meta.model._meta.label}.{field}"

    def _read_kept_photos(self) -> None:
        for field in self.photo_fields:
            token = self.data.get(self._token_field(field))
            if not token or field not in self.fields:
                continue
            if is_new_upload(getattr(self.instance, field)) or self.cleaned_data.get(field) is False:
                continue  # a new photo chosen, or "Xóa" ticked: the kept one is not wanted
            try:
                self.kept_photos[field] = pending.read(token, self._purpose(field))
            except pending.PendingGone:
                self.add_error(field, ValidationError(PENDING_GONE, code="pending_gone"))

    def _adopt_kept_photos(self) -> None:
        for field, kept in self.kept_photos.items():
            field_file = getattr(self.instance, field)
            try:
                pending.adopt(field_file, kept, field_file.storage)
            except pending.PendingGone:
                self.add_error(field, ValidationError(PENDING_GONE, code="pending_gone"))
            except PhotoNotStored as error:
                self.add_error(field, ValidationError(error.message, code="not_stored"))
            else:
                self.stored_photos.append((field_file.storage, field_file.name))
                self.stored_fields[field] = (field_file.name, kept.filename)
                if field not in self.changed_data:  # the revision's comment names the photo
                    self.changed_data.append(field)
        if self.errors:
            self.kept_photos = {}
            self.remove_stored_photos()

    def _keep_new_photos(self) -> None:
        for field in self.photo_fields:
            field_file = getattr(self.instance, field)
            if field in self.errors or not is_new_upload(field_file):
                continue
            try:
                self.kept_photos[field] = pending.keep(field_file, field_file.storage, self._purpose(field))
            except ValidationError as error:  # a bad picture: better said now than after the next submit
                self.add_error(field, error)
            except PhotoNotStored as error:
                self.add_error(field, ValidationError(error.message, code="not_stored"))

    def _show_kept_photos(self, always: bool = False) -> None:
        if not (self.errors or always):
            return
        for field, kept in self.kept_photos.items():
            widget = self.fields[field].widget
            if isinstance(widget, PendingPhotoInput):
                url = kept.thumbnail_url(getattr(self.instance, field).storage)
                widget.kept = (self._token_field(field), kept, url, self._meta.model._meta.verbose_name)

    def _store_new_photos(self) -> None:
        for field in self.photo_fields:
            field_file = getattr(self.instance, field)
            if not is_new_upload(field_file):
                continue
            chosen_as = field_file.name  # the editor's name for the file, before it is stored
            try:
                store_image(field_file)
            except ValidationError as error:  # a bad picture behind a sound header
                self.add_error(field, error)
            except PhotoNotStored as error:
                self.add_error(field, ValidationError(error.message, code="not_stored"))
            else:
                self.stored_photos.append((field_file.storage, field_file.name))
                self.stored_fields[field] = (field_file.name, chosen_as)
        if self.errors:  # one photo stored, the next one refused: keep neither
            self.remove_stored_photos()

    def remove_stored_photos(self) -> None:
        for storage, name in self.stored_photos:
            remove_image(storage, name)
        self.stored_photos = []
        self.stored_fields = {}

    def keep_unsaved_photos(self) -> None:
        """For the admin, when the form was valid but the row was not saved (an inline was
        refused): the new photos it stored wait under pending/ for the next submit, as a
        photo does when this form itself is refused."""
        for field, (name, chosen_as) in self.stored_fields.items():
            field_file = getattr(self.instance, field)
            try:
                self.kept_photos[field] = pending.keep_stored(
                    field_file.storage, name, field_file.width, chosen_as, self._purpose(field)
                )
            except (pending.PendingGone, PhotoNotStored):
                remove_image(field_file.storage, name)  # not kept: chosen again, as before
        self.stored_photos, self.stored_fields = [], {}
        self._show_kept_photos(always=True)

    @contextmanager
    def photos_removed_on_failure(self):
        """For the admin's save_model(): if the row is not saved, its new photos go too."""
        try:
            yield
        except BaseException:
            self.remove_stored_photos()
            raise
