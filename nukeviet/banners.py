"""The banners module (nv4_banners_rows, shared by every language): the wide image banners
become the portal's header banners, each with its window (publ_time to exp_time)."""

from articles.models import SiteBanner

from .news import plain
from .records import KEPT, NEW, UNCHANGED, Records, batch, content_digest, decide, row
from .report import Item
from .source import fingerprint, moment, text

KIND = "banners.banner"
FIELDS = ("image", "alt", "link", "shown_from", "shown_until", "order", "is_active")
COUNTERS = {"hits_total", "click"}
IMAGE_TYPES = {"jpg", "jpeg", "png", "gif", "webp"}


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
        rows = self.source.all(self.source.table("banners", "rows", lang=False), "id")
        records = Records.load(KIND, [r["id"] for r in rows])
        with batch(self.records, self.uploads):
            for r in rows:
                item = Item(KIND, str(r["id"]))
                with row(self.report, item):
                    self._banner(r, item, plans.get(r["pid"]), records.get(item.key))

    def _banner(self, r: dict, item: Item, plan, record) -> None:
        name = text(r.get("file_name")).strip()
        if text(r.get("file_ext")).lower().lstrip(".") not in IMAGE_TYPES and not name.lower().endswith(
            tuple(IMAGE_TYPES)
        ):
            self.report.skip(item, "không phải banner ảnh (HTML hoặc Flash)")
            return
        if plan and int(plan.get("width") or 0) < 2 * int(plan.get("height") or 0):
            # A column's advertisement, not a strip across the page: the portal has no place for it.
            self.report.skip(item, f"thuộc khối quảng cáo “{plain(plan['title'])}”, không phải banner đầu trang")
            return
        digest = fingerprint({k: v for k, v in r.items() if k not in COUNTERS})
        banner = SiteBanner.objects.filter(pk=record.object_id).first() if record else None
        self.report.row_missing = []
        decision = decide(record, digest, banner, FIELDS, self.uploads, self.report, item)
        if decision in (UNCHANGED, KEPT):
            return
        relative = self.uploads.relative(name, "banners")
        stored = self.uploads.image_name(relative, item) if relative and relative != "external" else None
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
        if self.uploads.dry_run and not banner.image:
            self.report.count(KIND, outcome)
            return
        banner.save()
        self.report.count(KIND, outcome)
        self.records.stage(KIND, r["id"], banner.pk, digest, self.report.row_missing, content_digest(banner, FIELDS))
