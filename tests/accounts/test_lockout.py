"""Failed logins lock the account and the address (django-axes), in Vietnamese, behind nginx too."""

import logging

import pytest
from django.core.management import call_command

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dung-1"
LOGIN = "/admin/login/"


def attempt(client, username, password, address="203.0.113.7", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def editor():
    return make_user(staff=True, username="bientap", password=PASSWORD)


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, settings, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "bientap", "sai")
        assert response.status_code == 200  # the login form again, with its error
    response = attempt(client, "bientap", "sai")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "sai mật khẩu 5 lần" in page and "15 phút" in page

    # The right password from another address: the account stays locked.
    response = attempt(client, "bientap", PASSWORD, address="198.51.100.20")
    assert response.status_code == 429
    assert not logged_in(client)


def test_one_address_trying_many_accounts_is_locked_too(client, settings, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"doan-{n}", "sai")
    assert attempt(client, "bientap", PASSWORD).status_code == 429
    assert not logged_in(client)
    # The editor at another address is not punished for the attacker's address.
    assert attempt(client, "bientap", PASSWORD, address="198.51.100.20").status_code == 302
    assert logged_in(client)


def test_behind_nginx_the_lock_follows_the_readers_own_address(client, settings, editor):
    settings.TRUSTED_PROXY_COUNT = 1
    nginx = "127.0.0.1"
    for n in range(settings.AXES_FAILURE_LIMIT):
        # What the client writes left of nginx's own entry does not change who it is.
        attempt(client, f"doan-{n}", "sai", address=nginx, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.7")
    assert attempt(client, "bientap", PASSWORD, address=nginx, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    # Everyone else behind the same nginx still logs in.
    response = attempt(client, "bientap", PASSWORD, address=nginx, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert response.status_code == 302
    assert logged_in(client)


def test_the_unlock_command_lets_the_account_in_at_once(client, settings, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "bientap", "sai")
    assert attempt(client, "bientap", PASSWORD).status_code == 429

    call_command("axes_reset_username", "bientap")

    assert attempt(client, "bientap", PASSWORD).status_code == 302
    assert logged_in(client)


def test_a_successful_login_starts_the_count_again(client, settings, editor):
    for _ in range(2):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            attempt(client, "bientap", "sai")
        assert attempt(client, "bientap", PASSWORD).status_code == 302
        client.post("/admin/logout/")


def test_a_lockout_is_logged_on_one_line(client, settings, editor, caplog):
    with caplog.at_level(logging.WARNING, logger="accounts"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            attempt(client, "bientap", "sai")
    lines = [r.getMessage() for r in caplog.records if r.name == "accounts"]
    assert lines == ["Login locked: account 'bientap', address 203.0.113.7 (too many failed passwords)"]
    assert not any(r.exc_info for r in caplog.records)
