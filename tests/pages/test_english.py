"""English pages: /en/, lang="en", the English header, hreflang both ways, Content-Language."""

import re

import pytest

from tests.pages.helpers import make_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def both():
    vi_root = make_page("Giới thiệu")
    vi_tasks = make_page("Chức năng, nhiệm vụ", parent=vi_root)
    en_root = make_page("Introduction", language="en", translation_of=vi_root)
    en_tasks = make_page("Functions and tasks", parent=en_root, translation_of=vi_tasks)
    return vi_root, vi_tasks, en_root, en_tasks


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', html))


def test_the_english_introduction_is_english_throughout(client, both):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200 and response["Content-Language"] == "en"
    assert '<html lang="en">' in html
    assert "Skip to main content" in html and "Bỏ qua, đến nội dung chính" not in html
    assert 'aria-label="Main menu"' in html and ">Functions and tasks</a>" in html
    assert '<a class="language-switch" href="/gioi-thieu/" hreflang="vi" lang="vi">Tiếng Việt</a>' in html
    assert 'href="/en/contact/"' in html and 'href="/en/leaders/"' in html


def test_hreflang_links_point_both_ways(client, both):
    _vi_root, vi_tasks, _en_root, en_tasks = both
    expected = {
        "vi": "http://testserver/gioi-thieu/chuc-nang-nhiem-vu/",
        "en": "http://testserver/en/functions-and-tasks/",
    }
    english = client.get(en_tasks.get_absolute_url())
    vietnamese = client.get(vi_tasks.get_absolute_url())
    assert alternates(english.content.decode()) == expected
    assert alternates(vietnamese.content.decode()) == expected
    assert english.context_data["alternate_url"] == vi_tasks.get_absolute_url()
    assert vietnamese.context_data["alternate_url"] == en_tasks.get_absolute_url()
    assert vietnamese.context_data["alternate_language"] == "en"
    assert '<html lang="vi">' in vietnamese.content.decode()
    assert vietnamese["Content-Language"] == "vi"


def test_a_page_without_a_public_counterpart_has_no_hreflang(client, both):
    _vi_root, vi_tasks, _en_root, en_tasks = both
    en_tasks.status = "draft"
    en_tasks.save()
    response = client.get(vi_tasks.get_absolute_url())
    assert alternates(response.content.decode()) == {} and response.context_data["alternate_url"] is None


def test_a_translation_must_point_to_another_language():
    from django.core.exceptions import ValidationError

    vi_root = make_page("Giới thiệu")
    other = make_page("Lịch sử", parent=vi_root)
    other.translation_of = vi_root
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "ngôn ngữ khác" in str(error.value)


def test_english_pages_are_not_in_the_vietnamese_search(client, both):
    html = client.get("/tim-kiem/", {"q": "functions and tasks"}).content.decode()
    assert "/en/functions-and-tasks/" not in html
