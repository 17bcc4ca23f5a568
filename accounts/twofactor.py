"""Who needs the second step, and checking a code against an account's devices.

An account has at most one authenticator app (a confirmed TOTPDevice) and one set of
recovery codes (a StaticDevice); django-otp throttles each device after failures.
"""

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import ADMINS
from network.access import memberships_of

# A site's administrators (core/roles.py), on whichever site they hold the role.
REQUIRED_ROLES = (ADMINS,)
RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã dự phòng"


def is_required(user) -> bool:
    """Superusers and administrators must log in with a second step (ADMIN_REQUIRE_2FA)."""
    if not settings.ADMIN_REQUIRE_2FA or not user.is_authenticated:
        return False
    return user.is_superuser or any(role in REQUIRED_ROLES for role in memberships_of(user).values())


def app_device(user, confirmed=True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-id").first()


def is_enabled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalise(code: str) -> str:
    """What people type: spaces or dashes between groups, any case."""
    return "".join(ch for ch in code if ch.isalnum()).lower()


def pending_app_device(user) -> TOTPDevice:
    """The app being set up: made once, shown (QR code) until a code from it is entered."""
    device = app_device(user, confirmed=False)
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def check(user, code: str):
    """The device that accepts `code` (an app's 6 digits or a recovery code), or None.

    Returns (device, locked): `locked` is True when a device refused to check at all
    because of recent failures (django-otp's throttling)."""
    code = normalise(code)
    if not code:
        return None, False
    locked = False
    kinds = [TOTPDevice] if code.isdigit() and len(code) == 6 else [StaticDevice]
    with transaction.atomic():
        for kind in kinds:
            for device in kind.objects.select_for_update().filter(user=user, confirmed=True):
                allowed, _ = device.verify_is_allowed()
                if not allowed:
                    locked = True
                    continue
                if device.verify_token(code):
                    return device, False
    return None, locked


@transaction.atomic
def confirm_app(device: TOTPDevice) -> list[str]:
    """Make `device` the account's one authenticator app and issue new recovery codes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the account's recovery codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def switch_off(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
