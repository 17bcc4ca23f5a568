"""The site's search finds articles and documents alike, each marked with its kind."""

import re

import pytest

from tests.documents.helpers import make_document, pdf_upload
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def results(client, **params):
    page = client.get("/tim-kiem/", params).content.decode()
    return re.findall(r'<span class="result-kind">([^<]+)</span> <a href="[^"]+">([^<]+)</a>', page), page


def test_a_number_finds_the_document_first_then_the_news_about_it(client):
    make_article(title="Quán triệt Nghị quyết 15-NQ/HU về chuyển đổi số", summary="Hội nghị quán triệt.")
    make_document("15-NQ/HU")
    found, page = results(client, q="nghi quyet 15")
    assert found[0] == ("Văn bản", "Nghị quyết số 15-NQ/HU")
    assert ("Tin bài", "Quán triệt Nghị quyết 15-NQ/HU về chuyển đổi số") in found
    assert "Tìm thấy 2 kết quả" in page and "1 bài viết, 1 văn bản" in page


def test_the_search_can_keep_to_one_kind(client):
    make_article(title="Chuyển đổi số ở xã Bình Nhì", summary="Tin.")
    make_document("15-NQ/HU", files=[pdf_upload(lines=["chuyen doi so"])])
    assert [kind for kind, _ in results(client, q="chuyển đổi số", muc="van-ban")[0]] == ["Văn bản"]
    assert [kind for kind, _ in results(client, q="chuyển đổi số", muc="bai-viet")[0]] == ["Tin bài"]
    found, page = results(client, q="chuyển đổi số", muc="tro-choi")
    assert found == [] and "Không có mục “tro-choi” để tìm." in page


def test_a_category_keeps_the_search_to_articles(client):
    category = make_category(name="Kinh tế")
    make_article(title="Chuyển đổi số trong nông nghiệp", category=category, summary="Tin.")
    make_document("15-NQ/HU")
    found, _ = results(client, q="chuyen doi so", chuyen_muc=category.slug)
    assert [kind for kind, _ in found] == ["Tin bài"]


def test_a_published_document_shows_in_a_search_page_the_cache_held(client):
    make_article(title="Chuyển đổi số", summary="Tin.")
    assert len(results(client, q="chuyen doi so")[0]) == 1
    make_document("15-NQ/HU")
    assert len(results(client, q="chuyen doi so")[0]) == 2


def test_the_search_costs_the_same_queries_however_many_matches(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_article(title="Chuyển đổi số 0", summary="Tin.")
    make_document("0-NQ/HU")
    with CaptureQueriesContext(connection) as few:
        client.get("/tim-kiem/", {"q": "chuyen doi so", "trang": "1"})
    for n in range(1, 30):
        make_article(title=f"Chuyển đổi số {n}", summary="Tin.")
        make_document(f"{n}-NQ/HU")
    with django_assert_max_num_queries(len(few)):
        client.get("/tim-kiem/", {"q": "chuyen doi so", "trang": "2"})
