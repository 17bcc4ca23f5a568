"""The page cache as Django serves it, and what browsers and the front cache are told:
validators, 304s, compression, who may keep what, and for how long."""

import gzip
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.factories import make_article, make_user


@pytest.fixture
def article(db):
    return make_article(title="Tin có bộ nhớ đệm")


def test_pages_carry_an_etag_and_answer_304_from_the_cache_too(client, article):
    first = client.get(article.get_absolute_url())
    etag = first["ETag"]
    assert first.status_code == 200 and etag
    assert "public" in first["Cache-Control"] and "max-age=0" in first["Cache-Control"]
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    Client().post(f"/danh-gia/{article.pk}/", {"stars": "5"}, HTTP_ORIGIN="http://testserver")
    changed = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag  # the vote changed the page


@pytest.mark.django_db
def test_shared_link_parameters_do_not_make_new_copies(client):
    article = make_article()
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    shared = client.get(article.get_absolute_url(), {"fbclid": "IwAR0abc", "utm_source": "zalo"})
    assert shared["X-Page-Cache"] == "hit"


def test_security_headers_are_on_cached_pages_as_well(client, article):
    miss, hit = client.get("/"), client.get("/")
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for response in (miss, hit):
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert response["Content-Language"] == "vi"


def test_html_is_compressed_for_browsers_that_ask(client, article):
    for _ in range(2):  # the miss and the hit
        response = client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")
        assert response["Content-Encoding"] == "gzip"
        assert article.title in gzip.decompress(response.content).decode()


def test_only_public_anonymous_pages_are_marked_for_the_front_cache(client, article, settings):
    settings.FRONT_CACHE_SECONDS = 5
    assert client.get("/")["X-Accel-Expires"] == "5"
    assert client.get(article.get_absolute_url())["X-Accel-Expires"] == "5"
    # A POST answer, the reader's own vote, a preview, the admin, an editor's view: never.
    vote = client.post(f"/danh-gia/{article.pk}/", {"stars": "4"}, HTTP_ORIGIN="http://testserver")
    assert "X-Accel-Expires" not in vote and "no-store" in vote["Cache-Control"]
    mine = client.get(f"/danh-gia/{article.pk}/cua-ban/")
    assert "X-Accel-Expires" not in mine and "private" in mine["Cache-Control"]
    back = client.get(article.get_absolute_url())  # with the message cookie: bypasses the caches
    assert "X-Accel-Expires" not in back and "X-Page-Cache" not in back
    editor = Client()
    editor.force_login(make_user(superuser=True))
    for url in (f"/xem-truoc/{article.pk}/", "/admin/", article.get_absolute_url()):
        response = editor.get(url)
        assert "X-Accel-Expires" not in response and "X-Page-Cache" not in response, url


def test_a_scheduled_change_bounds_how_long_pages_are_kept(client, article, settings):
    settings.FRONT_CACHE_SECONDS = 600
    make_article(title="Tin hẹn giờ", published_at=timezone.now() + timedelta(seconds=90))
    keep = int(client.get("/")["X-Accel-Expires"])
    assert 0 < keep <= 90


@pytest.mark.django_db
def test_caching_resumes_after_a_scheduled_moment_has_passed(client):
    start = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    make_article(title="Tin hẹn giờ thứ nhất", published_at=start)
    make_article(title="Tin hẹn giờ thứ hai", published_at=start + timedelta(hours=5))
    with time_machine.travel(start - timedelta(minutes=1), tick=False):
        client.get("/")
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        assert "Tin hẹn giờ thứ nhất" in client.get("/").content.decode()
        second = client.get("/")
        assert second["X-Page-Cache"] == "hit"  # cached again, until the next scheduled article
        assert int(second["X-Accel-Expires"]) > 0
