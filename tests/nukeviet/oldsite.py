"""An old NukeViet site as the committee's looks: its database (schema.sql, then rows with the
old editor's habits) and its uploads/ folder."""

import io
import os
from itertools import count
from pathlib import Path

import pymysql
import pytest
from PIL import Image

from demo.data import SEED, SEED_BODY_FILE
from demo.pdfs import make_pdf

SERVER = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}
SCHEMA = Path(__file__).with_name("schema.sql")
DOMAIN = "huyenuygocongtay.tiengiang.gov.vn"
_numbers = count(1)

# 2022-02-02 06:32 in Asia/Ho_Chi_Minh: the seed page's "Thứ tư - 02/02/2022 06:32".
SEED_PUBLTIME = 1643758320
SEED_ID = 125


def server_or_skip():
    """A connection to the machine's MariaDB; where there is none, skip (fail under CI)."""
    try:
        return pymysql.connect(**SERVER, charset="utf8mb4", autocommit=True, connect_timeout=3)
    except pymysql.err.OperationalError as error:
        reason = f"MariaDB không trả lời trên 127.0.0.1:3306 (root, không mật khẩu): {error.args[-1]}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " - dưới CI, .ci/run phải khởi động nó")
        pytest.skip(reason)


def photo(size=(1000, 600), color=(40, 90, 160), fmt="JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def write_uploads(root: Path) -> None:
    files = {
        "news/2022_02/bch-vinh-huu.jpg": photo(),
        "news/2023_05/hoi-nghi.jpg": photo((900, 500), (150, 40, 40)),
        "news/2023_05/trao-qua.png": photo((640, 480), (30, 140, 60), "PNG"),
        "news/2023_05/ke-hoach.pdf": make_pdf(["Ke hoach so 12-KH/HU"]),
        "page/lich-su.jpg": photo((800, 500), (120, 120, 30)),
        "banners/banner-30-4-2024.jpg": photo((1200, 200), (200, 20, 20)),
        "banners/quang-cao.jpg": photo((212, 400)),
        "laws/2024_01/nq-15.pdf": make_pdf(["Nghi quyet so 15-NQ/HU"]),
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


ARTICLE_DEFAULTS = {
    "catid": 1, "listcatid": "1", "topicid": 0, "author": "", "sourceid": 0, "addtime": SEED_PUBLTIME,
    "edittime": SEED_PUBLTIME, "status": 1, "publtime": SEED_PUBLTIME, "exptime": 0, "archive": 0,
    "homeimgfile": "", "homeimgalt": "", "homeimgthumb": 0, "inhome": 1, "allowed_rating": 1,
    "hitstotal": 10, "total_rating": 0, "click_rating": 0,
}  # fmt: skip

BUSY_BODY = (
    '<p class="MsoNormal" style="text-align: justify;"><span style="font-size:14px;"><font face="Arial">'
    "Sáng ngày 12/5, Ban Thường vụ Huyện ủy tổ chức hội nghị &quot;Học tập và làm theo&quot; "
    "tư tưởng, đạo đức, phong cách Hồ Chí Minh&nbsp;&nbsp;&nbsp;&nbsp;năm 2023.</font></span><o:p></o:p></p>"
    '<p style="text-align: center;"><img alt="Quang cảnh hội nghị" src="/uploads/news/2023_05/hoi-nghi.jpg" '
    'style="width: 600px; height: 333px;" /></p>'
    '<p style="text-align: center;"><em>Quang cảnh hội nghị</em></p>'
    "<p>&nbsp;</p>"
    f'<p><img alt="Trao quà" src="https://{DOMAIN}/uploads/news/2023_05/trao-qua.png" /></p>'
    '<p><img alt="Ảnh đã mất" src="uploads/news/2023_05/khong-co.jpg" /></p>'
    '<p>Xem <a href="/uploads/news/2023_05/ke-hoach.pdf">Kế hoạch số 12-KH/HU</a> và '
    f'<a href="http://{DOMAIN}/news/Xay-dung-Dang/">các tin khác</a>.</p>'
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" frameborder="0"></iframe>'
    '<table border="1" style="width:100%"><tr><td>Chỉ tiêu</td><td>Kết quả</td></tr></table>'
)

ARTICLES = [
    # The seed article: the page the portal is modelled on, with its 57 points over 13 votes.
    {
        "id": SEED_ID, "title": SEED["title"], "alias": "Nang-cao-chat-luong-lanh-dao-cua-Dang-bo-xa-thi-tran",
        "hometext": SEED["summary"], "author": SEED["author"], "homeimgfile": "2022_02/bch-vinh-huu.jpg",
        "homeimgalt": SEED["caption"], "homeimgthumb": 1, "total_rating": 57, "click_rating": 13,
        "bodyhtml": SEED_BODY_FILE.read_text(encoding="utf-8"), "tags": [1],
    },
    {
        "id": 130, "catid": 3, "listcatid": "3,1", "topicid": 1, "sourceid": 1,
        "title": "Hội nghị &quot;Học tập và làm theo&quot; tư tưởng &amp; đạo đức Hồ Chí Minh",
        "alias": "Hoi-nghi-hoc-tap-va-lam-theo", "hometext": "Sáng 12/5, hội nghị &quot;Học tập&quot; đã diễn ra.",
        "author": "Ban Tuyên giáo", "publtime": 1683860400, "bodyhtml": BUSY_BODY, "tags": [1, 2],
        "homeimgfile": f"https://{DOMAIN}/uploads/news/2023_05/hoi-nghi.jpg", "homeimgalt": "Hội nghị",
        "homeimgthumb": 3, "featured": True,
    },
    {"id": 131, "catid": 2, "title": "Bài đã hết hạn", "alias": "Bai-da-het-han", "hometext": "Hết hạn.",
     "publtime": 1577836800, "exptime": 1609459200, "bodyhtml": "<p>Cũ.</p>"},
    {"id": 132, "catid": 2, "status": 0, "title": "Bài chờ duyệt", "alias": "Bai-cho-duyet", "hometext": "Chờ.",
     "bodyhtml": "<p>Chờ duyệt.</p>"},
    {"id": 133, "catid": 2, "status": 3, "archive": 1, "title": "Bài lưu trữ", "alias": "Bai-luu-tru",
     "hometext": "Lưu trữ.", "publtime": 1577836800, "exptime": 1590969600, "bodyhtml": "<p>Lưu.</p>"},
    # Kept off the old home page (inhome 0), listed in its category.
    {"id": 134, "catid": 2, "title": "Trao nhà tình nghĩa tại xã Bình Nhì", "alias": "Trao-nha-tinh-nghia",
     "hometext": "Mất ảnh.", "homeimgfile": "2019_01/mat-anh.jpg", "homeimgalt": "Ảnh mất", "homeimgthumb": 1,
     "publtime": 1548979200, "bodyhtml": "<p>Nhà tình nghĩa.</p>", "tags": [2], "inhome": 0},
    {"id": 135, "catid": 99, "title": "Bài của chuyên mục đã xóa", "alias": "Bai-mo-coi", "hometext": "Mồ côi.",
     "bodyhtml": "<p>x</p>"},
]  # fmt: skip


def insert(cursor, table: str, row: dict) -> None:
    columns = ", ".join(f"`{c}`" for c in row)
    marks = ", ".join(["%s"] * len(row))
    cursor.execute(f"INSERT INTO `{table}` ({columns}) VALUES ({marks})", list(row.values()))  # noqa: S608


def fill(cursor) -> None:
    insert(cursor, "nv4_config", {"config_name": "my_domains", "config_value": f"{DOMAIN},www.{DOMAIN}"})
    cats = [
        (1, 0, "Xây dựng Đảng", "Xay-dung-Dang", 1),
        (2, 0, "Tin hoạt động", "Tin-hoat-dong", 2),
        (3, 2, "Hoạt động cơ sở", "Hoat-dong-co-so", 1),
        (4, 0, "Kinh tế &amp; Xã hội", "tag", 3),  # an alias the portal's own routes own
    ]
    for catid, parent, title, alias, weight in cats:
        insert(cursor, "nv4_vi_news_cat", {"catid": catid, "parentid": parent, "title": title, "alias": alias,
                                           "weight": weight, "description": f"Tin {title}",
                                           "inhome": int(catid != 4)})  # fmt: skip
    insert(cursor, "nv4_vi_news_sources", {"sourceid": 1, "title": "Báo Ấp Bắc", "link": "https://baoapbac.vn",
                                           "add_time": 0, "edit_time": 0})  # fmt: skip
    insert(cursor, "nv4_vi_news_topics", {"topicid": 1, "title": "Đại hội Đảng các cấp", "alias": "Dai-hoi-Dang"})
    insert(cursor, "nv4_vi_news_tags", {"tid": 1, "alias": "xây-dựng-đảng", "keywords": "xây dựng đảng"})
    insert(cursor, "nv4_vi_news_tags", {"tid": 2, "alias": "nông-thôn-mới", "keywords": "nông thôn mới"})
    insert(cursor, "nv4_vi_news_block_cat", {"bid": 1, "title": "Tin tiêu điểm", "alias": "Tin-tieu-diem"})
    for article in ARTICLES:
        article = {**ARTICLE_DEFAULTS, **article}
        body, tags, featured = article.pop("bodyhtml"), article.pop("tags", []), article.pop("featured", False)
        insert(cursor, "nv4_vi_news_rows", article)
        insert(cursor, "nv4_vi_news_detail", {"id": article["id"], "description": "", "bodyhtml": body})
        for tid in tags:
            insert(cursor, "nv4_vi_news_tags_id", {"id": article["id"], "tid": tid, "keyword": str(tid)})
        if featured:
            insert(cursor, "nv4_vi_news_block", {"bid": 1, "id": article["id"], "weight": 1})
    fill_other_modules(cursor)


def fill_other_modules(cursor) -> None:
    insert(cursor, "nv4_vi_page", {
        "id": 1, "title": "Lịch sử Đảng bộ huyện", "alias": "Lich-su-Dang-bo", "image": "lich-su.jpg",
        "imagealt": "Trụ sở Huyện ủy", "description": "Quá trình hình thành &amp; phát triển.", "weight": 1,
        "bodytext": '<p>Đảng bộ huyện Gò Công Tây được thành lập...</p>'
        '<p><img src="/uploads/page/lich-su.jpg" alt="Trụ sở"></p>',
        "status": 1, "add_time": 1600000000,
    })  # fmt: skip
    insert(cursor, "nv4_banners_plans", {"id": 1, "title": "Banner đầu trang", "form": "sequential", "width": 1200,
                                         "height": 200, "act": 1})  # fmt: skip
    insert(cursor, "nv4_banners_plans", {"id": 2, "title": "Quảng cáo cột trái", "form": "sequential", "width": 212,
                                         "height": 800, "act": 1})  # fmt: skip
    insert(cursor, "nv4_banners_rows", {
        "id": 1, "title": "Banner 30-4-2024", "pid": 1, "file_name": "banner-30-4-2024.jpg", "file_ext": "jpg",
        "file_mime": "image/jpeg", "file_alt": "Banner 30-4-2024", "click_url": "", "bannerhtml": "",
        "publ_time": 1713546000, "exp_time": 1714928400, "act": 1, "weight": 1,
    })  # fmt: skip
    insert(cursor, "nv4_banners_rows", {
        "id": 2, "title": "Quảng cáo", "pid": 2, "file_name": "quang-cao.jpg", "file_ext": "jpg",
        "file_mime": "image/jpeg", "bannerhtml": "", "publ_time": 1713546000, "act": 1,
    })  # fmt: skip
    insert(cursor, "nv4_vi_laws_cat", {"id": 1, "alias": "Nghi-quyet", "title": "Nghị quyết", "introduction": "",
                                       "keywords": ""})  # fmt: skip
    insert(cursor, "nv4_vi_laws_subject", {"id": 1, "alias": "Huyen-uy", "title": "Huyện ủy Gò Công Tây",
                                           "introduction": "", "keywords": ""})  # fmt: skip
    insert(cursor, "nv4_vi_laws_area", {"id": 1, "alias": "Xay-dung-Dang", "title": "Xây dựng Đảng",
                                        "introduction": "", "keywords": ""})  # fmt: skip
    insert(cursor, "nv4_vi_laws_signer", {"id": 1, "title": "Phạm Nguyễn Hoàng Vũ",
                                          "positions": "Phó Bí thư Thường trực Huyện ủy"})  # fmt: skip
    # Resolution 08 of 2019, replaced by 15 ("Thay thế cho văn bản" 6 on 15's old form).
    insert(cursor, "nv4_vi_laws_row", {
        "id": 6, "title": "Nghị quyết về tổ chức cơ sở đảng", "alias": "Nghi-quyet-08-NQ-HU", "code": "08-NQ/HU",
        "cid": 1, "sid": 1, "sgid": 1, "note": "", "introtext": "Về củng cố tổ chức cơ sở đảng", "bodytext": "",
        "keywords": "", "groups_view": "6", "groups_download": "6", "files": "", "status": 1, "approval": 1,
        "addtime": 1560000000, "edittime": 1560000000, "publtime": 1560000000,
    })  # fmt: skip
    insert(cursor, "nv4_vi_laws_row", {
        "id": 7, "replacement": "6,99", "title": "Nghị quyết về nâng cao chất lượng tổ chức cơ sở đảng",
        "alias": "Nghi-quyet-15-NQ-HU",
        "code": "15-NQ/HU", "cid": 1, "sid": 1, "sgid": 1, "note": "",
        "introtext": "Về nâng cao năng lực lãnh đạo &amp; sức chiến đấu của tổ chức cơ sở đảng",
        "bodytext": "", "keywords": "", "groups_view": "6", "groups_download": "6", "files": "2024_01/nq-15.pdf",
        "status": 1, "approval": 1, "addtime": 1705280400, "edittime": 1705280400, "publtime": 1705280400,
        "startvalid": 1705280400,
    })  # fmt: skip
    insert(cursor, "nv4_vi_laws_row_area", {"row_id": 7, "area_id": 1})


class OldSite:
    """A fresh database nv_test_<pid>_<n> filled as above, and its uploads folder; dropped after."""

    def __init__(self, uploads: Path):
        self.server = server_or_skip()
        self.name = f"nv_test_{os.getpid()}_{next(_numbers)}"
        self.uploads = uploads
        with self.server.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{self.name}`")
            cursor.execute(f"CREATE DATABASE `{self.name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
            cursor.execute(f"USE `{self.name}`")
            for statement in SCHEMA.read_text(encoding="utf-8").split(";\n"):
                lines = [line for line in statement.splitlines() if not line.startswith("--")]
                if "".join(lines).strip():
                    cursor.execute("\n".join(lines))
            fill(cursor)
        write_uploads(uploads)

    @property
    def url(self) -> str:
        return f"mysql://root@127.0.0.1:3306/{self.name}"

    def execute(self, sql: str, params=()) -> None:
        with self.server.cursor() as cursor:
            cursor.execute(f"USE `{self.name}`")
            cursor.execute(sql, params)

    def drop(self) -> None:
        with self.server.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{self.name}`")
        self.server.close()
