"""Chia sẻ and Lưu bài viết: the article page's share links, and the article saved as a file
(Decree 42/2022 Art. 7) with the site's name, its address and dates in it."""

import base64
import json
import os
import re
import subprocess
from datetime import timedelta
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import display
from articles.models import Article, Attachment
from tests.core.test_html_valid import JAVA, MISSING, VNU_JAR
from tests.factories import make_article

pytestmark = pytest.mark.django_db

ADDRESS = "http://testserver{}"


def save_url(article) -> str:
    return f"/{article.category.slug}/{article.slug}-{article.pk}/luu/"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def link(html: str, marker: str) -> str:
    """The href of the <a> whose opening tag holds `marker`."""
    tag = next(tag for tag in re.findall(r"<a [^>]*>", html) if marker in tag)
    return re.search(r'href="([^"]*)"', tag).group(1).replace("&amp;", "&")


@pytest.fixture
def article():
    return make_article(
        title="Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 15",
        summary="Sáng 02/02, Huyện ủy Gò Công Tây tổ chức hội nghị.",
        body=(
            "<p>Đồng chí Bí thư phát biểu chỉ đạo.</p>"
            '<figure class="image"><img src="/media/anh/hoi-nghi.jpg" alt="Toàn cảnh hội nghị"></figure>'
        ),
        author="Ban Tuyên giáo Huyện ủy",
        published_at=timezone.now() - timedelta(days=3),
    )


def test_article_page_offers_zalo_facebook_copy_and_save(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    address = ADDRESS.format(article.get_absolute_url())
    facebook = urlsplit(link(html, 'href="https://www.facebook.com/'))
    assert facebook.netloc + facebook.path == "www.facebook.com/sharer/sharer.php"
    assert "u=" + address.replace(":", "%3A").replace("/", "%2F") in facebook.query  # fully encoded
    assert parse_qs(facebook.query)["u"] == [address]
    zalo = urlsplit(link(html, "data-share-zalo"))
    assert zalo.netloc + zalo.path == "button-share.zalo.me/share_external"
    # As Zalo's own script writes it: base64 of {"url": …}, URL-encoded once more.
    assert json.loads(base64.b64decode(unquote(parse_qs(zalo.query)["d"][0]))) == {"url": address}
    assert "data-copy-link hidden>" in html and "Sao chép liên kết" in html  # shown by site.js only
    assert re.search(r'<span class="share-status" role="status" data-copy-status></span>', html)
    assert link(html, 'class="save-link"') == save_url(article)
    assert "Lưu bài viết" in text_of(html)
    # No network's script: every script is the site's own.
    assert all(src.startswith("/static/") for src in re.findall(r'<script[^>]* src="([^"]+)"', html))
    assert "zalo.me/plugins" not in html and "connect.facebook.net" not in html


def test_saved_file_is_the_article_with_site_address_and_dates(client, article):
    response = client.get(save_url(article))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="{article.slug}.html"; ')
    assert unquote(disposition.split("filename*=UTF-8''", 1)[1]) == f"{article.title}.html"
    html = response.content.decode()
    text = text_of(html)
    address = ADDRESS.format(article.get_absolute_url())
    for expected in (
        "Huyện ủy Gò Công Tây",  # SITE_NAME
        f"Địa chỉ bài viết: {address}",
        f"Ngày đăng: {display.ngay_gio(article.published_at)}",
        f"Ngày tải về: {display.ngay(timezone.now())}",
        article.title,
        article.summary,
        "Đồng chí Bí thư phát biểu chỉ đạo.",
        "Tác giả bài viết: Ban Tuyên giáo Huyện ủy",
    ):
        assert expected in text, expected
    assert f'<a href="{address}">' in html
    # Offline it reads alone: no script, its style inside, photos at the site's address.
    assert "<script" not in html and 'rel="stylesheet"' not in html
    assert "<style>" in html and "content=\"default-src 'none';" in html
    assert '<base href="http://testserver/">' in html
    assert 'src="/media/anh/hoi-nghi.jpg" alt="Toàn cảnh hội nghị"' in html
    assert response["X-Robots-Tag"] == "noindex"


def test_saved_file_names_a_vietnamese_title_safely(client):
    article = make_article(title='Nghị quyết 15/NQ-HU: "Đổi mới" *năm* 2026?')
    disposition = client.get(save_url(article))["Content-Disposition"]
    assert f'filename="{article.slug}.html"' in disposition and disposition.isascii()
    assert unquote(disposition.split("filename*=UTF-8''", 1)[1]) == "Nghị quyết 15 NQ-HU Đổi mới năm 2026.html"


def test_rich_text_stays_sanitised_in_the_file(client):
    body = '<p onclick="steal()">Nội dung</p><script>alert(1)</script><a href="javascript:x()">x</a>'
    article = make_article(body=body)
    html = client.get(save_url(article)).content.decode()
    assert "Nội dung" in html
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html


def test_attachments_are_linked_at_the_site_address(client, article):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    attached = Attachment.objects.create(
        article=article, name="Kế hoạch.pdf", file=SimpleUploadedFile("ke-hoach.pdf", pdf, "application/pdf")
    )
    html = client.get(save_url(article)).content.decode()
    assert f'<a href="http://testserver{attached.get_absolute_url()}?tai-ve=1">Kế hoạch.pdf</a>' in html


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.PENDING},
        {"published_at": timezone.now() + timedelta(days=1)},  # scheduled
        {"expires_at": timezone.now() - timedelta(minutes=1)},
    ],
    ids=["draft", "pending", "scheduled", "expired"],
)
def test_only_what_readers_may_see_can_be_saved(client, fields):
    article = make_article(**fields)
    assert client.get(save_url(article)).status_code == 404
    assert client.get(article.get_absolute_url()).status_code == 404


def test_an_old_address_redirects_to_the_current_one(client, article):
    old = save_url(article)
    article.title = "Tiêu đề mới của bài"
    article.slug = "tieu-de-moi-cua-bai"
    article.save()
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == save_url(article)
    assert client.get(f"/chuyen-muc-khac/{article.slug}-{article.pk}/luu/")["Location"] == save_url(article)
    assert client.get(f"/{article.category.slug}/{article.slug}-999999/luu/").status_code == 404


def test_the_page_cache_keeps_the_file_until_the_article_changes(client, settings, article):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get(save_url(article))
    assert first["X-Page-Cache"] == "miss"
    again = client.get(save_url(article))
    assert again["X-Page-Cache"] == "hit"
    assert again["Content-Disposition"] == first["Content-Disposition"] and again.content == first.content
    article.summary = "Tóm tắt đã sửa sau khi đăng."
    article.save()
    changed = client.get(save_url(article))
    assert changed["X-Page-Cache"] == "miss" and "Tóm tắt đã sửa sau khi đăng." in changed.content.decode()


def test_saving_costs_the_same_queries_whatever_the_attachments_and_articles(client, settings, article):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PAGE_CACHE_SECONDS = 0  # the view's own queries; a cached file costs none
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

    def count_queries():
        client.get(save_url(article))  # the first view after an edit refills the header cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(save_url(article)).status_code == 200
        return len(queries)

    few = count_queries()
    for n in range(5):
        Attachment.objects.create(article=article, file=SimpleUploadedFile(f"tep-{n}.pdf", pdf, "application/pdf"))
        make_article(category=article.category)
    assert count_queries() == few == 2  # the article with its category, its attachments


@pytest.mark.skipif(bool(MISSING) and os.environ.get("CI") != "true", reason=MISSING or "ready")
def test_the_saved_file_is_valid_html(client, article, tmp_path):
    path = tmp_path / "bai-viet.html"
    path.write_bytes(client.get(save_url(article)).content)
    result = subprocess.run(
        [JAVA or "java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(path)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [f"{m.get('lastLine')}: {m['message']}" for m in messages] == []
