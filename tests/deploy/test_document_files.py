"""Documents' files through the shipped nginx: the app says who and under which name,
nginx sends the bytes with the safe headers; the files are not reachable under /media/."""

import os
import shutil
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.db import connection

from huyenuy.settings import cache_from_url
from tests.documents.helpers import make_document, pdf_upload
from tests.live import app_env, gunicorn, nginx

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="gunicorn and the test share a database server"),
    pytest.mark.skipif(not shutil.which("nginx") and os.environ.get("CI") != "true", reason="nginx is not installed"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def front(settings, tmp_path, static_root):
    # nginx's workers run as another user: they must be able to walk down to the files.
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    for folder in [Path(settings.MEDIA_ROOT), *Path(settings.MEDIA_ROOT).parents]:
        if str(folder) in ("/", "/tmp"):
            break
        folder.chmod(folder.stat().st_mode | 0o755)
    cache_url = f"file://{tmp_path / 'cache'}"
    settings.CACHES = {"default": cache_from_url(cache_url), "pages": cache_from_url(cache_url, "pages")}
    env = app_env(settings, cache_url, static_root, SERVE_MEDIA="0")
    with gunicorn(env) as app, nginx([app], media=settings.MEDIA_ROOT) as base:
        yield base


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - our own server
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_nginx_sends_a_published_documents_file_with_its_name_and_safe_headers(front):
    document = make_document(files=[pdf_upload("Kế hoạch 120-KH-HU.pdf")])
    stored = document.files.get()

    status, headers, body = fetch(front + stored.get_absolute_url() + "?tai-ve=1")
    assert status == 200
    assert body.startswith(b"%PDF-") and len(body) == stored.size
    assert headers["Content-Type"] == "application/pdf"
    assert unquote(headers["Content-Disposition"].split("filename*=UTF-8''")[1]) == "Kế hoạch 120-KH-HU.pdf"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]
    assert "X-Accel-Redirect" not in headers

    assert fetch(f"{front}/media/{stored.file.name}")[0] == 404  # never straight from /media/
    assert fetch(f"{front}/_tep/{stored.file.name}")[0] == 404  # the internal location is not public


def test_a_withdrawn_documents_file_is_gone_for_readers(front):
    document = make_document(files=[pdf_upload()])
    url = front + document.files.get().get_absolute_url()
    document.status = "unpublished"
    document.save()
    assert fetch(url)[0] == 404
