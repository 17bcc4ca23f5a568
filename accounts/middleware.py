from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import twofactor


class TwoFactorMiddleware:
    """The second step of logging in, on every staff address.

    A staff account that has an authenticator app must enter its code once per
    session before any staff page opens; one that must have an app (ADMIN_REQUIRE_2FA:
    superusers and administrators) and has none is sent to set it up first. Needs
    django_otp's OTPMiddleware before it (request.user.is_verified).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self._detour(request) or self.get_response(request)

    def _detour(self, request):
        path = request.path_info
        if not path.startswith(settings.STAFF_URL_PREFIXES) or path in _open_paths():
            return None
        user = request.user
        if not user.is_authenticated or not user.is_staff or user.is_verified():
            return None
        if twofactor.is_enabled(user):
            return _to("accounts:verify", path)
        if twofactor.is_required(user):
            return _to("accounts:setup", path)
        return None


def _open_paths() -> set[str]:
    """Pages an account half-way through logging in may open."""
    return {
        reverse("admin:login"),
        reverse("admin:logout"),
        reverse("accounts:verify"),
        reverse("accounts:setup"),
    }


def _to(name: str, next_path: str):
    return redirect(f"{reverse(name)}?{urlencode({'next': next_path})}")
