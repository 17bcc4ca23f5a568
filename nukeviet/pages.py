"""The page and about modules (nv4_vi_page, nv4_vi_about): introduction pages under the
Vietnamese root, each with its old alias, so /page/<alias>.html and /about/<alias>.html redirect."""

from django.utils import timezone

from core.text import slugify_vi
from pages.models import RESERVED_SLUGS, Page, child_path

from .bodies import clean_body, rewrite_addresses
from .media import EXTERNAL, IMAGE_EXTENSIONS
from .news import plain
from .records import Records, batch, row, unchanged
from .source import fingerprint, moment, text

KIND = "pages.page"


class PagesImporter:
    def __init__(self, source, uploads, report, *, module: str = "page"):
        self.source, self.uploads, self.report, self.module = source, uploads, report, module
        self.records = Records()

    def present(self) -> bool:
        return self.source.has_table(self.source.table(self.module))

    def run(self) -> None:
        rows = self.source.all(self.source.table(self.module), "weight, id")
        records = Records.load(KIND, [f"{self.module}:{r['id']}" for r in rows])
        with batch(self.records, self.uploads):
            root = self._root()
            for r in rows:
                key = f"{self.module}:{r['id']}"
                with row(self.report, KIND, key):
                    self._page(r, key, records.get(key), root)

    def _root(self) -> Page:
        root = Page.objects.filter(language=Page.Language.VI, parent=None).order_by("pk").first()
        if root is None:
            root = Page(title="Giới thiệu", status=Page.Status.PUBLISHED, published_at=timezone.now())
            root.save()
            self.report.note("Chưa có trang gốc “Giới thiệu”: đã tạo để chứa các trang nhập từ cổng cũ.")
        return root

    def _page(self, r: dict, key: str, record, root: Page) -> None:
        digest = fingerprint(r)
        page = Page.objects.filter(pk=record.object_id).first() if record else None
        alias = text(r["alias"]).strip()
        where = f"trang {alias}"
        self.report.row_missing = []
        if page and unchanged(record, digest, self.uploads, self.report, where):
            self.report.count(KIND, "unchanged")
            return
        page = page or Page.objects.filter(legacy_alias=alias, language=Page.Language.VI).first()
        outcome = "updated" if page else "imported"
        page = page or Page(parent=root)
        page.title = plain(r["title"])[:200]
        page.summary = plain(r.get("description"))
        body = clean_body(text(r.get("bodytext")))
        page.body = rewrite_addresses(body, lambda tag, old: self._address(tag, old, where))
        page.order = max(0, min(int(r.get("weight") or 0), 32767))
        page.status = Page.Status.PUBLISHED if int(r.get("status") or 0) == 1 else Page.Status.DRAFT
        page.published_at = moment(r.get("add_time")) or page.published_at or timezone.now()
        page.legacy_alias = alias
        if not page.pk:
            page.slug = self._free_slug(slugify_vi(alias or page.title, 110) or "trang", page.parent)
        image = text(r.get("image")).strip()
        relative = self.uploads.relative(image, self.module) if image else None
        if relative and relative != EXTERNAL:
            stored = self.uploads.image_name(relative, where)
            if stored and not self.uploads.dry_run and page.photo.name != stored:
                page.photo = stored
            page.photo_alt = plain(r.get("imagealt"))[:255] or page.title[:255]
        page.save()
        self.report.count(KIND, outcome)
        self.records.stage(KIND, key, page.pk, digest, self.report.row_missing)

    def _free_slug(self, base: str, parent: Page) -> str:
        reserved = RESERVED_SLUGS[parent.language] if not parent.path else {}
        slug, n = base, 2
        while (
            slug in reserved
            or Page.objects.filter(language=parent.language, path=child_path(parent.path, slug)).exists()
        ):
            slug, n = f"{base}-{n}", n + 1
        return slug

    def _address(self, tag: str, old: str, where: str):
        relative = self.uploads.relative(old)
        if relative is None:
            return self.uploads.local_link(old)
        if relative == EXTERNAL or "." + relative.rsplit(".", 1)[-1].lower() not in IMAGE_EXTENSIONS:
            return None
        return self.uploads.image_url(relative, where) or ("" if tag == "img" else None)
