"""The second step of logging in, and an account's own security page (/admin/bao-mat/)."""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from . import twofactor
from .forms import CodeForm

WRONG_CODE = "Mã không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trên ứng dụng, hoặc một mã dự phòng."
TOO_MANY = "Đã nhập sai nhiều lần. Vui lòng chờ khoảng một phút rồi nhập mã mới."


def _page(request, template: str, title: str, **context):
    return TemplateResponse(request, template, {**admin.site.each_context(request), "title": title, **context})


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("admin:index")


def _with_next(name: str, target: str):
    return redirect(f"{reverse(name)}?{urlencode({'next': target})}")


@never_cache
@staff_member_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Enter the code from the authenticator app (or a recovery code) to finish logging in."""
    user, target = request.user, _next(request)
    if user.is_verified():
        return redirect(target)
    if not twofactor.is_enabled(user):
        return _with_next("accounts:setup", target) if twofactor.is_required(user) else redirect(target)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, locked = twofactor.check(user, form.cleaned_data["code"])
        if device is not None:
            request.session.cycle_key()
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = twofactor.recovery_codes_left(user)
                messages.warning(request, f"Bạn vừa dùng một mã dự phòng; còn lại {left} mã. Mỗi mã chỉ dùng một lần.")
            return redirect(target)
        form.add_error("code", TOO_MANY if locked else WRONG_CODE)
    return _page(request, "accounts/verify.html", "Xác thực hai lớp", form=form, next=target)


@never_cache
@staff_member_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Link an authenticator app: scan the QR code, type one code to prove it works."""
    user, target = request.user, _next(request)
    if twofactor.is_enabled(user) and not user.is_verified():
        return _with_next("accounts:verify", target)  # a password alone may not replace the app
    device = twofactor.pending_app_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(twofactor.normalise(form.cleaned_data["code"])):
            codes = twofactor.confirm_app(device)
            otp_login(request, device)
            messages.success(request, "Đã bật xác thực hai lớp cho tài khoản của bạn.")
            return _codes_page(request, codes, target)
        form.add_error("code", WRONG_CODE if allowed else TOO_MANY)
    return _page(
        request,
        "accounts/setup.html",
        "Thiết lập xác thực hai lớp",
        form=form,
        next=target,
        required=twofactor.is_required(user),
        qr_code=_qr_svg(device.config_url),
        secret=" ".join(_groups(b32encode(device.bin_key).decode(), 4)),
    )


@never_cache
@staff_member_required
@require_http_methods(["GET"])
def overview(request):
    user = request.user
    return _page(
        request,
        "accounts/security.html",
        "Bảo mật đăng nhập",
        enabled=twofactor.is_enabled(user),
        required=twofactor.is_required(user),
        codes_left=twofactor.recovery_codes_left(user),
    )


@never_cache
@staff_member_required
@require_POST
def recovery_codes(request):
    """New recovery codes (the old ones stop working), shown once."""
    if not twofactor.is_enabled(request.user):
        messages.error(request, "Hãy bật xác thực hai lớp trước khi tạo mã dự phòng.")
        return redirect("accounts:security")
    return _codes_page(request, twofactor.new_recovery_codes(request.user), reverse("accounts:security"))


@never_cache
@staff_member_required
@require_POST
def switch_off(request):
    if twofactor.is_required(request.user):
        messages.error(request, "Tài khoản quản trị bắt buộc dùng xác thực hai lớp; không thể tắt.")
    else:
        twofactor.switch_off(request.user)
        messages.success(request, "Đã tắt xác thực hai lớp. Lần đăng nhập sau chỉ cần mật khẩu.")
    return redirect("accounts:security")


@never_cache
@staff_member_required
@require_http_methods(["GET"])
def guide(request):
    """Hướng dẫn: writing, photos, scheduling, review and revisions (accounts/guide.html)."""
    return _page(request, "accounts/guide.html", "Hướng dẫn viết và đăng bài")


def locked_out(request, original_response=None, credentials=None):
    """django-axes refused a login (AXES_LOCKOUT_CALLABLE): say why and for how long."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else None
    response = _page(
        request,
        "accounts/locked_out.html",
        "Tạm khóa đăng nhập",
        failure_limit=settings.AXES_FAILURE_LIMIT,
        minutes=minutes,
    )
    response.status_code = 429
    return response.render()  # axes hands it to middleware that read its content


def _codes_page(request, codes: list[str], target: str):
    shown = ["-".join(_groups(code, 4)) for code in codes]
    return _page(request, "accounts/recovery_codes.html", "Mã dự phòng", codes=shown, next=target)


def _qr_svg(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=5, light="#fff", title="Mã QR để thêm tài khoản vào ứng dụng")
    return format_html('<div class="qr-code">{}</div>', mark_safe(svg))  # noqa: S308 - segno's own SVG, no input of ours


def _groups(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]
