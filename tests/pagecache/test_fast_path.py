"""The WSGI fast path (pagecache.wsgi.FastPath): a cached page answered before Django runs.

A reader must not be able to tell a page from the fast path from the one Django
made: same bytes, same security headers, same validators; and it must step
aside for everything that is not an anonymous reader's GET of a public page.
"""

import gzip
import io

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from huyenuy.wsgi import application
from tests.factories import make_article


def call(path, *, method="GET", query="", **headers):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(response_headers)

    chunks = application(environ, start_response)
    body = b"".join(chunks)
    if hasattr(chunks, "close"):
        chunks.close()
    return answer["status"], answer["headers"], body


@pytest.fixture
def article(db):
    # As Django's test client does: the handler must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield make_article(title="Đường giao thông nông thôn ấp Bình Phú")
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_a_hit_is_the_page_django_made_with_every_header(article):
    url = article.get_absolute_url()
    status, made, page = call(url)
    assert status == 200 and made["X-Page-Cache"] == "miss"
    status, served, again = call(url)
    assert status == 200 and served["X-Page-Cache"] == "hit"
    assert again == page and "Đường giao thông nông thôn ấp Bình Phú" in again.decode()
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
                 "ETag", "Cache-Control", "Content-Type", "Content-Language", "Vary"):  # fmt: skip
        assert served[name] == made[name], name
    assert served["Content-Length"] == str(len(page))


def test_readers_who_have_the_page_get_304_and_head_gets_no_body(article):
    url = article.get_absolute_url()
    _, headers, page = call(url)
    call(url)
    status, not_modified, body = call(url, if_none_match=headers["ETag"])
    assert status == 304 and body == b"" and not_modified["ETag"] == headers["ETag"]
    status, head, body = call(url, method="HEAD")
    assert status == 200 and body == b"" and head["Content-Length"] == str(len(page))


def test_compressed_and_plain_copies_are_kept_apart(article):
    url = article.get_absolute_url()
    for _ in range(2):
        _, zipped, body = call(url, accept_encoding="gzip, deflate, br")
        assert zipped["Content-Encoding"] == "gzip" and article.title in gzip.decompress(body).decode()
        _, plain, body = call(url)
        assert "Content-Encoding" not in plain and article.title in body.decode()
    assert zipped["X-Page-Cache"] == plain["X-Page-Cache"] == "hit"


def test_personal_cookies_and_other_methods_never_get_a_cached_copy(article):
    url = article.get_absolute_url()
    call(url)
    assert call(url)[1]["X-Page-Cache"] == "hit"
    for cookie in ("sessionid=abc", "theme=dark; messages=xyz", "csrftoken=t"):
        status, headers, _ = call(url, cookie=cookie)
        assert "X-Page-Cache" not in headers, cookie
    status, headers, _ = call(url, method="POST")
    assert status == 405 and "X-Page-Cache" not in headers  # the page serves GET and HEAD only


def test_shared_link_parameters_share_a_copy_and_page_parameters_do_not(article):
    call("/", query="")
    assert call("/", query="utm_source=zalo&fbclid=x")[1]["X-Page-Cache"] == "hit"
    assert call("/tim-kiem/", query="q=b%C3%ACnh+ph%C3%BA")[1]["X-Page-Cache"] == "miss"
    _status, headers, body = call("/tim-kiem/", query="q=b%C3%ACnh+ph%C3%BA&utm_medium=x")
    assert headers["X-Page-Cache"] == "hit" and "Bình Phú" in body.decode()


def test_an_edit_is_on_the_next_request(article):
    url = article.get_absolute_url()
    call(url)
    assert call(url)[1]["X-Page-Cache"] == "hit"
    article.title = "Đường giao thông ấp Bình Phú đã hoàn thành"
    article.save()
    _status, headers, body = call(url)
    assert headers["X-Page-Cache"] == "miss" and "đã hoàn thành" in body.decode()


def test_hosts_not_allowed_are_refused_not_served(article, settings):
    url = article.get_absolute_url()
    call(url)
    status, headers, _ = call(url, host="evil.example")
    assert status == 400 and "X-Page-Cache" not in headers
