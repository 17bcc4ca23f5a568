"""The banners module (nv4_banners_rows, shared by every language): the wide image banners
become the portal's header banners, each with its window (publ_time to exp_time)."""

from articles.models import SiteBanner

from .news import plain
from .records import Records, batch, row, unchanged
from .source import fingerprint, moment, text

KIND = "banners.banner"
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
                with row(self.report, KIND, r["id"]):
                    self._banner(r, plans.get(r["pid"]), records.get(str(r["id"])))

    def _banner(self, r: dict, plan, record) -> None:
        name = text(r.get("file_name")).strip()
        if text(r.get("file_ext")).lower().lstrip(".") not in IMAGE_TYPES and not name.lower().endswith(
            tuple(IMAGE_TYPES)
        ):
            self.report.skip(KIND, r["id"], "không phải banner ảnh (HTML hoặc Flash)")
            return
        if plan and int(plan.get("width") or 0) < 2 * int(plan.get("height") or 0):
            # A column's advertisement, not a strip across the page: the portal has no place for it.
            self.report.skip(
                KIND, r["id"], f"thuộc khối quảng cáo “{plain(plan['title'])}”, không phải banner đầu trang"
            )
            return
        digest = fingerprint(r)
        banner = SiteBanner.objects.filter(pk=record.object_id).first() if record else None
        where = f"banner {r['id']}"
        self.report.row_missing = []
        if banner and unchanged(record, digest, self.uploads, self.report, where):
            self.report.count(KIND, "unchanged")
            return
        relative = self.uploads.relative(name, "banners")
        stored = self.uploads.image_name(relative, where) if relative and relative != "external" else None
        if stored is None and banner is None:
            self.report.skip(KIND, r["id"], "không có tệp ảnh")
            return
        outcome = "updated" if banner else "imported"
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
        self.records.stage(KIND, r["id"], banner.pk, digest, self.report.row_missing)
