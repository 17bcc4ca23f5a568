"""The admin's account forms: a role instead of groups and flags, and a login that says
why a known account with the right password is still refused."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    AdminUserCreationForm,
    SetUnusablePasswordMixin,
    UserChangeForm,
)
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy

from core.sites import current_site_id
from network.models import administrators
from network.registry import registry

from . import roles

ROLE_HELP = (
    "Chọn vai trò là đủ để người này đăng nhập được trang quản trị với đúng quyền của vai trò "
    "(tài khoản được bật “được vào trang quản trị”). Không có vai trò: không vào được trang quản trị."
)
NOT_STAFF = (
    "Mật khẩu đúng, nhưng tài khoản này chưa được cấp quyền vào trang quản trị. "
    "Hãy nhờ người quản trị chọn “Vai trò” cho tài khoản (Người sử dụng › tên đăng nhập của bạn)."
)


def role_choices() -> list[tuple[str, str]]:
    """The roles whose group exists (a migration makes them), and none."""
    existing = set(Group.objects.filter(name__in=roles.ROLES).values_list("name", flat=True))
    choices = [(roles.NO_ROLE, "Không có vai trò (không vào được trang quản trị)")]
    return choices + [(role, role) for role in roles.ROLES if role in existing]


LAST_ADMINISTRATOR = (
    "Trang “{site}” phải còn ít nhất một người quản trị: hãy cho người khác vai trò "
    "“Quản trị” trước, rồi mới đổi vai trò của người này."
)
ROLE_NEEDED = "Hãy chọn một vai trò ở trang này: tài khoản không có vai trò sẽ không vào được trang nào."


class RoleMixin(forms.Form):
    """The role at the site being worked on (network/access.py); the admin sets `editor`."""

    role = forms.ChoiceField(label="Vai trò", required=False, help_text=ROLE_HELP)
    editor = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["role"]
        field.choices = role_choices()
        site = registry.site(current_site_id())
        if site is not None:
            field.label = f"Vai trò ở trang {site.name}"

    def clean_role(self):
        role = self.cleaned_data.get("role") or roles.NO_ROLE
        editor = self.editor
        if not role and self.instance.pk is None and editor is not None and not editor.is_superuser:
            raise ValidationError(ROLE_NEEDED, code="role_needed")
        site_id = current_site_id()
        demoted = self.instance.pk and role != roles.ADMINS and roles.role_of(self.instance, site_id) == roles.ADMINS
        if demoted and not administrators(site_id).exclude(user_id=self.instance.pk).exists():
            site = registry.site(site_id)
            raise ValidationError(LAST_ADMINISTRATOR.format(site=site.name if site else ""), code="last_admin")
        return role


class RoleCreationForm(RoleMixin, AdminUserCreationForm):
    """A new account: name, password, role."""


class RoleChangeForm(RoleMixin, UserChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].initial = roles.role_of(self.instance)


class PasswordChangeForm(AdminPasswordChangeForm):
    # Django 5.2 appends an English, untranslatable warning to this help text.
    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        "Nếu tắt, mật khẩu hiện tại của tài khoản sẽ mất.",
    )


class StaffLoginForm(AdminAuthenticationForm):
    """Django's admin login, which blames the password when the account is simply not staff."""

    def confirm_login_allowed(self, user):
        # Only reached when the password was right (authenticate() returned the user):
        # nothing is told to someone guessing, and django-axes counts no failure.
        if user.is_active and not user.is_staff:
            raise ValidationError(NOT_STAFF, code="not_staff")
        super().confirm_login_allowed(user)
