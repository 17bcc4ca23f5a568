"""Admin forms that store their photos while they validate.

Storing a photo can fail for reasons the photo's checks cannot see: every image
job slot busy, the disk full. In Model.save() such a failure comes after the
admin has accepted the form, as a 500. A form built on PhotoModelForm stores its
new photos once everything else is valid, so that a failure is an error on the
photo field, in Vietnamese, and no row is saved; the model's own save() then
finds the photos stored already.
"""

from contextlib import contextmanager

from django import forms
from django.core.exceptions import ValidationError

from core.compat import is_new_upload

from .errors import PhotoNotStored
from .renditions import remove_image, store_image


class PhotoModelForm(forms.ModelForm):
    photo_fields: tuple[str, ...] = ()  # the model's ImageFields stored through images.renditions

    def full_clean(self):
        super().full_clean()
        self.stored_photos = []
        if self.is_bound and not self.errors:
            self._store_new_photos()

    def _store_new_photos(self) -> None:
        for field in self.photo_fields:
            field_file = getattr(self.instance, field)
            if not is_new_upload(field_file):
                continue
            try:
                store_image(field_file)
            except ValidationError as error:  # a bad picture behind a sound header
                self.add_error(field, error)
            except PhotoNotStored as error:
                self.add_error(field, ValidationError(error.message, code="not_stored"))
            else:
                self.stored_photos.append((field_file.storage, field_file.name))
        if self.errors:  # one photo stored, the next one refused: keep neither
            self.remove_stored_photos()

    def remove_stored_photos(self) -> None:
        for storage, name in self.stored_photos:
            remove_image(storage, name)
        self.stored_photos = []

    @contextmanager
    def photos_removed_on_failure(self):
        """For the admin's save_model(): if the row is not saved, its new photos go too."""
        try:
            yield
        except BaseException:
            self.remove_stored_photos()
            raise
