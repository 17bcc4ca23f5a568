"""The second login step: required for superusers and "Quản trị", offered to everyone else."""

import re
from base64 import b32encode

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import twofactor
from tests.factories import give_role, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dung-1"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.ADMIN_REQUIRE_2FA = True


def current_code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def password_login(client, user):
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302, "the password step itself must succeed"


def with_app(user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    twofactor.confirm_app(device)
    return device


@pytest.fixture
def boss():
    return make_user(superuser=True, username="quantri", password=PASSWORD)


@pytest.fixture
def writer():
    user = make_user(staff=True, username="phongvien", password=PASSWORD)
    give_role(user, "Phóng viên / Biên tập viên")
    return user


def test_a_superuser_without_an_app_must_set_one_up_before_any_admin_page(client, boss):
    password_login(client, boss)
    for path in ("/admin/", "/admin/articles/article/", "/admin/auth/user/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/admin/bao-mat/thiet-lap/")

    page = client.get("/admin/bao-mat/thiet-lap/?next=/admin/articles/article/").content.decode()
    assert "<svg" in page and "Google Authenticator" in page
    secret = re.search(r'<code class="secret" translate="no">([A-Z2-7 ]+)</code>', page).group(1)
    device = TOTPDevice.objects.get(user=boss, confirmed=False)
    assert secret.replace(" ", "") == b32encode(device.bin_key).decode()

    wrong = client.post("/admin/bao-mat/thiet-lap/", {"code": "000000"})
    assert "Mã không đúng" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302  # still not in
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a little; the editor waits

    done = client.post("/admin/bao-mat/thiet-lap/", {"code": current_code(device), "next": "/admin/articles/article/"})
    codes = re.findall(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", done.content.decode())
    assert len(codes) == 10
    assert done["Cache-Control"].startswith("max-age=0") and "no-store" in done["Cache-Control"]
    assert 'href="/admin/articles/article/"' in done.content.decode()
    assert client.get("/admin/").status_code == 200


def test_with_an_app_the_password_alone_opens_nothing(client, boss):
    device = with_app(boss)
    password_login(client, boss)
    for path in ("/admin/", "/admin/articles/article/add/", "/xem-truoc/1/", "/admin/bao-mat/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith("/admin/bao-mat/xac-thuc/"), path
    # Nor may it swap in an app of the intruder's own.
    assert client.get("/admin/bao-mat/thiet-lap/").url.startswith("/admin/bao-mat/xac-thuc/")

    wrong = client.post("/admin/bao-mat/xac-thuc/", {"code": "123456", "next": "/admin/"})
    assert wrong.status_code == 200 and "Mã không đúng" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # the wait after a wrong code (test_guessing_codes_is_slowed_down)

    right = client.post("/admin/bao-mat/xac-thuc/", {"code": current_code(device), "next": "/admin/"})
    assert right.status_code == 302 and right.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_code_works_once(client, boss):
    device = with_app(boss)
    code = current_code(device)
    password_login(client, boss)
    assert client.post("/admin/bao-mat/xac-thuc/", {"code": code}).status_code == 302
    client.post("/admin/logout/")
    password_login(client, boss)
    replay = client.post("/admin/bao-mat/xac-thuc/", {"code": code})
    assert replay.status_code == 200, "a code seen once must not open a second session"


def test_guessing_codes_is_slowed_down(client, boss):
    device = with_app(boss)
    password_login(client, boss)
    for _ in range(3):
        client.post("/admin/bao-mat/xac-thuc/", {"code": "000000"})
    response = client.post("/admin/bao-mat/xac-thuc/", {"code": current_code(device)})
    assert response.status_code == 200
    assert "Đã nhập sai nhiều lần" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_logs_in_once_and_says_how_many_are_left(client, boss):
    device = TOTPDevice.objects.create(user=boss, name="app", confirmed=False)
    codes = twofactor.confirm_app(device)
    password_login(client, boss)
    typed = f" {codes[0][:4]}-{codes[0][4:].upper()} "  # as people type it: spaces, a dash, capitals
    response = client.post("/admin/bao-mat/xac-thuc/", {"code": typed}, follow=True)
    assert response.status_code == 200
    assert "còn lại 9 mã" in response.content.decode()
    client.post("/admin/logout/")
    password_login(client, boss)
    assert client.post("/admin/bao-mat/xac-thuc/", {"code": codes[0]}).status_code == 200  # used up


def test_new_recovery_codes_replace_the_old_ones(client, boss):
    device = TOTPDevice.objects.create(user=boss, name="app", confirmed=False)
    old = twofactor.confirm_app(device)
    password_login(client, boss)
    client.post("/admin/bao-mat/xac-thuc/", {"code": current_code(device)})
    page = client.post("/admin/bao-mat/ma-du-phong/").content.decode()
    new = [c.replace("-", "") for c in re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", page)]
    assert len(new) == 10 and not set(new) & set(old)
    assert twofactor.check(boss, old[1]) == (None, False)


def test_writers_are_offered_the_second_step_and_may_switch_it_off(client, writer):
    password_login(client, writer)
    assert client.get("/admin/").status_code == 200  # not required of a writer
    overview = client.get("/admin/bao-mat/").content.decode()
    assert "chưa bật" in overview and "Bật xác thực hai lớp" in overview
    assert "Bảo mật đăng nhập" in client.get("/admin/").content.decode()  # the link in the header

    device = twofactor.pending_app_device(writer)
    client.post("/admin/bao-mat/thiet-lap/", {"code": current_code(device)})
    assert twofactor.is_enabled(writer)
    client.post("/admin/logout/")
    password_login(client, writer)
    assert client.get("/admin/").url.startswith("/admin/bao-mat/xac-thuc/")  # once on, always asked
    client.post("/admin/bao-mat/xac-thuc/", {"code": twofactor.new_recovery_codes(writer)[0]})

    response = client.post("/admin/bao-mat/tat/", follow=True)
    assert "Đã tắt xác thực hai lớp" in response.content.decode()
    assert not twofactor.is_enabled(writer)


def test_administrators_may_not_switch_it_off(client):
    chief = make_user(staff=True, username="truongban", password=PASSWORD)
    give_role(chief, "Quản trị")
    device = with_app(chief)
    password_login(client, chief)
    client.post("/admin/bao-mat/xac-thuc/", {"code": current_code(device)})
    response = client.post("/admin/bao-mat/tat/", follow=True)
    assert "bắt buộc" in response.content.decode()
    assert twofactor.is_enabled(chief)


def test_switched_off_for_a_local_copy(client, settings, boss):
    settings.ADMIN_REQUIRE_2FA = False
    password_login(client, boss)
    assert client.get("/admin/").status_code == 200


def test_the_reset_command_lets_an_administrator_who_lost_the_phone_set_up_again(client, boss):
    with_app(boss)
    call_command("reset_2fa", "quantri")
    password_login(client, boss)
    assert client.get("/admin/").url.startswith("/admin/bao-mat/thiet-lap/")


def test_next_cannot_lead_off_the_site(client, boss):
    device = with_app(boss)
    password_login(client, boss)
    response = client.post("/admin/bao-mat/xac-thuc/", {"code": current_code(device), "next": "https://evil.example/"})
    assert response.url == "/admin/"
