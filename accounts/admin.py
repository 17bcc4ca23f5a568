"""Accounts in the admin: a role makes a working account; the login says why it refuses;
permissions and the login apps' records read in Vietnamese."""

from axes import admin as axes_admin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.sites import current_site_id
from network.access import manageable_users
from network.admin import OtherSitesInline

from . import roles
from .admin_forms import PasswordChangeForm, RoleChangeForm, RoleCreationForm, StaffLoginForm

admin.site.login_form = StaffLoginForm

admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = RoleChangeForm
    add_form = RoleCreationForm
    change_password_form = PasswordChangeForm
    list_display = ["username", "full_name", "role", "admin_access", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "usable_password", "password1", "password2", "role"]}),
    ]
    fieldsets = [
        (None, {"fields": ["username", "password", "role"]}),
        ("Thông tin cá nhân", {"fields": ["first_name", "last_name", "email"]}),
        (
            "Quyền chi tiết (thường không cần: vai trò đã đủ)",
            {
                "classes": ["collapse"],
                "fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"],
            },
        ),
        ("Thời điểm", {"fields": ["last_login", "date_joined"]}),
    ]

    def get_queryset(self, request):
        # role_of() per row reads the prefetched memberships.
        queryset = super().get_queryset(request).prefetch_related("memberships")
        return manageable_users(request.user, current_site_id(), queryset)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # Flags, groups and single permissions reach every site: the network's administrators' own.
        return [(name, options) for name, options in fieldsets if "is_superuser" not in options["fields"]]

    def get_inlines(self, request, obj):
        return [OtherSitesInline] if request.user.is_superuser and obj is not None else []

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"editor": request.user})

    @admin.display(description="Họ và tên", ordering="last_name")
    def full_name(self, user):
        return user.get_full_name()

    @admin.display(description="Vai trò ở trang này")
    def role(self, user):
        return roles.role_of(user) or "-"

    @admin.display(description="Vào trang quản trị")
    def admin_access(self, user):
        if roles.cannot_log_in(user):
            return format_html(
                '<strong class="account-warning">{}</strong>',
                "Chưa vào được: có vai trò nhưng chưa bật “được vào trang quản trị”. "
                "Mở tài khoản, chọn lại vai trò và lưu.",
            )
        return "Có" if user.is_staff else "Không"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # groups and other sites' roles first
        user = form.instance
        if not change or "role" in form.changed_data:
            roles.set_role(user, form.cleaned_data.get("role") or roles.NO_ROLE)
        else:
            roles.refresh_staff(user)
        if not user.is_staff:
            messages.warning(
                request,
                f"Tài khoản “{user.username}” chưa có vai trò nên chưa đăng nhập được trang quản trị. "
                "Chọn một vai trò khi người này cần viết hoặc duyệt bài.",
            )
        elif roles.role_of(user):
            messages.info(request, f"“{user.username}” đăng nhập được với vai trò {roles.role_of(user)}.")


class DeviceAdmin(admin.ModelAdmin):
    """Login devices, to see and to remove (a lost phone): made on "Bảo mật đăng nhập" only,
    and their secrets (the app's key, the recovery codes) are never shown."""

    list_display = ["owner", "device_name", "created", "last_used", "in_use"]
    fields = ["owner", "device_name", "created", "last_used", "in_use"]
    readonly_fields = fields
    list_select_related = ["user"]
    search_fields = ["user__username"]
    search_help_text = "Tìm theo tên đăng nhập."

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Tài khoản", ordering="user__username")
    def owner(self, device):
        return device.user.username

    @admin.display(description="Tên")
    def device_name(self, device):
        return device.name

    @admin.display(description="Thêm lúc", ordering="created_at")
    def created(self, device):
        return _when(device.created_at)

    @admin.display(description="Dùng lần cuối", ordering="last_used_at")
    def last_used(self, device):
        return _when(device.last_used_at) or "Chưa dùng"

    @admin.display(description="Đang dùng", boolean=True)
    def in_use(self, device):
        return device.confirmed


def _when(moment) -> str:
    return date_format(localtime(moment), "DATETIME_FORMAT") if moment else ""


for device_model in (TOTPDevice, StaticDevice):
    admin.site.unregister(device_model)
    admin.site.register(device_model, DeviceAdmin)


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    # Without the "Form Data" section: the masked field names of the login form, nothing to read.
    fieldsets = [
        (None, {"fields": ["username", "path_info", "failures_since_start", "expiration"]}),
        (_("Meta Data"), {"fields": ["user_agent", "ip_address", "http_accept"]}),
    ]


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AccessAttemptAdmin)
