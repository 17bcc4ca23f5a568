"""The admin's few English displays that no translation reaches, said in Vietnamese.

Installed once from AccountsConfig.ready(). Each replaces one function of a library;
checked on Django 5.2 and django-axes 8.3 (tests/admin/test_vietnamese_admin.py fails
if an upgrade brings the English back).
"""

from django.contrib.admin.templatetags import admin_list
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime

FLAGS = {True: ("Có", "flag-yes"), False: ("Không", "flag-no"), None: ("Chưa rõ", "flag-unknown")}


def flag(value) -> str:
    """A yes/no column or read-only field as a word: Django's red ✖ icon (alt "False")
    reads as an error to editors."""
    text, css_class = FLAGS[value]
    return format_html('<span class="flag {}">{}</span>', css_class, text)


def _when(moment) -> str:
    return date_format(localtime(moment), "DATETIME_FORMAT") if moment else ""


def _failure(entry) -> str:
    locked = " (bị khóa)" if entry.locked_out else ""
    return f"Đăng nhập sai: {entry.username}{locked}, {_when(entry.attempt_time)}, từ {entry.ip_address}"


def _attempt(entry) -> str:
    return f"Lần thử đăng nhập: {entry.username}, {_when(entry.attempt_time)}"


def _log(entry) -> str:
    return f"Đăng nhập: {entry.username}, {_when(entry.attempt_time)}"


# django-otp names its models and apps in plain, untranslatable English.
DEVICE_NAMES = {
    ("otp_totp", "totpdevice"): "ứng dụng xác thực",
    ("otp_static", "staticdevice"): "bộ mã dự phòng",
    ("otp_static", "statictoken"): "mã dự phòng",
}
# django-axes has no verbose name: the admin shows its label, "Axes" (upper case on the index).
APP_NAMES = {
    "otp_totp": "Xác thực hai lớp: ứng dụng",
    "otp_static": "Xác thực hai lớp: mã dự phòng",
    "axes": "Đăng nhập: nhật ký và khóa tạm",
    # django.contrib.sites: "Sites", which Django's Vietnamese leaves untranslated.
    "sites": "Các trang trong mạng",
}


# Django's default permissions are stored as "Can add <model>" (not translatable).
ACTIONS = {"add": "Thêm", "change": "Sửa", "delete": "Xóa", "view": "Xem"}


def _permission(permission) -> str:
    """ "Tin bài | Thêm bài viết" (the user and group forms, delete pages); the project's own
    permissions are named in Vietnamese already. Needs content_type (select_related)."""
    model = permission.content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    if model is None:
        return f"{permission.content_type.app_label} | {permission.name}"
    name = permission.name
    if action in ACTIONS and permission.codename == f"{action}_{model._meta.model_name}":
        name = f"{ACTIONS[action]} {model._meta.verbose_name}"
    return f"{model._meta.app_config.verbose_name} | {name}"


def _link(row) -> str:
    one, other = (field.name for field in row._meta.fields if field.is_relation)
    return f"{getattr(row, one)} – {getattr(row, other)}"  # one query each: delete pages only


def _name_links(apps) -> None:
    """Many-to-many rows (an article's tags, a user's groups) as the delete page lists them:
    Django names them "Article-tag relationship: Article_tags object (1)"."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.auto_created:
            one, other = (field.related_model._meta.verbose_name for field in model._meta.fields if field.is_relation)
            model._meta.verbose_name = model._meta.verbose_name_plural = f"liên kết {one} – {other}"
            model.__str__ = _link


def install() -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.apps import apps
    from django.contrib.auth.models import Permission

    # Every caller imports it from admin_list at call time (utils.display_for_field,
    # display_for_value, helpers.AdminReadonlyField.contents).
    admin_list._boolean_icon = flag
    # axes' own __str__ are English f-strings (the lists' checkboxes, titles, breadcrumbs).
    AccessFailureLog.__str__ = _failure
    AccessAttempt.__str__ = _attempt
    AccessLog.__str__ = _log
    Permission.__str__ = _permission
    for (app_label, model_name), name in DEVICE_NAMES.items():
        meta = apps.get_model(app_label, model_name)._meta
        meta.verbose_name = meta.verbose_name_plural = name
    for app_label, name in APP_NAMES.items():
        apps.get_app_config(app_label).verbose_name = name
    # Listed when a device is deleted; the code itself is a secret.
    apps.get_model("otp_static", "statictoken").__str__ = lambda token: "một mã dự phòng"
    _name_links(apps)
