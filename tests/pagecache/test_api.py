"""The page cache's public API, as a new section uses it: tags, invalidate(), a schedule,
query parameters, and `manage.py clear_pages`."""

import io
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone

import pagecache
from pagecache import entries, store
from tests.pagecache.urls import DocumentView

pytestmark = [pytest.mark.urls("tests.pagecache.urls"), pytest.mark.django_db]


@pytest.fixture
def edition():
    DocumentView.edition = 1
    yield
    DocumentView.edition = 1


def test_a_new_section_gets_exact_invalidation_from_its_tags_alone(client, edition):
    for pk in (1, 2):
        assert client.get(f"/lich-cong-tac/{pk}/")["X-Page-Cache"] == "miss"
        assert client.get(f"/lich-cong-tac/{pk}/")["X-Page-Cache"] == "hit"
    DocumentView.edition = 2
    pagecache.invalidate(pagecache.tag("document", 1))
    first = client.get("/lich-cong-tac/1/")
    assert first["X-Page-Cache"] == "miss" and "bản 2" in first.content.decode()
    second = client.get("/lich-cong-tac/2/")
    assert second["X-Page-Cache"] == "hit" and "bản 1" in second.content.decode()  # untouched
    pagecache.invalidate_all()
    assert client.get("/lich-cong-tac/2/")["X-Page-Cache"] == "miss"


def test_no_page_outlives_the_next_scheduled_change_an_app_registers(client, edition, settings):
    settings.FRONT_CACHE_SECONDS = 0
    in_a_minute = timezone.now() + timedelta(seconds=60)
    schedule = lambda: in_a_minute  # noqa: E731
    pagecache.register_schedule(schedule)
    try:
        pagecache.invalidate_all()  # a new content version: the schedule is asked again
        response = client.get("/lich-cong-tac/3/")
        assert response["X-Page-Cache"] == "miss"
        kept = entries.recent.get(entries.page_key(response.wsgi_request.META, "http", "testserver"))
        assert kept is not None and kept["expires"] <= in_a_minute.timestamp() + 1
    finally:
        store._schedules.remove(schedule)


def test_only_the_query_parameters_a_view_reads_make_another_copy(client, edition):
    assert client.get("/lich-cong-tac/4/?fbclid=abc")["X-Page-Cache"] == "miss"
    assert client.get("/lich-cong-tac/4/?utm_source=zalo")["X-Page-Cache"] == "hit"
    assert client.get("/lich-cong-tac/4/?trang=2")["X-Page-Cache"] == "miss"  # DocumentView reads it
    assert client.get("/lich-cong-tac/4/?trang=2&x=1")["X-Page-Cache"] == "hit"


def test_random_unknown_parameters_add_no_cache_entries(client, edition):
    """Cache busting: /?p=<random> used to store a new copy of the page for every request."""
    import secrets

    pages = {"/": "home", "/lich-cong-tac/6/": "a section's page"}
    for path in pages:
        assert client.get(path)["X-Page-Cache"] == "miss"
    for n in range(1000):
        path = "/" if n % 2 else "/lich-cong-tac/6/"
        response = client.get(path, {secrets.choice(["p", "q", "truoc", "x", "utm_id"]): secrets.token_hex(8)})
        assert response["X-Page-Cache"] == "hit", (path, n)  # served from the one copy: nothing new stored


def test_clear_pages_empties_pages_and_keeps_the_rest_of_the_cache(client, edition):
    caches["default"].set("ratings:throttle:x", 5)
    client.get("/lich-cong-tac/5/")
    assert client.get("/lich-cong-tac/5/")["X-Page-Cache"] == "hit"
    out = io.StringIO()
    call_command("clear_pages", stdout=out)
    assert "Đã xóa bộ nhớ đệm trang" in out.getvalue()
    assert client.get("/lich-cong-tac/5/")["X-Page-Cache"] == "miss"
    assert caches["default"].get("ratings:throttle:x") == 5
