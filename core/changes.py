"""What an admin save changed, in words an editor reads in the revision history.

Django's own message lists the form's changed_data: CKEditor sends the body back
reformatted on every save, so every revision read "Đã thay đổi Nội dung", and a
status change was not told apart. This compares what is stored before and after
the save instead, and spells the status out:

    Trạng thái: Bản nháp → Chờ duyệt. Đã sửa: Tiêu đề, Nội dung.
"""

from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _


def _comparable(field, value):
    if isinstance(field, models.ManyToManyField):
        return {getattr(item, "pk", item) for item in value or ()}
    if isinstance(field, models.FileField):
        return getattr(value, "name", value) or ""
    if isinstance(value, datetime):
        # The admin's time inputs have no seconds (accounts/formats): a time saved with
        # seconds loses them on the next save, which is not an edit anyone made.
        return value.replace(second=0, microsecond=0)
    if value is None and isinstance(field, (models.CharField, models.TextField)):
        return ""
    return value


def _choice_label(field, value) -> str:
    return str(dict(field.flatchoices).get(value, value))


def field_changes(form) -> list[str]:
    """ "Trạng thái: A → B" and the labels of the other fields whose stored value changed.
    Call after the save: form.instance holds the stored values (sanitised body, new photo),
    form.initial those the form was opened with. Reads a changed many-to-many field (a query)."""
    status, edited = [], []
    opts = form._meta.model._meta
    for name in form.changed_data:
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:
            continue
        before = form.initial.get(name)
        after = field.value_from_object(form.instance)
        if _comparable(field, before) == _comparable(field, after):
            continue
        if field.choices:  # the status above all: "Trạng thái: Bản nháp → Chờ duyệt"
            label = capfirst(field.verbose_name)
            status.append(f"{label}: {_choice_label(field, before)} → {_choice_label(field, after)}")
        else:
            edited.append(str(capfirst(field.verbose_name)))
    return status + ([_("Đã sửa: %s") % ", ".join(edited)] if edited else [])


def formset_changes(formsets) -> list[str]:
    """ "Thêm tệp đính kèm “a.pdf”", "Sửa …", "Xóa …" for the inlines saved with the item."""
    parts = []
    for formset in formsets:
        label = formset.model._meta.verbose_name
        for verb, items in (
            (_("Thêm"), formset.new_objects),
            (_("Sửa"), [item for item, _fields in formset.changed_objects]),
            (_("Xóa"), formset.deleted_objects),
        ):
            parts += [f"{verb} {label} “{item}”" for item in items]
    return parts


def describe(form, formsets) -> str:
    parts = field_changes(form) + formset_changes(formsets)
    return ". ".join(parts) + "." if parts else _("Lưu lại, không có thay đổi.")
