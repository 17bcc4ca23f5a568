"""The old portal's page/about links answer 301; the demo pages load once and show a complete introduction."""

import pytest

from demo.pages import load_pages
from pages.models import Page
from tests.pages.helpers import make_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    root = make_page("Giới thiệu", legacy_alias="gioi-thieu")
    history = make_page("Lịch sử Đảng bộ", parent=root, legacy_alias="lich-su-dang-bo")
    english = make_page("History", language="en", legacy_alias="lich-su-dang-bo")
    make_page("Nháp", parent=root, status="draft", legacy_alias="nhap")
    return root, history, english


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/page/lich-su-dang-bo.html", "/gioi-thieu/lich-su-dang-bo/"),
        ("/page/lich-su-dang-bo/", "/gioi-thieu/lich-su-dang-bo/"),
        ("/vi/page/lich-su-dang-bo.html", "/gioi-thieu/lich-su-dang-bo/"),
        ("/about/lich-su-dang-bo.html", "/gioi-thieu/lich-su-dang-bo/"),
        ("/vi/about/gioi-thieu.html", "/gioi-thieu/"),
        ("/en/about/lich-su-dang-bo.html", "/en/"),
        ("/about/", "/gioi-thieu/"),
        ("/vi/about/", "/gioi-thieu/"),
        ("/page/", "/gioi-thieu/"),
        ("/en/about/", "/en/"),
    ],
)
def test_old_links_answer_301(client, pages, old, new):
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == new


def test_an_unknown_or_unpublished_alias_is_404(client, pages):
    assert client.get("/page/nhap.html").status_code == 404
    assert client.get("/page/khong-co.html").status_code == 404
    assert client.get("/about/%00.html").status_code == 404


def test_the_demo_pages_load_once_and_make_a_complete_introduction(client):
    assert load_pages() == 7
    assert load_pages() == 0
    assert Page.objects.count() == 7
    root = client.get("/gioi-thieu/").content.decode()
    for title in ("Lịch sử Đảng bộ huyện", "Chức năng, nhiệm vụ", "Điều kiện tự nhiên - xã hội"):
        assert title in root
    assert "Nội dung mẫu" in root
    english = client.get("/en/").content.decode()
    assert "History of the District Party Committee" in english and "Sample content" in english
    assert client.get("/en/functions-and-tasks/").context_data["alternate_url"] == "/gioi-thieu/chuc-nang-nhiem-vu/"
    assert client.get("/about/lich-su-dang-bo.html")["Location"] == "/gioi-thieu/lich-su-dang-bo-huyen/"
