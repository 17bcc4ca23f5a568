"""The news module: categories, topics, tags, then articles a batch at a time.

Old table (nv4_vi_news_...)          -> portal
_cat (tree, alias, weight, inhome)     Category (parent, legacy_alias, order, show_on_home)
_topics, _tags/_tags_id                Topic, Tag (slug from the old alias: /news/tag/<alias> redirects)
_rows + _detail (or _bodyhtml_N)       Article (legacy_id = id), its lead photo and body photos
_rows.listcatid (less catid)           extra_categories
_rows.inhome                           show_on_home
_block                                 is_featured
total_rating / click_rating            the old totals (legacy_rating_*), votes add on top
"""

import html
import math
import time
from collections import defaultdict

from django.utils import timezone

from articles.models import Article, Category, Tag, Topic, reserved_slugs
from core.text import html_to_text, nfc, slugify_vi
from ratings.services import legacy_totals_set

from .attachments import attach_body_files
from .bodies import clean_body, rewrite_addresses
from .media import EXTERNAL, IMAGE_EXTENSIONS
from .records import Records, batch, row, unchanged
from .source import fingerprint, moment, text

# Columns that change while nobody edits (views, comments): left out of a row's fingerprint.
VOLATILE = {"hitstotal", "hitscm", "hitslm"}
Status = Article.Status


def plain(value) -> str:
    """An old text column (stored HTML-escaped by NukeViet) as text: tags dropped, entities decoded once."""
    return nfc(html_to_text(text(value)))


def free_category_slug(base: str, pk=None) -> str:
    base = base or "chuyen-muc"
    taken = reserved_slugs()
    slug, n = base, 2
    while slug in taken or Category.objects.exclude(pk=pk).filter(slug=slug).exists():
        slug, n = f"{base[:110]}-{n}", n + 1
    return slug


def article_state(row: dict, now) -> tuple[str, object, object, str]:
    """(status, published_at, expires_at, note) of an old row. NukeViet's statuses: 0 waiting
    for review, 1 published, 2 scheduled, 3 expired (archived), 4 saved draft, 5 declined,
    6 sent to the editor."""
    published = moment(row.get("publtime")) or moment(row.get("addtime")) or now
    expires = moment(row.get("exptime"))
    note = ""
    if expires and expires <= published:
        expires, note = None, "thời điểm hết hạn trước thời điểm đăng, bỏ hết hạn"
    old = int(row.get("status") or 0)
    if old in (1, 2):
        status = Status.PUBLISHED
    elif old == 3:
        status = Status.PUBLISHED if expires else Status.UNPUBLISHED
    elif old in (0, 6):
        status = Status.PENDING
    else:
        status = Status.DRAFT
    return status, published, expires, note


class NewsImporter:
    def __init__(self, source, uploads, report, *, module: str = "news", batch_size: int = 500):
        self.source, self.uploads, self.report = source, uploads, report
        self.module, self.batch_size = module, batch_size
        self.records = Records()
        self.now = timezone.now()

    def t(self, name: str) -> str:
        return self.source.table(self.module, name)

    def present(self) -> bool:
        return self.source.has_table(self.t("rows")) and self.source.has_table(self.t("cat"))

    def run(self) -> None:
        self.categories = self.import_categories()
        self.topics = self.import_simple("topics", "topicid", "news.topic", self._topic)
        self.tags = self.import_simple("tags", "tid", "news.tag", self._tag)
        sources = self.t("sources")
        self.sources = {r["sourceid"]: r for r in self.source.all(sources)} if (
            self.source.has_table(sources)
        ) else {}  # fmt: skip
        self.import_articles()

    # --- categories, topics, tags -------------------------------------------------

    def import_categories(self) -> dict[int, int]:
        rows = self.source.all(self.t("cat"), "parentid, weight, catid")
        records = Records.load("news.category", [r["catid"] for r in rows])
        mapping: dict[int, int] = {}
        pending = list(rows)
        with batch(self.records, self.uploads):
            while pending:  # parents before children, whatever order the ids are in
                ready = [r for r in pending if not r["parentid"] or r["parentid"] in mapping]
                if not ready:
                    for r in pending:
                        self.report.skip("news.category", r["catid"], f"chuyên mục cha {r['parentid']} không có")
                    break
                for r in ready:
                    pending.remove(r)
                    with row(self.report, "news.category", r["catid"]):
                        mapping[r["catid"]] = self._category(r, records.get(str(r["catid"])), mapping)
        return mapping

    def _category(self, r: dict, record, mapping) -> int:
        alias = text(r["alias"]).strip()
        digest = fingerprint(r)
        category = Category.objects.filter(pk=record.object_id).first() if record else None
        if category and record.fingerprint == digest:
            self.report.count("news.category", "unchanged")
            return category.pk
        category = category or Category.objects.filter(legacy_alias=alias).first()
        if category is None:  # one made by hand before the import, under the same address
            category = Category.objects.filter(slug=slugify_vi(alias, 120), legacy_alias="").first()
        outcome = "updated" if category else "imported"
        category = category or Category()
        category.name = plain(r["title"])[:120]
        category.description = plain(r.get("descriptionhtml") or r.get("description"))
        category.parent_id = mapping.get(r["parentid"]) if r["parentid"] else None
        category.order = min(int(r.get("weight") or 0), 32767)
        category.legacy_alias = alias
        if "status" in r:
            category.is_active = int(r["status"] or 0) != 0
        if "inhome" in r:  # 0: the home page has no block of it
            category.show_on_home = int(r["inhome"] or 0) != 0
        if not category.pk:
            category.slug = free_category_slug(slugify_vi(alias or category.name, 110))
        category.save()
        self.report.count("news.category", outcome)
        self.records.stage("news.category", r["catid"], category.pk, digest)
        return category.pk

    def import_simple(self, table: str, key: str, kind: str, make) -> dict[int, int]:
        name = self.t(table)
        mapping: dict[int, int] = {}
        if not self.source.has_table(name):
            return mapping
        for rows in self.source.batches(name, key, self.batch_size):
            records = Records.load(kind, [r[key] for r in rows])
            with batch(self.records, self.uploads):
                for r in rows:
                    with row(self.report, kind, r[key]):
                        mapping[r[key]] = make(r, records.get(str(r[key])))
        return mapping

    def _simple(self, model, kind: str, key, r: dict, record, fields: dict, slug: str) -> int:
        digest = fingerprint(r)
        obj = model.objects.filter(pk=record.object_id).first() if record else None
        if obj and record.fingerprint == digest:
            self.report.count(kind, "unchanged")
            return obj.pk
        obj = obj or model.objects.filter(slug=slug).first()
        self.report.count(kind, "updated" if obj else "imported")
        obj = obj or model(slug=slug)
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()
        self.records.stage(kind, key, obj.pk, digest)
        return obj.pk

    def _topic(self, r: dict, record) -> int:
        fields = {"name": plain(r["title"])[:200], "description": plain(r.get("description"))}
        return self._simple(Topic, "news.topic", r["topicid"], r, record, fields, slugify_vi(text(r["alias"]), 200))

    def _tag(self, r: dict, record) -> int:
        alias = text(r["alias"]).strip()
        name = plain(r.get("keywords")) or alias.replace("-", " ")
        return self._simple(Tag, "news.tag", r["tid"], r, record, {"name": name[:100]}, slugify_vi(alias, 120))

    # --- articles -------------------------------------------------------------------

    def import_articles(self) -> None:
        rows_table = self.t("rows")
        total = self.source.count(rows_table)
        started, done = time.monotonic(), 0
        for rows in self.source.batches(rows_table, "id", self.batch_size):
            ids = [r["id"] for r in rows]
            related = self._related(ids)
            records = Records.load("news.article", ids)
            existing = {a.legacy_id: a for a in Article.objects.filter(legacy_id__in=ids)}
            with batch(self.records, self.uploads):
                for r in rows:
                    with row(self.report, "news.article", r["id"]):
                        self._article(r, related, records.get(str(r["id"])), existing.get(r["id"]))
            done += len(rows)
            if done < total:
                self.report.progress("Bài viết", done, total, started)
        self.report.progress("Bài viết", done, total, started, force=True)

    def _related(self, ids: list[int]) -> dict:
        """Bodies, tags and featured blocks of one batch: one query each."""
        details: dict[int, dict] = {}
        if self.source.has_table(self.t("detail")):
            details = {d["id"]: d for d in self.source.rows_in(self.t("detail"), "id", ids)}
        else:  # NukeViet before 4.3: bodies spread over _bodyhtml_1, _bodyhtml_2 ... 2,000 ids each
            by_table = defaultdict(list)
            for i in ids:
                by_table[self.t(f"bodyhtml_{math.ceil(i / 2000)}")].append(i)
            for table, some in by_table.items():
                if self.source.has_table(table):
                    details.update({d["id"]: d for d in self.source.rows_in(table, "id", some)})
        tags = defaultdict(list)
        if self.source.has_table(self.t("tags_id")):
            for link in self.source.rows_in(self.t("tags_id"), "id", ids):
                tags[link["id"]].append(link["tid"])
        featured = set()
        if self.source.has_table(self.t("block")):
            featured = {b["id"] for b in self.source.rows_in(self.t("block"), "id", ids)}
        return {"details": details, "tags": tags, "featured": featured}

    def _article(self, r: dict, related: dict, record, article) -> None:
        legacy_id = r["id"]
        detail = related["details"].get(legacy_id, {})
        tag_ids = sorted(self.tags[t] for t in related["tags"].get(legacy_id, []) if t in self.tags)
        featured = legacy_id in related["featured"]
        source = self.sources.get(r.get("sourceid"))
        kept = {k: v for k, v in r.items() if k not in VOLATILE}
        digest = fingerprint(kept, detail, tag_ids, featured, source)
        where = f"bài {legacy_id}"
        self.report.row_missing = []
        views = int(r.get("hitstotal") or 0)
        if article and unchanged(record, digest, self.uploads, self.report, where):
            if views > article.legacy_views:  # readers kept reading the old site: counted, nothing else
                Article.objects.filter(pk=article.pk).update(legacy_views=views)
            self.report.count("news.article", "unchanged")
            return
        category_id = self.categories.get(r["catid"])
        if category_id is None:
            self.report.skip("news.article", legacy_id, f"chuyên mục {r['catid']} không có hoặc không nhập được")
            return
        title = plain(r["title"])[:255]
        if not title:
            self.report.skip("news.article", legacy_id, "không có tiêu đề")
            return
        outcome = "updated" if article else "imported"
        article = article or Article(legacy_id=legacy_id)
        status, published, expires, note = article_state(r, self.now)
        if note:
            self.report.note(f"Bài {legacy_id}: {note}")
        article.title = title
        article.category_id = category_id
        article.summary = plain(r.get("hometext"))
        article.author = plain(r.get("author"))[:255]
        article.status, article.published_at, article.expires_at = status, published, expires
        article.allow_rating = bool(int(r.get("allowed_rating") or 0))
        article.is_featured = featured
        article.show_on_home = int(r.get("inhome", 1) or 0) != 0  # 0: "not on the home page"
        article.topic_id = self.topics.get(r.get("topicid"))
        if not article.pk:
            article.slug = slugify_vi(text(r.get("alias")) or title, 200)
        article.body = self._body(detail, source, where)
        self._lead_photo(article, r, where)
        article.legacy_views = views
        points, votes = self._rating(r)
        if not article.pk:
            article.legacy_rating_sum = article.rating_sum = points
            article.legacy_rating_count = article.rating_count = votes
        article.save()
        if (article.legacy_rating_sum, article.legacy_rating_count) != (points, votes):
            legacy_totals_set(article_id=article.pk, points=points, votes=votes)
        if tag_ids if outcome == "imported" else sorted(article.tags.values_list("pk", flat=True)) != tag_ids:
            article.tags.set(tag_ids)
        self._extra_categories(article, r, outcome)
        self._attachments(article, where)
        self.report.count("news.article", outcome)
        self.records.stage("news.article", legacy_id, article.pk, digest, self.report.row_missing)

    def _extra_categories(self, article, r: dict, outcome: str) -> None:
        """listcatid ("3,1"): every category the article is in, its main one (catid) among them."""
        wanted = set()
        for old in text(r.get("listcatid")).split(","):
            old = old.strip()
            if not old.isdigit() or int(old) == r["catid"]:
                continue
            if int(old) in self.categories:
                wanted.add(self.categories[int(old)])
            else:
                self.report.note(f"Bài {r['id']}: chuyên mục khác {old} không có hoặc không nhập được, bỏ qua")
        have = set() if outcome == "imported" else set(article.extra_categories.values_list("pk", flat=True))
        if wanted != have:
            article.extra_categories.set(sorted(wanted))

    def _rating(self, r: dict) -> tuple[int, int]:
        points, votes = int(r.get("total_rating") or 0), int(r.get("click_rating") or 0)
        if not 0 <= votes <= points <= 5 * votes:
            self.report.note(f"Bài {r['id']}: điểm đánh giá {points}/{votes} lượt không hợp lệ, không mang sang")
            return 0, 0
        return points, votes

    def _body(self, detail: dict, source, where: str) -> str:
        body = clean_body(text(detail.get("bodyhtml") or detail.get("bodytext")))
        source_text = plain(source["title"]) if source else plain(detail.get("sourcetext"))
        link = text(source.get("link")) if source else ""
        if source_text:
            credit = (
                f'<a href="{html.escape(link)}">{html.escape(source_text)}</a>' if link else html.escape(source_text)
            )
            body += f"<p><em>Nguồn: {credit}</em></p>"
        return rewrite_addresses(body, lambda tag, old: self._new_address(tag, old, where))

    def _new_address(self, tag: str, old: str, where: str) -> str | None:
        relative = self.uploads.relative(old)
        if relative is None:
            return self.uploads.local_link(old)
        if relative == EXTERNAL:
            return None
        if "." + relative.rsplit(".", 1)[-1].lower() in IMAGE_EXTENSIONS:
            return self.uploads.image_url(relative, where) or ("" if tag == "img" else None)
        return None  # files: made attachments after the article is saved (_attachments)

    def _lead_photo(self, article, r: dict, where: str) -> None:
        address = text(r.get("homeimgfile")).strip()
        alt = plain(r.get("homeimgalt"))[:255]
        if not address:
            article.lead_image = ""
            return
        relative = self.uploads.relative(address, self.module)
        if relative in (None, EXTERNAL):
            self.report.note(f"Ảnh đại diện của {where} ở trang khác ({address}), không mang sang")
            return
        stored = self.uploads.image_name(relative, f"ảnh đại diện {where}")
        if stored and not self.uploads.dry_run and article.lead_image.name != stored:
            article.lead_image = stored  # ImageField reads its width and height from the stored file
        article.lead_image_alt = alt or article.title[:255]
        article.lead_image_caption = alt

    def _attachments(self, article, where: str) -> None:
        body = attach_body_files(article, self.uploads, self.report, where)
        if body != article.body:
            article.body = body
            article.save(update_fields=["body", "search_text", "search_title"])
