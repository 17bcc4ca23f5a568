"""The old site as a real NukeViet 4.5 has it, brought across exactly: its module titles, every
status, attachments, sources, blocks, banner positions, bodies linking in every old shape,
photos hotlinked from other sites, broken links; and a second import after editors' work."""

import csv
import http.server
import re
import threading
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from articles.models import Article, SiteBanner
from documents.models import Document
from navigation.models import WebLink
from nukeviet.models import OldModule
from pages.models import Page

from .oldsite import DOMAIN, SEED_ID, insert, photo

pytestmark = pytest.mark.django_db
SEED_ALIAS = "Nang-cao-chat-luong-lanh-dao-cua-Dang-bo-xa-thi-tran"
NOW = int(timezone.now().timestamp())
DAY = 24 * 3600


@pytest.fixture
def photo_server():
    """Another site that the old bodies took photos from (127.0.0.1 only)."""
    image = photo((800, 450), (10, 120, 90))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/anh/ngoai.jpg":
                self.send_response(200)
                self.send_header("Content-Type", "image/jpeg")
                self.send_header("Content-Length", str(len(image)))
                self.end_headers()
                self.wfile.write(image)
            else:
                self.send_error(404)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def article(cursor, id, **fields):
    defaults = {"catid": 2, "listcatid": "2", "status": 1, "publtime": NOW - 10 * DAY, "addtime": NOW - 10 * DAY,
                "title": f"Bài {id}", "alias": f"Bai-{id}", "hometext": f"Tóm tắt {id}.", "inhome": 1,
                "allowed_rating": 1}  # fmt: skip
    body, files = fields.pop("bodyhtml", f"<p>Nội dung {id}.</p>"), fields.pop("files", "")
    source = fields.pop("sourcetext", "")
    insert(cursor, "nv4_vi_news_rows", {**defaults, **fields, "id": id})
    insert(cursor, "nv4_vi_news_detail",
           {"id": id, "description": "", "bodyhtml": body, "files": files, "sourcetext": source})  # fmt: skip


@pytest.fixture
def nukeviet45(old_site, photo_server):
    """The base old site, plus what a NukeViet 4.5 site filled through its own admin has."""
    uploads = old_site.uploads
    from demo.pdfs import make_pdf

    (uploads / "news/2024_03").mkdir(parents=True, exist_ok=True)
    (uploads / "news/2024_03/bao-cao-quy-1.pdf").write_bytes(make_pdf(["Bao cao quy 1"]))
    (uploads / "news/2024_03/danh-sach.pdf").write_bytes(make_pdf(["Danh sach"]))
    (uploads / "banners/ad-300x250.jpg").write_bytes(photo((300, 250)))
    (uploads / "banners/cong-tinh.png").write_bytes(photo((250, 120), fmt="PNG"))
    (uploads / "banners/giua-trang.jpg").write_bytes(photo((980, 90)))
    body = (
        f'<p>Xem <a href="/Tin-tuc/Xay-dung-Dang/{SEED_ALIAS}-{SEED_ID}.html">bài về Vĩnh Hựu</a>, '
        '<a href="index.php?language=vi&amp;nv=Tin-tuc&amp;op=Hoat-dong-co-so/Hoi-nghi-hoc-tap-va-lam-theo-130">'
        "hội nghị</a>, "
        '<a href="/Tin-tuc/tag/n%C3%B4ng-th%C3%B4n-m%E1%BB%9Bi">nông thôn mới</a>, '
        f'<a href="http://www.{DOMAIN}/about/Lich-su-Dang-bo.html">lịch sử</a>, '
        '<a href="/laws/detail/Nghi-quyet-15-NQ-HU.html">Nghị quyết 15</a>, '
        '<a href="/uploads/news/2023_05/ke-hoach.pdf">kế hoạch</a>, '
        '<a href="/Xay-dung-Dang/">chuyên mục</a>, '
        '<a href="/Tin-tuc/Tin-hoat-dong/Bai-sau-161.html#doan-2">bài sau</a> và '
        '<a href="/Tin-tuc/Tin-hoat-dong/Bai-da-xoa-999.html">bài đã xóa</a>.</p>'
        f'<p><img alt="Ảnh từ báo tỉnh" src="{photo_server}/anh/ngoai.jpg"></p>'
        '<p><img alt="Ảnh trang đã đóng" src="http://127.0.0.1:1/anh/mat.jpg"></p>'
        '<p><a href="http://http://baoapbac.vn/tin-tuc">trang tin Báo Ấp Bắc</a>, <a href="http://">trống</a>, '
        '<a href="file:///C:/Users/VanThu/Desktop/ke-hoach.doc">tệp trên máy</a>.</p>'
    )
    with old_site.server.cursor() as cursor:
        cursor.execute(f"USE `{old_site.name}`")
        for title, file, data, weight in [
            ("Tin-tuc", "news", "news", 1), ("about", "page", "page", 2), ("laws", "laws", "laws", 3),
            ("contact", "contact", "contact", 4), ("seek", "seek", "seek", 5), ("users", "users", "users", 6),
        ]:  # fmt: skip
            insert(cursor, "nv4_vi_modules", {"title": title, "module_file": file, "module_data": data,
                                              "module_upload": data, "custom_title": title.replace("-", " "),
                                              "weight": weight, "act": 1})  # fmt: skip
        for name, value, module, lang in [
            ("site_home_module", "Tin-tuc", "global", "vi"), ("rewrite_op_mod", "Tin-tuc", "global", "sys"),
            ("per_page", "10", "Tin-tuc", "vi"), ("version", "4.5.02", "global", "sys"),
        ]:  # fmt: skip
            insert(cursor, "nv4_config", {"config_name": name, "config_value": value, "module": module, "lang": lang})
        # Every status NukeViet 4 defines, and the windows of publtime and exptime.
        article(cursor, 140, status=0, title="Ngưng hiệu lực")
        article(cursor, 141, status=1, title="Đang xuất bản")
        article(cursor, 142, status=2, publtime=NOW + 3 * DAY, title="Hẹn giờ đăng")
        article(cursor, 143, status=3, archive=1, exptime=NOW - DAY, title="Hết hạn, lưu trữ")
        article(cursor, 144, status=4, title="Lưu nháp")
        article(cursor, 145, status=5, title="Chuyển duyệt bài")
        article(cursor, 146, status=6, title="Từ chối duyệt bài")
        article(cursor, 151, status=7, title="Đang duyệt bài")
        article(cursor, 152, status=8, title="Chuyển đăng bài")
        article(cursor, 153, status=9, title="Từ chối đăng bài")
        article(cursor, 154, status=10, title="Đang kiểm tra để đăng")
        article(cursor, 155, status=22, title="Xuất bản, khóa vì chuyên mục bị đình chỉ")
        article(cursor, 156, status=25, title="Lưu nháp, khóa vì chuyên mục bị đình chỉ")
        article(cursor, 147, status=1, publtime=NOW + 2 * DAY, title="Xuất bản, giờ đăng chưa tới")
        article(cursor, 148, status=1, exptime=NOW - DAY, title="Xuất bản, đã quá giờ hết hạn")
        article(cursor, 149, status=3, exptime=NOW + 5 * DAY, title="Hết hạn theo tay, giờ hết hạn chưa tới")
        article(cursor, 150, status=2, publtime=NOW - DAY, title="Hẹn giờ đã tới")
        # Attachments, a source with its own article's link, links in every shape, hotlinked photos.
        article(cursor, 160, title="Bài có tệp đính kèm và liên kết", bodyhtml=body, sourceid=1,
                files="2024_03/bao-cao-quy-1.pdf,2024_03/danh-sach.pdf",
                sourcetext="https://baoapbac.vn/chinh-tri/202403/hoi-nghi-1012345.html")  # fmt: skip
        article(cursor, 161, title="Bài sau", alias="Bai-sau")
        # Blocks: the first by weight is the home page's headline (featured), the second is not.
        insert(cursor, "nv4_vi_news_block_cat", {"bid": 2, "title": "Tin mới nhất", "alias": "Tin-moi-nhat",
                                                 "weight": 2})  # fmt: skip
        cursor.execute("UPDATE nv4_vi_news_block_cat SET weight = 1 WHERE bid = 1")
        for id in (SEED_ID, 141):
            insert(cursor, "nv4_vi_news_block", {"bid": 2, "id": id, "weight": 1})
        # Banner plans placed by the theme: header, a side column, the middle of the page.
        insert(cursor, "nv4_banners_plans", {"id": 3, "title": "Quảng cáo giữa trang", "form": "sequential",
                                             "width": 980, "height": 90, "act": 1})  # fmt: skip
        insert(cursor, "nv4_vi_blocks_groups", {
            "bid": 9, "theme": "default", "module": "Tin-tuc", "file_name": "module.block_headline.php",
            "title": "Tin tiêu điểm", "position": "[TOP]", "act": 1, "weight": 9, "config": "a:0:{}",
        })  # fmt: skip
        for bid, plan, position in [(1, 1, "[HEADER]"), (2, 2, "[LEFT]"), (3, 3, "[TOP]")]:
            insert(cursor, "nv4_vi_blocks_groups", {
                "bid": bid, "theme": "default", "module": "banners", "file_name": "global.banners.php",
                "title": f"Khối {plan}", "position": position, "act": 1, "all_func": 1, "weight": bid,
                "config": f'a:1:{{s:12:"idplanbanner";i:{plan};}}',
            })  # fmt: skip
        for id, plan, name, url in [
            (3, 1, "ad-300x250.jpg", ""), (4, 2, "cong-tinh.png", "https://tiengiang.gov.vn"),
            (5, 3, "giua-trang.jpg", "https://example.vn"),
        ]:  # fmt: skip
            insert(cursor, "nv4_banners_rows", {
                "id": id, "title": f"Banner {id}", "pid": plan, "file_name": name, "file_ext": name[-3:],
                "file_mime": "image/jpeg", "click_url": url, "bannerhtml": "", "publ_time": NOW - DAY, "act": 1,
            })  # fmt: skip
    return old_site


@pytest.fixture
def imported(nukeviet45, run_import, tmp_path):
    return run_import("--report", str(tmp_path / "bao-cao.csv"))


def by_id():
    return {a.legacy_id: a for a in Article.objects.select_related("category")}


def test_statuses_mean_what_nukeviet_means(imported):
    articles = by_id()
    public = set(Article.objects.published().values_list("legacy_id", flat=True))
    expected = {
        140: ("unpublished", False), 141: ("published", True), 142: ("published", False),
        143: ("published", False), 144: ("draft", False), 145: ("pending", False), 146: ("draft", False),
        147: ("published", False), 148: ("published", False), 149: ("unpublished", False),
        150: ("published", True), 151: ("pending", False), 152: ("pending", False), 153: ("draft", False),
        154: ("pending", False), 155: ("unpublished", False), 156: ("draft", False),
    }  # fmt: skip
    for legacy_id, (status, shown) in expected.items():
        assert (articles[legacy_id].status, legacy_id in public) == (status, shown), legacy_id
    assert articles[142].public_state() == "Hẹn giờ đăng"  # and it comes out on its own, as there
    assert articles[143].public_state() == "Hết hạn" and articles[148].public_state() == "Hết hạn"


def test_the_module_title_and_short_form_of_the_old_site(imported, client):
    seed = Article.objects.get(legacy_id=SEED_ID)
    assert OldModule.objects.get(title="Tin-tuc").is_home
    op = f"Xay-dung-Dang/{SEED_ALIAS}-{SEED_ID}"
    for old in [f"/Tin-tuc/{op}.html", f"/vi/Tin-tuc/{op}.html", f"/index.php?language=vi&nv=Tin-tuc&op={op}"]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, seed.get_absolute_url()), old
    assert client.get("/Tin-tuc/")["Location"] == "/"
    assert client.get("/tin-tuc/Xay-dung-Dang/")["Location"] == "/xay-dung-dang/"  # typed in lower case
    # The old list pages held 10 (the module's per_page): its page 2 began with the 11th newest.
    category = seed.category
    for n in range(25):
        Article.objects.create(title=f"Tin {n}", category=category, status="published",
                               published_at=timezone.now() - timedelta(hours=n + 1))  # fmt: skip
    newest = list(Article.objects.published().in_categories([category.pk]).newest_first())
    assert client.get("/Tin-tuc/Xay-dung-Dang/page-2")["Location"] == f"/xay-dung-dang/?truoc={newest[9].pk}"
    assert client.get("/users/register/").status_code == 410


def test_body_links_point_at_the_new_addresses_directly(imported, client):
    body = Article.objects.get(legacy_id=160).body
    links = dict((text, href) for href, text in re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', body))
    assert links["bài về Vĩnh Hựu"] == Article.objects.get(legacy_id=SEED_ID).get_absolute_url()
    assert links["hội nghị"] == Article.objects.get(legacy_id=130).get_absolute_url()
    assert links["nông thôn mới"] == "/tag/nong-thon-moi/"
    assert links["lịch sử"] == Page.objects.get(legacy_alias="Lich-su-Dang-bo").get_absolute_url()
    assert links["Nghị quyết 15"] == Document.objects.get(legacy_id=7).get_absolute_url()
    assert links["kế hoạch"].startswith("/tep-dinh-kem/")
    assert links["chuyên mục"] == "/xay-dung-dang/"
    assert links["bài sau"] == Article.objects.get(legacy_id=161).get_absolute_url() + "#doan-2"  # imported later
    assert "bài đã xóa" in body and "Bai-da-xoa-999" not in body  # the words stay, the dead link goes
    assert links["trang tin Báo Ấp Bắc"] == "http://baoapbac.vn/tin-tuc"  # http://http:// mended
    assert "trống" in body and 'href="http://"' not in body
    for href in links.values():
        if href.startswith("/"):
            assert client.get(href.split("#")[0]).status_code == 200, href


def test_hotlinked_photos_are_fetched_or_reported(imported, tmp_path):
    body = Article.objects.get(legacy_id=160).body
    fetched = re.search(r'<img alt="Ảnh từ báo tỉnh"[^>]*src="/media/([^"]+)"', body)
    assert fetched and default_storage.exists(fetched.group(1))
    assert re.search(
        r'<a href="http://127.0.0.1:1/anh/mat.jpg"[^>]*>Ảnh trang đã đóng</a>', body
    )  # not a blocked <img>
    assert "<img" not in body.split("Ảnh trang đã đóng")[0].rsplit("<p>", 1)[-1]
    rows = list(csv.DictReader((tmp_path / "bao-cao.csv").open(encoding="utf-8-sig")))
    about_160 = [r for r in rows if r["mã cũ"] == "160"]
    assert all(r["địa chỉ cũ"] == "/Tin-tuc/Tin-hoat-dong/Bai-160-160.html" for r in about_160)
    reasons = " | ".join(r["lý do"] for r in about_160)
    assert "http://127.0.0.1:1/anh/mat.jpg" in reasons
    assert "file:///C:/Users/VanThu/Desktop/ke-hoach.doc" in reasons
    assert "/Tin-tuc/Tin-hoat-dong/Bai-da-xoa-999.html" in reasons
    assert "http://http://baoapbac.vn/tin-tuc" in reasons and "http://baoapbac.vn/tin-tuc" in reasons


def test_attachments_and_sources_come_across(imported, client):
    article = Article.objects.get(legacy_id=160)
    names = sorted(article.attachments.values_list("name", flat=True))
    assert names == ["bao-cao-quy-1.pdf", "danh-sach.pdf", "ke-hoach.pdf"]
    page = client.get(article.get_absolute_url()).content.decode()
    assert "bao-cao-quy-1" in page
    credit = re.search(r"Nguồn: <a href=\"([^\"]+)\"[^>]*>([^<]+)</a>", article.body)
    assert credit.groups() == ("https://baoapbac.vn/chinh-tri/202403/hoi-nghi-1012345.html", "Báo Ấp Bắc")
    assert client.get("/uploads/news/2024_03/danh-sach.pdf")["Location"].startswith("/tep-dinh-kem/")
    second = article.attachments.get(name="danh-sach.pdf").get_absolute_url()
    assert client.get("/Tin-tuc/Tin-hoat-dong/Bai-160-160.html?download=1&id=1")["Location"] == second
    for odd in ("abc", "-1", "99", "9" * 40):  # no such file: the article itself
        url = f"/Tin-tuc/Tin-hoat-dong/Bai-160-160.html?download=1&id={odd}"
        assert client.get(url)["Location"] == article.get_absolute_url()


def test_only_the_home_pages_featured_block_makes_featured(imported):
    articles = by_id()
    assert articles[130].is_featured  # in "Tin tiêu điểm", the headline block's first group
    assert not articles[SEED_ID].is_featured and not articles[141].is_featured  # "Tin mới nhất"
    assert "nhóm tin “Tin mới nhất” (2 bài) không phải nhóm tin nổi bật" in imported


def test_the_featured_group_is_the_one_the_theme_shows(nukeviet45, run_import):
    """A theme that shows "Tin mới nhất" through global.block_groups (blockid 2) and no headline."""
    nukeviet45.execute("UPDATE nv4_vi_blocks_groups SET file_name = 'global.block_groups.php', "
                       "config = 'a:2:{s:7:\"blockid\";i:2;s:7:\"numrows\";i:5;}' WHERE bid = 9")  # fmt: skip
    out = run_import()
    articles = by_id()
    assert articles[SEED_ID].is_featured and articles[141].is_featured and not articles[130].is_featured
    assert "nhóm tin “Tin tiêu điểm” (1 bài) không phải nhóm tin nổi bật" in out


def test_banners_go_where_their_plan_was(imported):
    assert list(SiteBanner.objects.values_list("alt", flat=True)) == ["Banner 30-4-2024"]  # header strip only
    assert "Bỏ qua banner 3: ảnh có cỡ của một quảng cáo" in imported  # a 300x250 in the header's plan
    assert "Bỏ qua banner 5: khối quảng cáo “Quảng cáo giữa trang” hiện ở [TOP]" in imported
    link = WebLink.objects.get()
    assert (link.name, link.url, link.logo_width) == ("Banner 4", "https://tiengiang.gov.vn", 250)


def test_a_second_import_keeps_editors_work(nukeviet45, run_import, client, tmp_path):
    run_import()
    seed = Article.objects.get(legacy_id=SEED_ID)
    seed.title = "Tiêu đề biên tập viên sửa"
    seed.save()
    page = Page.objects.get(legacy_alias="Lich-su-Dang-bo")
    page.summary = "Lời giới thiệu viết lại ở cổng mới."
    page.save()
    client.post(f"/danh-gia/{seed.pk}/", {"stars": "4"}, HTTP_ORIGIN="http://testserver")
    nukeviet45.execute("UPDATE nv4_vi_news_detail SET bodyhtml = '<p>Bản sửa trên cổng cũ.</p>' WHERE id = %s",
                       (SEED_ID,))  # fmt: skip
    nukeviet45.execute("UPDATE nv4_vi_page SET title = 'Lịch sử (cổng cũ sửa)'")
    nukeviet45.execute("UPDATE nv4_vi_news_rows SET title = 'Tiêu đề mới trên cổng cũ' WHERE id = 141")
    nukeviet45.execute("UPDATE nv4_vi_news_rows SET hitstotal = 5000, total_rating = 62, click_rating = 14 "
                       "WHERE id = %s", (SEED_ID,))  # fmt: skip
    nukeviet45.execute("UPDATE nv4_vi_news_rows SET hitstotal = 777, total_rating = 9, click_rating = 2 WHERE id = 134")
    out = run_import("--report", str(tmp_path / "lan-2.csv"))
    seed.refresh_from_db()
    assert seed.title == "Tiêu đề biên tập viên sửa" and "Bản sửa trên cổng cũ" not in seed.body
    assert (seed.rating_sum, seed.rating_count, seed.legacy_views) == (66, 15, 5000)  # 62/14 there, 4/1 here
    page.refresh_from_db()
    assert (page.title, page.summary) == ("Lịch sử Đảng bộ huyện", "Lời giới thiệu viết lại ở cổng mới.")
    assert Article.objects.get(legacy_id=141).title == "Tiêu đề mới trên cổng cũ"
    counted = Article.objects.get(legacy_id=134)
    assert (counted.rating_sum, counted.legacy_views) == (9, 777)
    assert "Bài viết: cập nhật 1, không đổi 23, giữ bản đã sửa ở cổng mới 1, bỏ qua 1" in out
    assert "Trang giới thiệu: giữ bản đã sửa ở cổng mới 1" in out
    rows = list(csv.DictReader((tmp_path / "lan-2.csv").open(encoding="utf-8-sig")))
    kept = [r for r in rows if r["kết quả"] == "giữ bản sửa"]
    assert {(r["loại"], r["mã cũ"]) for r in kept} == {("Bài viết", str(SEED_ID)), ("Trang giới thiệu", "page:1")}
    assert kept[0]["địa chỉ cũ"].endswith(".html")


def test_the_report_says_what_a_dry_run_would_do(nukeviet45, run_import, tmp_path):
    dry = run_import("--dry-run", "--report", str(tmp_path / "thu.csv"))
    assert Article.objects.count() == 0 and not OldModule.objects.exists()
    real = run_import("--report", str(tmp_path / "that.csv"))

    def counts(out):
        return [line for line in out.splitlines() if re.match(r"^[A-ZĐÂ][^:]{2,30}: (thêm mới|không đổi|bỏ qua)", line)]

    assert counts(dry) == counts(real)
    assert "Bài viết: thêm mới 25, bỏ qua 1" in real
    skipped = [
        r for r in csv.DictReader((tmp_path / "that.csv").open(encoding="utf-8-sig")) if r["kết quả"] == "bỏ qua"
    ]
    assert {"loại": "Bài viết", "mã cũ": "135"}.items() <= skipped[0].items() or any(
        r["mã cũ"] == "135" and "chuyên mục 99" in r["lý do"] for r in skipped
    )
