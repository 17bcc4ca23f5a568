"""The news module brought across: pages, old links, the seed article, ratings, photos, bodies."""

import html
import re
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from articles.models import Article, Attachment, Category, Tag
from demo.data import SEED
from images.renditions import rendition_name

from .oldsite import SEED_ID

SEED_PAGE = (Path(__file__).resolve().parents[3] / "shared" / "seed" / "article-page.txt").read_text(encoding="utf-8")
pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(run_import):
    return run_import()


def page_text(response) -> str:
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def test_category_tree_keeps_old_aliases_order_and_parents(imported):
    built = {c.legacy_alias: c for c in Category.objects.all()}
    assert set(built) == {"Xay-dung-Dang", "Tin-hoat-dong", "Hoat-dong-co-so", "tag"}
    assert built["Hoat-dong-co-so"].parent == built["Tin-hoat-dong"]
    assert [built[a].order for a in ("Xay-dung-Dang", "Tin-hoat-dong")] == [1, 2]
    assert built["Xay-dung-Dang"].slug == "xay-dung-dang"
    assert built["tag"].slug == "tag-2"  # /tag/ is the portal's own route
    assert built["tag"].name == "Kinh tế & Xã hội"


def test_seed_article_page_reads_as_the_old_one(imported, client):
    article = Article.objects.get(legacy_id=SEED_ID)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    text = page_text(response)
    for line in (SEED["title"], "Thứ tư - 02/02/2022 06:32", SEED["summary"], SEED["author"]):
        assert line in text
    assert SEED["caption"] in text  # the lead photo's caption, and its alt:
    assert f'alt="{SEED["caption"]}"' in response.content.decode()
    assert "Tổng số điểm của bài viết là: 57 trong 13 đánh giá" in text
    assert re.search(r"Xếp hạng: 4[.,]4 - 13 phiếu bầu", text)
    body_start = SEED_PAGE.split("Tổ chức cơ sở Đảng được xác định", 1)[1][:200]
    assert body_start in text
    assert article.is_featured is False and article.tags.get().slug == "xay-dung-dang"


def test_old_links_answer_301_to_the_new_addresses(imported, client):
    article = Article.objects.get(legacy_id=SEED_ID)
    response = client.get(f"/news/Xay-dung-Dang/nang-cao-chat-luong-{SEED_ID}.html")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert client.get("/news/Hoat-dong-co-so/").status_code == 301
    assert client.get("/news/Hoat-dong-co-so/")["Location"] == "/hoat-dong-co-so/"
    tag = client.get("/news/tag/xây-dựng-đảng")
    assert tag.status_code == 301 and tag["Location"] == Tag.objects.get(name="xây dựng đảng").get_absolute_url()
    assert client.get("/news/Tin-hoat-dong/bai-da-het-han-131.html").status_code == 410  # expired: gone
    assert client.get("/news/Tin-hoat-dong/bai-cho-duyet-132.html").status_code == 404  # pending


def test_statuses_and_windows_map_to_the_portals(imported):
    by_id = {a.legacy_id: a for a in Article.objects.all()}
    assert by_id[131].public_state() == "Hết hạn"
    assert by_id[133].public_state() == "Hết hạn"  # archived when it expired
    assert by_id[132].status == Article.Status.PENDING
    assert 135 not in by_id
    assert "Bỏ qua bài viết 135: chuyên mục 99 không có" in imported


def test_a_new_vote_adds_to_the_old_totals_and_recount_keeps_them(imported, client):
    from django.core.management import call_command

    article = Article.objects.get(legacy_id=SEED_ID)
    response = client.post(f"/danh-gia/{article.pk}/", {"stars": "5"}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 303
    article.refresh_from_db()
    assert (article.rating_sum, article.rating_count) == (62, 14)
    assert "62 trong 14 đánh giá" in page_text(client.get(article.get_absolute_url()))
    call_command("recount_ratings", stdout=open("/dev/null", "w"))  # noqa: SIM115
    article.refresh_from_db()
    assert (article.rating_sum, article.rating_count, article.legacy_rating_count) == (62, 14, 13)
    zero = Article.objects.get(legacy_id=134)
    assert (zero.rating_sum, zero.rating_count) == (0, 0)


def test_body_cleaned_entities_decoded_once(imported, client):
    article = Article.objects.get(legacy_id=130)
    assert article.title == 'Hội nghị "Học tập và làm theo" tư tưởng & đạo đức Hồ Chí Minh'
    assert article.summary == 'Sáng 12/5, hội nghị "Học tập" đã diễn ra.'
    for gone in ("style=", "<font", "<span", "MsoNormal", "o:p", "<iframe", "&nbsp;&nbsp;", "<p></p>"):
        assert gone not in article.body
    assert "phong cách Hồ Chí Minh năm 2023" in article.body
    assert '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in article.body
    assert "<table>" in article.body
    assert '<a href="/xay-dung-dang/"' in article.body  # the old domain's link, now the new address
    assert "Nguồn: " in article.body and "Báo Ấp Bắc" in article.body
    page = client.get(article.get_absolute_url()).content.decode()
    assert "&amp;amp;" not in page and "&amp;quot;" not in page
    assert article.topic.name == "Đại hội Đảng các cấp" and article.is_featured
    assert sorted(article.tags.values_list("slug", flat=True)) == ["nong-thon-moi", "xay-dung-dang"]


def test_photos_go_through_the_pipeline_with_captions(imported):
    article = Article.objects.get(legacy_id=130)
    figure = re.search(r'<figure class="image"><img [^>]*src="/media/([^"]+)"[^>]*><figcaption>(.*?)</figcaption>',
                       article.body)  # fmt: skip
    assert figure and figure.group(2) == "Quang cảnh hội nghị"
    stored = figure.group(1)
    assert re.fullmatch(r"uploads/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", stored)
    assert default_storage.exists(rendition_name(stored, 480, "webp"))
    assert 'srcset="' in article.body
    assert "trao-qua" not in article.body and "huyenuygocongtay" not in article.body
    assert article.lead_image.name == stored  # the same old photo, stored once
    seed = Article.objects.get(legacy_id=SEED_ID)
    assert seed.lead_image_width == 1000 and seed.lead_image_alt == SEED["caption"]
    assert default_storage.exists(rendition_name(seed.lead_image.name, ext="webp"))


def test_missing_photos_are_reported_never_fatal(imported):
    assert (
        "Thiếu tệp news/2023_05/khong-co.jpg (bài viết 130, "
        "/news/Hoat-dong-co-so/Hoi-nghi-hoc-tap-va-lam-theo-130.html)" in imported
    )
    assert (
        "Thiếu tệp news/2019_01/mat-anh.jpg (bài viết 134, /news/Tin-hoat-dong/Trao-nha-tinh-nghia-134.html)"
        in imported
    )
    article = Article.objects.get(legacy_id=130)
    assert "<p>Ảnh đã mất</p>" in article.body  # the alt text stays where the photo was
    assert not Article.objects.get(legacy_id=134).lead_image


def test_file_links_become_attachments(imported, client):
    attachment = Attachment.objects.get()
    assert attachment.article.legacy_id == 130 and attachment.kind == "pdf"
    assert f'href="{attachment.get_absolute_url()}"' in attachment.article.body
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_report_is_saved(imported, tmp_path):
    reports = list((tmp_path / "reports").glob("*.txt"))
    assert len(reports) == 1
    saved = reports[0].read_text(encoding="utf-8")
    assert "Bài viết: thêm mới 6, bỏ qua 1" in saved and "Thiếu tệp news/2019_01/mat-anh.jpg" in saved
