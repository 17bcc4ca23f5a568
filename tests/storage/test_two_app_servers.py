"""Two app servers (real gunicorn), each with an empty MEDIA_ROOT of its own, storing in one
bucket of an S3-protocol server: a photo an editor uploads through one is on the page the
other renders, and its address fetches the bytes from the S3 server. PostgreSQL only (two
processes share the database)."""

import re
import secrets
import urllib.error
import urllib.request
import uuid

import pytest
from django.db import connection
from django.test import Client

from huyenuy.settings import cache_from_url
from tests.documents.helpers import make_document, pdf_upload
from tests.factories import image_bytes, image_upload, make_article, make_user
from tests.live import RUN_PREFIX, Browser, app_env, gunicorn
from tests.storage.conftest import KEYS, fetch, files_under

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="two processes need a shared database server"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def servers(bucket, settings, tmp_path, static_root):
    cache_url = f"file://{tmp_path / 'cache'}"
    settings.CACHES = {
        "default": cache_from_url(cache_url, prefix=RUN_PREFIX),
        "pages": cache_from_url(cache_url, "pages", prefix=RUN_PREFIX),
    }
    common = {**KEYS, "STORAGE_URL": bucket.storage_url, "ADMIN_REQUIRE_2FA": "0", "CACHE_KEY_PREFIX": RUN_PREFIX}
    one_media, two_media = tmp_path / "media-one", tmp_path / "media-two"
    one = app_env(settings, cache_url, static_root, **common, MEDIA_ROOT=str(one_media))
    two = app_env(settings, cache_url, static_root, **common, MEDIA_ROOT=str(two_media))
    one["IMAGE_JOB_LOCK_DIR"], two["IMAGE_JOB_LOCK_DIR"] = str(tmp_path / "locks-one"), str(tmp_path / "locks-two")
    with gunicorn(one) as first, gunicorn(two) as second:
        yield first, second, [one_media, two_media]


class _Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect itself is the answer looked at


def signed_link(url: str) -> str:
    """Where the app server sends a reader for a file (not followed: the Host header the
    servers are reached by must not go to the S3 server, whose signature covers the host)."""
    request = urllib.request.Request(url, headers={"Host": Browser.host})  # noqa: S310 - our own server
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.build_opener(_Stay).open(request, timeout=60)
    assert answer.value.code == 302
    return answer.value.headers["Location"]


def multipart(field: str, filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
    body = (head + "Content-Type: image/jpeg\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_a_photo_uploaded_through_one_server_is_served_on_the_others_page_from_the_bucket(servers, bucket, settings):
    one, two, media_roots = servers
    editor = Client()
    editor.force_login(make_user(staff=True, perms=["add_article", "change_article", "view_article"]))
    csrf = secrets.token_hex(16)  # a CSRF secret of our own making, sent as cookie and header
    body, content_type = multipart("upload", "ảnh hội nghị.jpg", image_bytes(size=(1000, 600)))
    headers = {
        "Cookie": f"sessionid={editor.cookies['sessionid'].value}; csrftoken={csrf}",
        "X-CSRFToken": csrf,
        "Content-Type": content_type,
    }
    status, _, answer = Browser().request("POST", f"{one}/quan-tri/tai-anh/", body, headers)
    assert status == 200, answer
    url = re.search(r'"url": "([^"]+)"', answer).group(1)
    assert url.startswith(f"{bucket.endpoint}/{bucket.name}/uploads/")

    # The editor's article (saved here, as the admin would) with that photo in its body and a lead photo.
    article = make_article(
        title="Hội nghị Ban Chấp hành Đảng bộ huyện",
        lead_image=image_upload(size=(1400, 800)),
        lead_image_alt="Quang cảnh hội nghị",
        body=f'<p>Toàn cảnh.</p><p><img src="{url}" alt="Đại biểu dự hội nghị"></p>',
    )
    status, headers, page = Browser().get(two + article.get_absolute_url())
    assert status == 200
    img = re.search(r'<img src="' + re.escape(url) + r'"[^>]*>', page).group(0)
    assert 'width="1000"' in img and f"{url.removesuffix('.jpg')}-480w.jpg 480w" in img
    lead = re.search(r'<picture><source type="image/webp" srcset="([^" ]+)', page).group(1)
    assert lead.startswith(settings.MEDIA_URL + "articles/")
    assert fetch(url)[2] == bucket.get(url.removeprefix(settings.MEDIA_URL))
    assert fetch(lead)[1]["Content-Type"] == "image/webp"
    # The photos may come from the bucket's address: the page's policy says so.
    assert bucket.endpoint in headers["Content-Security-Policy"].split("img-src", 1)[1].split(";", 1)[0]

    # A document's file, stored by neither server, downloads through the other one too.
    document = make_document(files=[pdf_upload("Nghị quyết số 15.pdf")])
    link = signed_link(two + document.files.get().get_absolute_url())
    assert link.startswith(f"{bucket.endpoint}/{bucket.name}/documents/")
    status, headers, data = fetch(link)
    assert status == 200 and headers["Content-Type"] == "application/pdf" and data.startswith(b"%PDF-")

    assert files_under(media_roots[0]) == [] and files_under(media_roots[1]) == []
