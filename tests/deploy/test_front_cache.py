"""The shipped nginx configuration (deploy/) in front of a real gunicorn.

What nginx's micro-cache keeps and what it must never keep: anonymous pages
yes; a reader's message, an editor's session, the admin, a preview, a vote's
answer never. A vote shows to readers within 5 seconds. Needs nginx (`.ci/run`
installs it; without CI the test is skipped where nginx is missing).
"""

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from huyenuy.settings import cache_from_url
from tests.factories import make_article, make_user
from tests.live import Browser, app_env, gunicorn, nginx

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="gunicorn and the test share a database server"),
    pytest.mark.skipif(not shutil.which("nginx") and os.environ.get("CI") != "true", reason="nginx is not installed"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def front(settings, tmp_path, static_root):
    cache_url = f"file://{tmp_path / 'cache'}"
    settings.CACHES = {"default": cache_from_url(cache_url), "pages": cache_from_url(cache_url, "pages")}
    env = app_env(settings, cache_url, static_root, FRONT_CACHE_SECONDS="2")
    with gunicorn(env) as app, nginx([app], media=settings.MEDIA_ROOT) as base:
        yield base


def count_of(html):
    return int(re.search(r"<span data-rating-count>(\d+)</span>", html).group(1))


def test_anonymous_pages_are_kept_and_a_vote_shows_within_five_seconds(front):
    article = make_article(title="Lễ ra quân giao nhận quân năm 2027")
    url = front + article.get_absolute_url()
    reader = Browser()
    reader.get(url)
    status, headers, page = reader.get(url)
    assert status == 200 and headers["X-Front-Cache"] == "HIT" and count_of(page) == 0
    assert "X-Accel-Expires" not in headers  # for nginx only
    assert headers["Content-Security-Policy"] and headers["ETag"]

    status, headers, _ = Browser().vote(front, article.pk, 5)
    assert status == 200 and "X-Front-Cache" not in headers  # a POST answer: never through the cache
    started = time.monotonic()
    while count_of(reader.get(url)[2]) != 1:
        assert time.monotonic() - started < 5, "the vote did not show within 5 seconds"
        time.sleep(0.2)


def test_compressed_and_plain_copies_are_kept_apart(front):
    article = make_article(title="Hội thi dân vận khéo")
    url = front + article.get_absolute_url()
    reader = Browser()
    for _ in range(2):
        status, headers, page = reader.request("GET", url, headers={"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip" and "Hội thi dân vận khéo" in page
        status, headers, page = reader.get(url)
        assert status == 200 and "Content-Encoding" not in headers and "Hội thi dân vận khéo" in page
    assert headers["X-Front-Cache"] == "HIT"


def test_messages_sessions_admin_and_previews_are_never_kept(front):
    article = make_article(title="Tuyên truyền bầu cử")
    url = front + article.get_absolute_url()
    anonymous = Browser()
    anonymous.get(url)
    assert anonymous.get(url)[1]["X-Front-Cache"] == "HIT"

    # A vote without JavaScript: back on the page with a message cookie, the thanks are
    # for this reader only; nginx neither serves the shared copy nor keeps this one.
    voter = Browser()
    form = {"Origin": "http://portal.test", "Content-Type": "application/x-www-form-urlencoded"}
    status, headers, page = voter.request("POST", f"{front}/danh-gia/{article.pk}/", "stars=4", form)
    assert status == 200 and "Cảm ơn" in page and headers["X-Front-Cache"] == "BYPASS"
    for _ in range(3):
        assert "Cảm ơn" not in anonymous.get(url)[2]

    # An editor with a session: straight to the app, both ways.
    client = Client()
    client.force_login(make_user(superuser=True))
    editor = Browser()
    cookie = {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}
    status, headers, _ = editor.request("GET", url, headers=cookie)
    assert status == 200 and headers["X-Front-Cache"] == "BYPASS"
    for path in (f"/xem-truoc/{article.pk}/", "/admin/"):
        for _ in range(2):
            status, headers, page = editor.request("GET", front + path, headers=cookie)
            assert status == 200 and "X-Front-Cache" not in headers, path
        status, headers, page = Browser().get(front + path)
        assert "X-Front-Cache" not in headers and "Tuyên truyền bầu cử" not in page, path
    assert anonymous.get(url)[1]["X-Front-Cache"] == "HIT"


def test_media_serves_only_stored_image_kinds_and_nginx_names_no_version(settings, tmp_path, static_root):
    # A media folder nginx's worker (another user) can read, as /srv/huyenuy/media is.
    media = Path(tempfile.mkdtemp(prefix="huyenuy-media-"))
    (media / "uploads").mkdir()
    for folder in (media, media / "uploads"):
        folder.chmod(0o755)
    (media / "uploads" / "anh.jpg").write_bytes(b"a stand-in for a photo")
    (media / "uploads" / "trang.html").write_text("<script>alert(1)</script>")
    (media / "uploads" / "hinh.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    for path in (media / "uploads").iterdir():
        path.chmod(0o644)
    cache_url = f"file://{tmp_path / 'cache'}"
    env = app_env(settings, cache_url, static_root)
    reader = Browser()
    try:
        with gunicorn(env) as app, nginx([app], media=media) as front:
            status, headers, _ = reader.get(f"{front}/media/uploads/anh.jpg")
            assert status == 200 and headers["X-Content-Type-Options"] == "nosniff"
            assert "immutable" in headers["Cache-Control"]
            for name in ("trang.html", "hinh.svg"):
                status, headers, body = reader.get(f"{front}/media/uploads/{name}")
                assert status == 404 and "alert" not in body, name
                assert headers.get("Server") == "nginx"  # no version number
    finally:
        shutil.rmtree(media)
