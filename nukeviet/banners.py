"""The banners module (nv4_banners_plans, nv4_banners_rows, shared by every language), each banner
taken to the place its plan had on the old pages.

A plan is shown where the theme's blocks put it: a row of nv4_<lang>_blocks_groups with the
file global.banners.php, a position ("[HEADER]", "[LEFT]" ...) and the plan's id in its
serialised config ('a:1:{s:12:"idplanbanner";i:1;}'). So:

    a plan in a header position        -> the header banner (SiteBanner), if the image is a strip
    a plan in a side column            -> "Liên kết website" (WebLink) when it links somewhere
    anything else                      -> reported (the portal has no such place)

Where the old site has no blocks table, a plan at least twice as wide as high is taken for the
header's. An image that is not a strip (an advertisement's 300x250) never becomes the header.
"""

import re

from PIL import Image

from articles.models import SiteBanner
from navigation.models import WebLink

from .news import placed_blocks, plain
from .records import KEPT, NEW, UNCHANGED, Records, batch, content_digest, decide, row
from .report import Item
from .source import fingerprint, moment, text

KIND = "banners.banner"
LINK_KIND = "banners.link"
FIELDS = ("image", "alt", "link", "shown_from", "shown_until", "order", "is_active")
LINK_FIELDS = ("name", "url", "logo", "order", "is_active")
COUNTERS = {"hits_total", "click"}
IMAGE_TYPES = {"jpg", "jpeg", "png", "gif", "webp"}
HEADER_POSITIONS = {"[HEADER]", "[LOGO]", "[HEADER_TOP]", "[TOP_HEADER]", "[BANNER]"}
SIDE_POSITIONS = {"[LEFT]", "[RIGHT]", "[SIDEBAR]", "[COLUMN_LEFT]", "[COLUMN_RIGHT]"}
HEADER, SIDE = "header", "side"
# A header strip: at least this wide, and this many times wider than high.
STRIP_MIN_WIDTH, STRIP_RATIO = 728, 3
_PLAN_ID = re.compile(r'idplanbanner";(?:i:(\d+)|s:\d+:"(\d+)")')


def plan_places(source) -> dict[int, set[str]]:
    """{plan id: its positions} as the theme's banner blocks show them (active ones only)."""
    places: dict[int, set[str]] = {}
    for block in placed_blocks(source):
        if text(block.get("file_name")) != "global.banners.php":
            continue
        found = _PLAN_ID.search(text(block.get("config")))
        if found:
            places.setdefault(int(found.group(1) or found.group(2)), set()).add(text(block.get("position")).upper())
    return places


class BannersImporter:
    def __init__(self, source, uploads, report):
        self.source, self.uploads, self.report = source, uploads, report
        self.records = Records()

    def present(self) -> bool:
        return self.source.has_table(self.source.table("banners", "rows", lang=False))

    def run(self) -> None:
        plans_table = self.source.table("banners", "plans", lang=False)
        plans = {p["id"]: p for p in self.source.all(plans_table)} if (
            self.source.has_table(plans_table)
        ) else {}  # fmt: skip
        self.places = plan_places(self.source)
        rows = self.source.all(self.source.table("banners", "rows", lang=False), "id")
        records = {**Records.load(KIND, [r["id"] for r in rows]), **{
            f"link:{k}": v for k, v in Records.load(LINK_KIND, [r["id"] for r in rows]).items()
        }}  # fmt: skip
        with batch(self.records, self.uploads):
            for r in rows:
                item = Item(KIND, str(r["id"]))
                with row(self.report, item):
                    self._banner(r, item, plans.get(r["pid"]), records)

    def place(self, plan) -> tuple[str | None, str]:
        """(HEADER, SIDE or None, what to say when None) of a plan."""
        if plan is None:
            return None, "không thuộc khối quảng cáo nào"
        title = plain(plan.get("title"))
        if self.places:
            positions = self.places.get(plan["id"], set())
            if positions & HEADER_POSITIONS:
                return HEADER, ""
            if positions & SIDE_POSITIONS:
                return SIDE, ""
            where = ", ".join(sorted(positions)) or "không ở vị trí nào"
            return None, f"khối quảng cáo “{title}” hiện ở {where} trên cổng cũ: cổng mới không có chỗ đó"
        if int(plan.get("width") or 0) >= 2 * int(plan.get("height") or 0):
            return HEADER, ""
        return SIDE, ""

    def _banner(self, r: dict, item: Item, plan, records: dict) -> None:
        name = text(r.get("file_name")).strip()
        if text(r.get("file_ext")).lower().lstrip(".") not in IMAGE_TYPES and not name.lower().endswith(
            tuple(IMAGE_TYPES)
        ):
            self.report.skip(item, "không phải banner ảnh (HTML hoặc Flash)")
            return
        place, why = self.place(plan)
        if place is None:
            self.report.skip(item, why)
            return
        if place == SIDE:
            self._link(r, Item(LINK_KIND, str(r["id"])), records.get(f"link:{r['id']}"))
            return
        digest = fingerprint({k: v for k, v in r.items() if k not in COUNTERS})
        record = records.get(str(r["id"]))
        banner = SiteBanner.objects.filter(pk=record.object_id).first() if record else None
        self.report.row_missing = []
        decision = decide(record, digest, banner, FIELDS, self.uploads, self.report, item)
        if decision in (UNCHANGED, KEPT):
            return
        stored = self._image(name, item)
        if stored and not self._is_strip(name):
            self.report.skip(
                item, "ảnh có cỡ của một quảng cáo, không phải dải banner đầu trang: không dùng làm đầu trang"
            )
            return
        if stored is None and banner is None:
            self.report.skip(item, "không có tệp ảnh")
            return
        outcome = "imported" if decision == NEW else "updated"
        banner = banner or SiteBanner()
        if stored and not self.uploads.dry_run and banner.image.name != stored:
            banner.image = stored
        banner.alt = (plain(r.get("file_alt")) or plain(r.get("title")))[:255]
        link = text(r.get("click_url")).strip()
        banner.link = link if link.startswith(("http://", "https://")) else ""
        banner.shown_from = moment(r.get("publ_time")) or moment(r.get("add_time")) or banner.shown_from
        until = moment(r.get("exp_time"))
        banner.shown_until = until if until and until > banner.shown_from else None
        banner.order = max(0, min(int(r.get("weight") or 0), 32767))
        banner.is_active = int(r.get("act") or 0) == 1
        self.report.count(KIND, outcome)
        if self.uploads.dry_run and not banner.image:
            return
        banner.save()
        self.records.stage(KIND, r["id"], banner.pk, digest, self.report.row_missing, content_digest(banner, FIELDS))

    def _image(self, name: str, item: Item) -> str | None:
        relative = self.uploads.relative(name, "banners")
        return self.uploads.image_name(relative, item) if relative and relative != "external" else None

    def _is_strip(self, name: str) -> bool:
        """Whether the old image (already checked by the photo pipeline) is a strip across the page."""
        path = self.uploads.file(self.uploads.relative(name, "banners"))
        with Image.open(path) as image:
            width, height = image.size
        return width >= STRIP_MIN_WIDTH and width >= STRIP_RATIO * height

    def _link(self, r: dict, item: Item, record) -> None:
        """A side column's banner: a "Liên kết website" with the banner as its logo, when it links somewhere."""
        url = text(r.get("click_url")).strip()
        title = (plain(r.get("title")) or plain(r.get("file_alt")))[:120]
        if not url.startswith(("http://", "https://")):
            self.report.skip(
                Item(KIND, item.key), "quảng cáo ở cột bên không dẫn tới đâu: cổng mới không có chỗ cho nó"
            )
            return
        digest = fingerprint({k: v for k, v in r.items() if k not in COUNTERS})
        link = WebLink.objects.filter(pk=record.object_id).first() if record else None
        link = link or WebLink.objects.filter(url=url).first()
        self.report.row_missing = []
        decision = decide(record, digest, link, LINK_FIELDS, self.uploads, self.report, item)
        if decision in (UNCHANGED, KEPT):
            return
        stored = self._image(text(r.get("file_name")).strip(), item)
        self.report.count(LINK_KIND, "imported" if decision == NEW else "updated")
        link = link or WebLink()
        link.name, link.url = title or url, url
        if stored and not self.uploads.dry_run and link.logo.name != stored:
            link.logo = stored
        link.order = max(0, min(int(r.get("weight") or 0), 32767))
        link.is_active = int(r.get("act") or 0) == 1
        if self.uploads.dry_run:
            return
        link.save()
        self.records.stage(LINK_KIND, r["id"], link.pk, digest, self.report.row_missing,
                           content_digest(link, LINK_FIELDS))  # fmt: skip
