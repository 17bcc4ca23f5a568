"""The page modules (nv4_vi_page, nv4_vi_about, nv4_vi_siteterms: every module that runs NukeViet's
"page"): introduction pages under the Vietnamese root, each with its old alias, so that
/about/<alias>.html and the like lead to it (nukeviet/oldlinks.py)."""

from django.utils import timezone

from core.text import slugify_vi
from pages.models import RESERVED_SLUGS, Page, child_path

from .bodies import clean_body, rewrite_addresses
from .media import EXTERNAL, IMAGE_EXTENSIONS
from .news import plain
from .records import KEPT, NEW, UNCHANGED, Records, batch, content_digest, decide, row
from .report import Item
from .source import fingerprint, moment, text

KIND = "pages.page"
FIELDS = ("title", "summary", "body", "order", "status", "published_at", "legacy_alias", "photo", "photo_alt")
COUNTERS = {"hitstotal", "hits"}  # readers' visits: no change of content


class PagesImporter:
    def __init__(self, source, uploads, report, *, module: str = "page", title: str = "", relinker=None):
        self.source, self.uploads, self.report, self.module = source, uploads, report, module
        self.title = title or module  # the module's name in the old addresses
        self.relinker = relinker
        self.records = Records()
        if relinker:
            relinker.register(KIND, Page, FIELDS)

    def present(self) -> bool:
        return self.source.has_table(self.source.table(self.module))

    def item(self, r: dict) -> Item:
        alias = text(r.get("alias")).strip()
        return Item(KIND, f"{self.module}:{r['id']}", f"/{self.title}/{alias}.html" if alias else f"/{self.title}/")

    def run(self) -> None:
        rows = self.source.all(self.source.table(self.module), "weight, id")
        records = Records.load(KIND, [f"{self.module}:{r['id']}" for r in rows])
        with batch(self.records, self.uploads):
            root = self._root()
            for r in rows:
                item = self.item(r)
                with row(self.report, item):
                    self._page(r, item, records.get(item.key), root)

    def _root(self) -> Page:
        root = Page.objects.filter(language=Page.Language.VI, parent=None).order_by("pk").first()
        if root is None:
            root = Page(title="Giới thiệu", status=Page.Status.PUBLISHED, published_at=timezone.now())
            root.save()
            self.report.note("Chưa có trang gốc “Giới thiệu”: đã tạo để chứa các trang nhập từ cổng cũ.")
        return root

    def _page(self, r: dict, item: Item, record, root: Page) -> None:
        digest = fingerprint({k: v for k, v in r.items() if k not in COUNTERS})
        page = Page.objects.filter(pk=record.object_id).first() if record else None
        alias = text(r["alias"]).strip()
        self.report.row_missing = []
        page = page or Page.objects.filter(legacy_alias=alias, language=Page.Language.VI).first()
        decision = decide(record, digest, page, FIELDS, self.uploads, self.report, item)
        if decision in (UNCHANGED, KEPT):
            return
        outcome = "imported" if decision == NEW else "updated"
        page = page or Page(parent=root)
        page.title = plain(r["title"])[:200]
        page.summary = plain(r.get("description"))
        body = clean_body(text(r.get("bodytext")))
        if self.relinker:
            self.relinker.deferred = []
        page.body = rewrite_addresses(body, lambda tag, old: self._address(tag, old, item))
        page.order = max(0, min(int(r.get("weight") or 0), 32767))
        # NukeViet's page module shows a page whose status is 1; 0 is "hidden" (Đình chỉ).
        page.status = Page.Status.PUBLISHED if int(r.get("status") or 0) == 1 else Page.Status.UNPUBLISHED
        page.published_at = moment(r.get("add_time")) or page.published_at or timezone.now()
        page.legacy_alias = alias
        if not page.pk:
            page.slug = self._free_slug(slugify_vi(alias or page.title, 110) or "trang", page.parent)
        image = text(r.get("image")).strip()
        relative = self.uploads.relative(image, self.module) if image else None
        if relative and relative != EXTERNAL:
            stored = self.uploads.image_name(relative, item)
            if stored and not self.uploads.dry_run and page.photo.name != stored:
                page.photo = stored
            page.photo_alt = plain(r.get("imagealt"))[:255] or page.title[:255]
        page.save()
        if self.relinker and self.relinker.deferred:
            self.relinker.wait(KIND, page.pk, item)
        self.report.count(KIND, outcome)
        self.records.stage(KIND, item.key, page.pk, digest, self.report.row_missing, content_digest(page, FIELDS))

    def _free_slug(self, base: str, parent: Page) -> str:
        reserved = RESERVED_SLUGS[parent.language] if not parent.path else {}
        slug, n = base, 2
        while (
            slug in reserved
            or Page.objects.filter(language=parent.language, path=child_path(parent.path, slug)).exists()
        ):
            slug, n = f"{base}-{n}", n + 1
        return slug

    def _address(self, tag: str, old: str, item: Item):
        relative = self.uploads.relative(old)
        if relative is None:
            return self.relinker.new_address(old) if (self.relinker and tag == "a") else None
        if relative == EXTERNAL or "." + relative.rsplit(".", 1)[-1].lower() not in IMAGE_EXTENSIONS:
            return None
        return self.uploads.image_url(relative, item) or ("" if tag == "img" else None)
