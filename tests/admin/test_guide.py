"""Hướng dẫn: a short guide in the admin, linked from every admin page's header."""

from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import formats

from articles.models import Article
from tests.factories import make_article, make_user

from .visible import english_in_context, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.admin.urls")]

URL = "/admin/huong-dan/"


def test_staff_read_the_guide_from_the_header():
    client = Client()
    client.force_login(make_user(staff=True))
    index = client.get("/admin/").content.decode()
    assert f'<a href="{URL}">Hướng dẫn</a>' in index
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Viết một bài", "Thêm ảnh có chú thích", "Gửi duyệt và xuất bản", "Hẹn giờ đăng"):
        assert f">{heading}</h2>" in html
    assert "Xem lại và khôi phục một phiên bản" in html
    assert "mô tả ảnh" in html and "chú thích" in html
    assert not english_in_context(visible_text(html))


def test_the_guide_is_for_staff_only():
    assert Client().get(URL).status_code == 302  # to the login page
    client = Client()
    client.force_login(make_user())
    assert client.get(URL)["Location"].startswith("/admin/login/")


@pytest.mark.urls("huyenuy.urls")
def test_the_header_renders_with_or_without_the_guide_mounted():
    client = Client()
    client.force_login(make_user(staff=True))
    html = client.get("/admin/").content.decode()
    assert "Bảo mật đăng nhập" in html  # the header still renders


@pytest.fixture
def vietnamese_formats(settings):
    settings.FORMAT_MODULE_PATH = "accounts.formats"  # huyenuy/settings/base.py names it (issue 16)
    formats.reset_format_cache()  # Django resets it for the *_FORMAT settings, not for this one
    yield
    formats.reset_format_cache()


@pytest.mark.usefixtures("vietnamese_formats")
def test_dates_and_times_are_typed_the_vietnamese_way():
    article = make_article(status=Article.Status.DRAFT)
    client = Client()
    client.force_login(make_user(superuser=True))
    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    local = article.published_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert f'value="{local:%d/%m/%Y}"' in html
    assert f'value="{local:%H:%M}"' in html  # no seconds
