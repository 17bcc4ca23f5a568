"""The whole scale-out deployment of deploy/ on this machine (tests/wholeset.py): nginx, two
app servers, a task worker, PostgreSQL primary (through pgbouncer) and streaming replica,
Redis and an S3-protocol server. An editor publishes an article with a photo through nginx;
a reader reads and rates it through nginx; each piece is seen doing its part."""

import json
import re
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.factories import image_bytes
from tests.live import STARTUP_SECONDS, Browser
from tests.pgservers import admin_login, form_fields, pgbouncer_version, postgresql_bin
from tests.wholeset import whole_set

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(postgresql_bin() is None, reason="needs PostgreSQL's binaries (initdb, pg_basebackup)"),
    pytest.mark.skipif(pgbouncer_version() is None, reason="needs pgbouncer (apt-get install pgbouncer)"),
]

TITLE = "Đại hội đại biểu Đảng bộ xã Bình Nhì nhiệm kỳ 2025 - 2030"


@pytest.fixture(scope="module")
def deployment(static_root):
    with whole_set(static_root) as started:
        yield started


def until(condition, what: str):
    """Work another process does in its own time (the worker, the replica, nginx's 3 s cache)."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while not (result := condition()):
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.2)
    return result


def multipart(fields: list[tuple[str, str]], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data) in files.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        parts.append(head.encode() + b"Content-Type: image/jpeg\r\n\r\n" + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def rating_of(html: str) -> tuple[str, str] | None:
    found = re.search(r"<span data-rating-sum>(\d+)</span> trong <span data-rating-count>(\d+)</span>", html)
    return found.groups() if found else None


def test_an_editor_publishes_with_a_photo_and_a_reader_reads_and_rates_it_through_the_whole_set(deployment):
    front, db = deployment.front, deployment.database
    editor = Browser()
    admin_login(editor, front)

    # The editor's new article, with a large lead photo, published from the admin through nginx.
    add = "/admin/articles/article/add/"
    status, _, page = editor.get(front + add)
    assert status == 200
    fields = dict(form_fields(page, "article_form"))
    [(category_id,)] = deployment.primary.query(
        "SELECT id FROM articles_category WHERE slug = 'tin-hoat-dong' OR parent_id IS NULL ORDER BY slug = "
        "'tin-hoat-dong' DESC, id LIMIT 1",
        dbname=db,
    )
    fields.update(
        title=TITLE,
        category=str(category_id),
        summary="Sáng 27/11, Đảng bộ xã Bình Nhì tổ chức Đại hội đại biểu lần thứ XIV.",
        body="<p>Đại hội đã bầu Ban Chấp hành Đảng bộ xã gồm 15 đồng chí.</p>",
        author="Ban Tuyên giáo",
        lead_image_alt="Quang cảnh Đại hội",
        status="published",
    )
    photo = image_bytes(size=(3000, 2000), color=(180, 40, 40))
    body, content_type = multipart(list(fields.items()), {"lead_image": ("dai-hoi-binh-nhi.jpg", photo)})
    headers = {"Content-Type": content_type, "Referer": f"http://{Browser.host}{add}"}
    status, _, answer = editor.request("POST", front + add, body, headers)
    assert status == 200 and "errornote" not in answer, answer[:3000]
    [(article_id, slug, category_slug, lead_image)] = deployment.primary.query(
        "SELECT a.id, a.slug, c.slug, a.lead_image FROM articles_article a "
        "JOIN articles_category c ON c.id = a.category_id WHERE a.title = %s AND a.status = 'published'",
        (TITLE,),
        dbname=db,
    )
    url = f"/{category_slug}/{slug}-{article_id}.html"

    # The photo is in the bucket, never on an app server's disk; the worker makes its renditions.
    assert lead_image in deployment.objects()
    stem = lead_image.rsplit(".", 1)[0]
    until(lambda: {f"{stem}-480w.webp", f"{stem}-800w.jpg"} <= deployment.objects(), "the worker's renditions")
    assert "make_missing_renditions" in deployment.worker_log.read_text()
    media_root = Path(deployment.env["MEDIA_ROOT"])
    assert not media_root.exists() or not any(path.is_file() for path in media_root.rglob("*"))

    # A reader finds it on the home page and reads it through nginx; its photo comes from the bucket.
    reader = Browser()
    until(lambda: TITLE in reader.get(front + "/")[2], "the article on the home page")
    status, headers, page = reader.get(front + url)
    assert status == 200 and TITLE in page
    photo_url = re.search(r'<img src="([^"]+)"[^>]*alt="Quang cảnh Đại hội"', page)[1]
    assert photo_url.startswith(deployment.media_url), photo_url
    with urllib.request.urlopen(photo_url, timeout=60) as answer:  # noqa: S310 - the set's own S3 server
        assert answer.status == 200 and answer.read()[:2] == b"\xff\xd8"
    assert "Chưa có đánh giá" in page

    # Readers' pages made afresh come from the replica, once the editor's write is 5 s old
    # (DB_REPLICA_AFTER_WRITE_SECONDS): searches nobody asked before, until the replica ran them.
    before = deployment.reads(deployment.replica)

    def search_read_on_replica():
        status, _, _ = Browser().get(front + f"/tim-kiem/?q=B%C3%ACnh+Nh%C3%AC+{uuid.uuid4().hex[:6]}")
        assert status == 200
        time.sleep(0.5)  # the replica's statistics are written when the connection ends
        return deployment.reads(deployment.replica) > before

    until(search_read_on_replica, "a page read from the replica")

    # ... and the reader's vote goes to the primary through pgbouncer, counted once, seen at once.
    status, _, answer = reader.vote(front, article_id, 5)
    assert status == 200, answer
    assert json.loads(answer)["count"] == 1, answer
    [(votes,)] = deployment.primary.query(
        "SELECT count(*) FROM ratings_vote WHERE article_id = %s", (article_id,), dbname=db
    )
    assert votes == 1
    # Another reader sees it once nginx's micro-cache (3 s) has let the cleared page through.
    until(lambda: rating_of(Browser().get(front + url)[2]) == ("5", "1"), "the vote on the page")

    # Either app server gives the same page (nginx may send a reader to either).
    for server in deployment.app_servers:
        status, _, page = Browser().get(server + url)
        assert status == 200 and rating_of(page) == ("5", "1")
