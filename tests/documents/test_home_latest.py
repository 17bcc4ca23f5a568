"""The home page's side column: "Văn bản mới", the register's newest documents (issue 16, point 5)."""

import datetime
import re

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Document
from tests.documents.helpers import make_document
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def side_of(html):
    found = re.search(r'<div class="layout-side">(.*?)</div>\s*</div>', html, re.S)
    return found.group(1) if found else ""


def home_side(client):
    return side_of(client.get("/").content.decode())


def dated(number, day, **overrides):
    return make_document(number, issued_on=datetime.date(2025, 3, day), **overrides)


def test_the_home_lists_the_five_newest_published_documents_and_a_link_to_all(client):
    make_article()
    for day in range(1, 7):
        dated(f"{day}-NQ/HU", day, summary=f"Về nhiệm vụ số {day} của Đảng bộ huyện Gò Công Tây năm 2025")
    dated("99-KH/HU", 28, status=Document.Status.DRAFT)
    dated("98-KH/HU", 27, published_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1))
    side = home_side(client)
    assert '<h2 id="van-ban-moi" class="section-title">Văn bản mới</h2>' in side
    shown = re.findall(r'<a href="(/van-ban/[^"]+)"><span class="nowrap">([^<]+)</span></a>', side)
    newest = Document.objects.get(number="6-NQ/HU")
    assert shown[0] == (newest.get_absolute_url(), "6-NQ/HU")
    assert [number for _, number in shown] == ["6-NQ/HU", "5-NQ/HU", "4-NQ/HU", "3-NQ/HU", "2-NQ/HU"]
    assert "Về nhiệm vụ số 6 của Đảng bộ huyện Gò Công Tây năm 2025" in side
    assert '<time datetime="2025-03-06">Ngày ban hành: 06/03/2025</time>' in side
    assert "99-KH/HU" not in side and "98-KH/HU" not in side  # a draft, a scheduled one
    assert '<a href="/van-ban/">Xem tất cả văn bản ›</a>' in side


def test_a_long_summary_is_shortened(client):
    make_document(summary="Về việc " + "lãnh đạo thực hiện chuyển đổi số " * 10)
    side = home_side(client)
    text = re.search(r'<span class="side-list-text">([^<]*)</span>', side).group(1)
    assert len(text) == 110 and text.endswith("…")


def test_a_document_published_changed_or_withdrawn_shows_on_the_home_at_once(client):
    document = make_document("15-NQ/HU")
    assert "15-NQ/HU" in home_side(client)  # now in the page cache and the shared cache
    newer = make_document("16-NQ/HU", issued_on=datetime.date(2025, 4, 1))
    assert "16-NQ/HU" in home_side(client)
    document.summary = "Về xây dựng nông thôn mới nâng cao"
    document.save()
    assert "Về xây dựng nông thôn mới nâng cao" in home_side(client)
    newer.status = Document.Status.UNPUBLISHED
    newer.save()
    assert "16-NQ/HU" not in home_side(client)
    document.delete()
    assert 'id="van-ban-moi"' not in home_side(client)


def test_the_home_costs_the_same_queries_with_more_documents_and_none_for_them_once_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the view's own queries; a cached page costs none
    make_article()
    make_document("1-NQ/HU")

    def queries():
        with CaptureQueriesContext(connection) as done:
            assert client.get("/").status_code == 200
        return [q["sql"] for q in done.captured_queries]

    def made_afresh():
        cache.clear()
        caches["pages"].clear()
        return queries()

    afresh = made_afresh()
    for n in range(2, 15):
        make_document(f"{n}-NQ/HU")
    assert len(made_afresh()) == len(afresh)  # the same however many documents
    cached = queries()
    assert any('"documents_document"' in sql for sql in afresh)
    assert not any('"documents_document"' in sql for sql in cached)
