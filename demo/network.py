"""The demo network for `make run` (load_demo --network): the province, two communes with
their own content, and the dissolved district - the first site, with the seed article - as an
archive whose successor is the province. Each site answers on its own *.localhost name
(browsers send *.localhost to the machine itself), on the same port.

The communes' names are fictional (the real merged communes are not known here); Tỉnh ủy
Đồng Tháp is the province Tiền Giang's Party organisation merged into on 1 July 2025.
Idempotent: a second run finds every site and row in place and changes nothing.
"""

from datetime import date, datetime, timedelta

from django.contrib.sites.models import Site

from articles.models import Article, Category
from core.sites import FIRST_SITE_ID, serving
from core.text import slugify_vi
from demo.data import TZ, demo_body
from demo.navigation import load_navigation
from demo.pictures import demo_image
from network.creation import create_site
from network.models import HostName, SiteSettings
from pages.models import Page

DISTRICT = "huyengocongtay.localhost"
PROVINCE = "tinhuydongthap.localhost"
DISSOLVED_ON = date(2025, 7, 1)

# (host, name, tagline, the place named in its articles, a parent host, its administrator's
# account: made with a password nobody is told; the network's administrator, the superuser
# of `make run`, reaches every site and gives each its people)
SITES = [
    (PROVINCE, "Tỉnh ủy Đồng Tháp", "Cổng thông tin điện tử Tỉnh ủy Đồng Tháp", "tỉnh Đồng Tháp", "",
     "quantri.tinh"),
    ("xahoabinh.localhost", "Đảng ủy xã Hòa Bình", "Trang thông tin Đảng ủy xã Hòa Bình (tên minh họa)",
     "xã Hòa Bình", PROVINCE, "quantri.hoabinh"),
    ("phuongthongnhat.localhost", "Đảng ủy phường Thống Nhất",
     "Trang thông tin Đảng ủy phường Thống Nhất (tên minh họa)", "phường Thống Nhất", PROVINCE,
     "quantri.thongnhat"),
]  # fmt: skip

# Their names on their English pages (a commune without one shows its Vietnamese name there).
ENGLISH = {PROVINCE: "Dong Thap Provincial Party Committee", "xahoabinh.localhost": "Hoa Binh Commune Party Committee"}

CATEGORIES = ["Tin hoạt động", "Xây dựng Đảng", "Kinh tế - Xã hội"]
TOPICS = [
    "Hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm tại {place}",
    "{place} ra quân hưởng ứng phong trào chung tay xây dựng nông thôn mới",
    "Trao quà cho gia đình chính sách nhân dịp kỷ niệm Ngày Thương binh - Liệt sĩ tại {place}",
    "Học tập, quán triệt nghị quyết của Đảng cho cán bộ, đảng viên {place}",
    "{place} tổ chức ngày hội đại đoàn kết toàn dân tộc",
    "Ra mắt mô hình dân vận khéo tại {place}",
]
FIRST_DAY = datetime(2025, 7, 2, 8, 0, tzinfo=TZ)


def load_network() -> list[str]:
    """The demo sites (made if missing); returns the readers' addresses of every site."""
    district = Site.objects.get(pk=FIRST_SITE_ID)
    if not HostName.objects.filter(host=DISTRICT).exists() and district.domain != DISTRICT:
        HostName.objects.create(site=district, host=DISTRICT, redirect=False)
    for host, name, tagline, place, parent, administrator in SITES:
        site = Site.objects.filter(domain=host).first()
        if site is None:
            site, _password = create_site(
                host, name, administrator, parent=parent, tagline=tagline, owner=name, name_en=ENGLISH.get(host, "")
            )
        with serving(site):
            _content(site, place)
    province = Site.objects.get(domain=PROVINCE)
    archive = SiteSettings.objects.get(site_id=FIRST_SITE_ID)
    if archive.archived_on is None:
        archive.archived_on, archive.successor = DISSOLVED_ON, province
        archive.save()
    return [f"{DISTRICT} (lưu trữ)", *(host for host, *_ in SITES)]


def _content(site, place: str) -> None:
    categories = []
    for order, name in enumerate(CATEGORIES):
        category, _ = Category.objects.get_or_create(slug=slugify_vi(name), defaults={"name": name, "order": order})
        categories.append(category)
    for n, topic in enumerate(TOPICS):
        title = topic.format(place=place)
        title = title[0].upper() + title[1:]
        if Article.objects.filter(slug=slugify_vi(title)).exists():
            continue
        when = FIRST_DAY + timedelta(days=9 * n, hours=n % 3)
        Article(
            title=title,
            category=categories[n % len(categories)],
            summary=f"Ngày {when:%d/%m/%Y}, {place} tổ chức hoạt động “{title}”.",
            body=demo_body(title, place),
            author=f"Ban Tuyên giáo {site.name.removeprefix('Đảng ủy ').removeprefix('Tỉnh ủy ')}",
            lead_image=demo_image(site.pk * 10 + n),
            lead_image_alt=f"Quang cảnh hoạt động tại {place}",
            lead_image_caption=f"Quang cảnh hoạt động tại {place} (ảnh minh họa)",
            status=Article.Status.PUBLISHED,
            published_at=when,
            is_featured=n == 0,
        ).save()
    if not Page.objects.filter(language="vi", path="").exists():  # the root: /gioi-thieu/
        Page.objects.create(
            title="Giới thiệu",
            slug="gioi-thieu",
            summary=f"Giới thiệu về {site.name}.",
            body=f"<p><em>Nội dung mẫu để minh họa:</em> trang giới thiệu của {site.name}.</p>",
            status=Page.Status.PUBLISHED,
            published_at=FIRST_DAY,
        )
    load_navigation()
