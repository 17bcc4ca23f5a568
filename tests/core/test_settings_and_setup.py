"""The IT officer's view: the settings refuse unsafe production set-ups, pass Django's deploy check."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    clean = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **env}
    # No time limit: collectstatic and Django's start-up are not what is tested, and a busy machine is slow.
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="gocongtay.example.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_bad_boolean_in_the_environment_fails_loudly():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be 0 or 1" in result.stderr


def test_ssl_redirect_can_be_switched_off_for_plain_http():
    code = (
        "from django.conf import settings; "
        "print(settings.SECURE_SSL_REDIRECT, settings.LANGUAGE_CODE, settings.TIME_ZONE)"
    )
    on = manage("shell", "--no-imports", "-c", code, DEBUG="0", SECRET_KEY="x" * 60)
    off = manage("shell", "--no-imports", "-c", code, DEBUG="0", SECRET_KEY="x" * 60, SECURE_SSL_REDIRECT="0")
    assert on.stdout.split() == ["True", "vi", "Asia/Ho_Chi_Minh"]
    assert off.stdout.split()[0] == "False"


def test_production_answers_http_with_a_redirect_to_https(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_vietnamese_404_page_in_the_site_layout(client):
    response = client.get("/khong/co/trang/nay")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and 'class="site-header"' in html and "Về trang chủ" in html


def test_500_page_is_vietnamese_and_needs_no_database():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Hệ thống đang gặp sự cố" in html and '<html lang="vi">' in html


@pytest.mark.django_db
def test_pages_work_with_caching_switched_off(client, settings):
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}  # CACHE_URL=dummy://
    settings.CACHES = {"default": dummy, "pages": dummy}
    from tests.factories import make_article

    article = make_article()
    for url in ("/", article.category.get_absolute_url(), article.get_absolute_url(), "/tim-kiem/?q=bai"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response  # no page cache at all


def test_production_static_files_have_hashed_names_and_a_year_of_caching(tmp_path):
    env = {"DEBUG": "0", "SECRET_KEY": "x" * 60, "SECURE_SSL_REDIRECT": "0", "STATIC_ROOT": str(tmp_path)}
    assert manage("collectstatic", "--noinput", **env).returncode == 0
    code = (
        "from django.test import Client; from django.templatetags.static import static; "
        "url = static('css/site.css'); r = Client().get(url, HTTP_ACCEPT_ENCODING='br, gzip'); "
        "print(url, r.status_code, r['Cache-Control'], r.get('Content-Encoding'), sep='|')"
    )
    result = manage("shell", "--no-imports", "-c", code, ALLOWED_HOSTS="testserver", **env)
    url, status, cache_control, encoding = result.stdout.strip().split("|")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url), result.stdout + result.stderr
    assert status == "200" and "immutable" in cache_control and "max-age=315360000" in cache_control
    assert encoding in ("br", "gzip")


def test_gunicorn_entry_point_refuses_to_start_without_secret_key_even_with_nothing_set():
    clean = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    result = subprocess.run(
        [sys.executable, "-c", "import huyenuy.wsgi"], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr
    local = manage("check")  # the command line alone defaults to a development copy
    assert local.returncode == 0, local.stderr


def test_500_page_carries_the_configured_site_name(settings):
    from core.views import server_error

    settings.SITE_NAME = "Huyện ủy Thử Nghiệm"
    response = server_error(None)
    assert response.status_code == 500 and "Huyện ủy Thử Nghiệm" in response.content.decode()


@pytest.mark.django_db
def test_a_request_for_another_host_is_a_400_and_one_log_line(client):
    import io
    import logging

    from core.logfilters import WithoutTraceback

    handlers = logging.getLogger("django.security.DisallowedHost").handlers
    handler = next(h for h in handlers if any(isinstance(f, WithoutTraceback) for f in h.filters))
    logged = io.StringIO()
    previous = handler.setStream(logged)
    try:
        response = client.get("/", HTTP_HOST="may-quet.example")
    finally:
        handler.setStream(previous)
    assert response.status_code == 400
    assert "Invalid HTTP_HOST header: 'may-quet.example'" in logged.getvalue()
    assert "Traceback" not in logged.getvalue() and len(logged.getvalue().strip().splitlines()) == 1
