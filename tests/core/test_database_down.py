"""While the database does not answer: 503 "đang bảo trì" with Retry-After, JSON for a vote,
nothing saved, and service back by itself."""

import time
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from ratings.models import Vote
from tests.factories import make_article

pytestmark = pytest.mark.django_db

DOWN = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def test_a_page_made_afresh_is_a_503_maintenance_page_then_comes_back(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article(title="Tin khi cơ sở dữ liệu ngừng")
    with mock.patch("articles.pagesql.published_article", side_effect=DOWN):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 503 and response["Retry-After"] == "30"
    html = response.content.decode()
    assert "đang bảo trì" in html and '<html lang="vi">' in html
    assert "no-store" in response["Cache-Control"]
    assert client.get(article.get_absolute_url()).status_code == 200  # by itself, once it answers


def test_a_vote_gets_a_json_503_and_nothing_is_saved(client):
    article = make_article()
    with mock.patch("ratings.services.Vote.objects.create", side_effect=DOWN):
        response = client.post(
            f"/danh-gia/{article.pk}/", {"stars": "5"}, HTTP_ORIGIN="http://testserver", HTTP_ACCEPT="application/json"
        )
    assert response.status_code == 503 and "đang bảo trì" in response.json()["message"]
    article.refresh_from_db()
    assert (article.rating_sum, article.rating_count) == (0, 0) and not Vote.objects.exists()
    plain = Client()
    with mock.patch("ratings.services.Vote.objects.create", side_effect=DOWN):
        page = plain.post(f"/danh-gia/{article.pk}/", {"stars": "5"}, HTTP_ORIGIN="http://testserver")
    assert page.status_code == 503 and "đang bảo trì" in page.content.decode()


def test_a_page_the_cache_holds_is_served_as_its_last_good_copy_marked_stale(client):
    import pagecache

    article = make_article(title="Tin đã lưu trong bộ đệm")
    url = article.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    pagecache.invalidate(pagecache.CONTENT)  # an edit: the copy is out of date, the page must be made again
    with mock.patch("articles.pagesql.published_article", side_effect=DOWN):
        page = client.get(url)
        other = client.get(make_article().get_absolute_url())  # never cached: nothing to fall back on
    assert page.status_code == 200 and "Tin đã lưu trong bộ đệm" in page.content.decode()
    assert page["X-Page-Cache"] == "stale" and page["Warning"] == '110 - "Response is Stale"'
    assert page["Cache-Control"] == "no-store" and page["X-Accel-Expires"] == "0"  # nobody keeps it
    assert other.status_code == 503 and other["Retry-After"] == "30"
    fresh = client.get(url)  # the database answers again: made afresh
    assert fresh.status_code == 200 and fresh["X-Page-Cache"] == "miss" and "no-store" not in fresh["Cache-Control"]


def test_a_copy_past_its_time_is_kept_as_the_last_good_one(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    article = make_article(title="Tin hết hạn trong bộ đệm")
    client.get(article.get_absolute_url())
    later = time.time() + 61
    with mock.patch("pagecache.store.time.time", return_value=later):
        with mock.patch("articles.pagesql.published_article", side_effect=DOWN):
            page = client.get(article.get_absolute_url())
        assert page.status_code == 200 and page["X-Page-Cache"] == "stale"
        assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"  # past its time: made again


@pytest.mark.django_db
def test_a_refused_request_is_logged_once(client, monkeypatch, caplog):
    import logging

    from django.db.utils import OperationalError

    from articles import lists

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(lists.SearchView, "get_context_data", down)
    with caplog.at_level(logging.INFO):
        assert client.get("/tim-kiem/", {"q": "x"}).status_code == 503
    lines = [r for r in caplog.records if "503" in r.getMessage() or "Unavailable" in r.getMessage()]
    assert len(lines) == 1, [r.getMessage() for r in lines]
