"""The news module: categories, topics, tags, then articles a batch at a time.

Old table (nv4_vi_news_...)          -> portal
_cat (tree, alias, weight, inhome)     Category (parent, legacy_alias, order, show_on_home)
_topics, _tags/_tags_id                Topic, Tag (slug from the old alias: /news/tag/<alias> redirects)
_rows + _detail (or _bodyhtml_N)       Article (legacy_id = id), its lead photo and body photos
_rows.status, publtime, exptime        status, published_at, expires_at (article_state())
_rows.listcatid (less catid)           extra_categories
_rows.inhome                           show_on_home
_block of the home page's block        is_featured (featured_block(); other blocks are reported)
_detail.files                          attachments
_detail.sourcetext / _sources          "Nguồn:" with the source article's own link
total_rating / click_rating            the old totals (legacy_rating_*), votes add on top
hitstotal                              legacy_views (a counter: never a change of content)
"""

import math
import re
import time
from collections import defaultdict

from django.core.files.storage import default_storage
from django.utils import timezone

from articles.models import Article, Category, Tag, Topic, article_url, reserved_slugs
from core.text import html_to_text, nfc, slugify_vi
from ratings.services import legacy_totals_set

from .attachments import attach_body_files, attach_files
from .bodies import AsLink, clean_body, dropped_addresses, repaired, rewrite_addresses, source_credit
from .media import EXTERNAL, IMAGE_EXTENSIONS
from .records import KEPT, NEW, UNCHANGED, Records, batch, content_digest, decide, row
from .report import Item
from .source import fingerprint, moment, text

# Counters: they change while nobody edits (views, comments, the old site's votes), so they are
# left out of a row's fingerprint and brought across on every run as counts alone.
COUNTERS = {"hitstotal", "hitscm", "hitslm", "total_rating", "click_rating"}
# What the import writes into an article: when an editor changed one of them here, a later run keeps it.
FIELDS = ("title", "slug", "category", "summary", "body", "author", "status", "published_at", "expires_at",
          "lead_image", "lead_image_alt", "lead_image_caption", "is_featured", "show_on_home", "topic",
          "allow_rating")  # fmt: skip
KIND = "news.article"
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


# NukeViet's statuses of a news row and what the portal makes of each. Its front end shows a row
# only while status = 1 (a detail page also while publtime has come and exptime has not); its
# status check (nv_set_status_module, run on visits) turns 2 into 1 once publtime has come and, at
# exptime, deletes the row (archive = 0) or makes it 3 (archive 1 or 2: "lưu trữ").
# 4.5 (modules/news/language/admin_vi.php, status_0 .. status_10, and "status_lockbycat"):
STATUSES_45 = {
    0: ("Ngưng hiệu lực", Status.UNPUBLISHED),  # taken down
    1: ("Xuất bản", Status.PUBLISHED),
    2: ("Hẹn giờ đăng", Status.PUBLISHED),  # its publtime, here as there: public from then on
    3: ("Hết hạn", Status.PUBLISHED),  # with its past exptime: kept, not public ("Hết hạn" to editors)
    4: ("Lưu nháp", Status.DRAFT),
    5: ("Chuyển duyệt bài", Status.PENDING),
    6: ("Từ chối duyệt bài", Status.DRAFT),  # declined at review: back to its writer
    7: ("Đang duyệt bài", Status.PENDING),
    8: ("Chuyển đăng bài", Status.PENDING),  # reviewed, waiting for whoever publishes
    9: ("Từ chối đăng bài", Status.DRAFT),
    10: ("Đang kiểm tra để đăng", Status.PENDING),
}
# 21..31: "Đang khóa bởi chuyên mục", the row's own status + 21 while a category of it is suspended.
LOCKED_BY_CATEGORY = 21
# Before 4.5 (4.0 .. 4.4: status_0 .. status_6; "Đình chỉ" set 0 as well).
STATUSES_44 = {
    0: ("Chờ duyệt", Status.PENDING),
    1: ("Xuất bản", Status.PUBLISHED),
    2: ("Hẹn giờ đăng", Status.PUBLISHED),
    3: ("Hết hạn", Status.PUBLISHED),
    4: ("Lưu tạm", Status.DRAFT),
    5: ("Từ chối", Status.DRAFT),
    6: ("Chuyển biên tập", Status.PENDING),
}


def is_45(source) -> bool:
    """Whether the old site is NukeViet 4.5 or later: its version setting, else a table 4.5 added."""
    version = source.config("version", module="global", lang="sys") or source.config("version")
    if version:
        parts = [int(p) for p in version.split(".")[:2] if p.isdigit()]
        return parts >= [4, 5]
    return source.has_table(source.table("news", "row_histories")) or source.has_table(source.table("news", "author"))


def article_state(row: dict, now, statuses=STATUSES_45) -> tuple[str, object, object, str]:
    """(status, published_at, expires_at, note) of an old row: public here exactly when it was
    (or, scheduled, would have become) public there."""
    published = moment(row.get("publtime")) or moment(row.get("addtime")) or now
    expires = moment(row.get("exptime"))
    note = ""
    if expires and expires <= published:
        expires, note = None, "thời điểm hết hạn trước thời điểm đăng, bỏ hết hạn"
    old = int(row.get("status") or 0)
    locked = statuses is STATUSES_45 and old >= LOCKED_BY_CATEGORY
    if locked:
        old -= LOCKED_BY_CATEGORY
    label, status = statuses.get(old, (None, Status.DRAFT))
    if label is None:
        note = f"trạng thái {row.get('status')} không có trong NukeViet: để bản nháp"
    if old == 3 and not (expires and expires <= now):
        status = Status.UNPUBLISHED  # expired with no time past to say so: taken down, never public
    if locked and status == Status.PUBLISHED:
        status, note = Status.UNPUBLISHED, "bị khóa vì chuyên mục bị đình chỉ trên cổng cũ: nhập nhưng không công khai"
    return status, published, expires, note


def public_groups(value) -> bool:
    """Whether NukeViet's groups_view lets everyone see it: empty, or 6 ("Tất cả") or 5 (guests) in it."""
    groups = {g.strip() for g in text(value).split(",") if g.strip()}
    return not groups or bool(groups & {"5", "6"})


class NewsImporter:
    def __init__(
        self, source, uploads, report, *, module: str = "news", batch_size: int = 500, title: str = "", relinker=None
    ):
        self.source, self.uploads, self.report = source, uploads, report
        self.module, self.batch_size = module, batch_size
        self.title = title or module  # the module's name in the old addresses
        self.relinker = relinker
        self.records = Records()
        self.now = timezone.now()
        self.aliases: dict[int, str] = {}  # old catid -> its alias, for the old addresses in the report
        self.new_tags: list = []  # the batch's new articles' tag links, inserted together
        if relinker:
            relinker.register(KIND, Article, FIELDS)

    def item(self, r: dict) -> Item:
        alias, cat = text(r.get("alias")).strip(), self.aliases.get(r.get("catid"), "")
        url = f"/{self.title}/{cat}/{alias}-{r['id']}.html" if cat else ""
        return Item(KIND, str(r["id"]), url)

    def t(self, name: str) -> str:
        return self.source.table(self.module, name)

    def present(self) -> bool:
        return self.source.has_table(self.t("rows")) and self.source.has_table(self.t("cat"))

    def run(self) -> None:
        self.statuses = STATUSES_45 if is_45(self.source) else STATUSES_44
        self.categories = self.import_categories()
        self.category_slugs = dict(Category.objects.filter(pk__in=self.categories.values()).values_list("pk", "slug"))
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
        self.aliases = {r["catid"]: text(r["alias"]).strip() for r in rows}
        self.members_only = {r["catid"] for r in rows if not public_groups(r.get("groups_view"))}
        records = Records.load("news.category", [r["catid"] for r in rows])
        mapping: dict[int, int] = {}
        pending = list(rows)
        with batch(self.records, self.uploads):
            while pending:  # parents before children, whatever order the ids are in
                ready = [r for r in pending if not r["parentid"] or r["parentid"] in mapping]
                if not ready:
                    for r in pending:
                        self.report.skip(self._category_item(r), f"chuyên mục cha {r['parentid']} không có")
                    break
                for r in ready:
                    pending.remove(r)
                    with row(self.report, self._category_item(r)):
                        mapping[r["catid"]] = self._category(r, records.get(str(r["catid"])), mapping)
        return mapping

    def _category_item(self, r: dict) -> Item:
        return Item("news.category", str(r["catid"]), f"/{self.title}/{text(r['alias']).strip()}/")

    def _category(self, r: dict, record, mapping) -> int:
        alias = text(r["alias"]).strip()
        digest = fingerprint({k: v for k, v in r.items() if k not in ("numlinks", "numsubcat", "subcatid")})
        category = Category.objects.filter(pk=record.object_id).first() if record else None
        category = category or Category.objects.filter(legacy_alias=alias).first()
        if category is None:  # one made by hand before the import, under the same address
            category = Category.objects.filter(slug=slugify_vi(alias, 120), legacy_alias="").first()
        fields = ("name", "description", "parent", "order", "is_active", "show_on_home")
        decision = decide(record, digest, category, fields, self.uploads, self.report, self._category_item(r))
        if decision in (UNCHANGED, KEPT):
            return category.pk
        outcome = "imported" if decision == NEW else "updated"
        category = category or Category()
        category.name = plain(r["title"])[:120]
        category.description = plain(r.get("descriptionhtml") or r.get("description"))
        category.parent_id = mapping.get(r["parentid"]) if r["parentid"] else None
        category.order = min(int(r.get("weight") or 0), 32767)
        category.legacy_alias = alias
        if "status" in r:  # 4.5: 0 suspended, 1 shown on the home page, 2 not; 11, 12 ... its parent suspended
            category.is_active = int(r["status"] or 0) in (1, 2)
            category.show_on_home = int(r["status"] or 0) == 1
        if "inhome" in r:  # before 4.5; 0: the home page has no block of it
            category.show_on_home = int(r["inhome"] or 0) != 0
        if not category.pk:
            category.slug = free_category_slug(slugify_vi(alias or category.name, 110))
        category.save()
        self.report.count("news.category", outcome)
        self.records.stage("news.category", r["catid"], category.pk, digest, content=content_digest(category, fields))
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
                    item = Item(kind, str(r[key]), f"/{self.title}/{table.rstrip('s')}/{text(r.get('alias')).strip()}")
                    with row(self.report, item):
                        mapping[r[key]] = make(r, records.get(str(r[key])), item)
        return mapping

    def _simple(self, model, item: Item, r: dict, record, fields: dict, slug: str) -> int:
        digest = fingerprint({k: v for k, v in r.items() if k not in ("numnews", "number")})  # counts of articles
        obj = model.objects.filter(pk=record.object_id).first() if record else None
        obj = obj or model.objects.filter(slug=slug).first()
        decision = decide(record, digest, obj, tuple(fields), self.uploads, self.report, item)
        if decision in (UNCHANGED, KEPT):
            return obj.pk
        self.report.count(item.kind, "imported" if decision == NEW else "updated")
        obj = obj or model(slug=slug)
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()
        self.records.stage(item.kind, item.key, obj.pk, digest, content=content_digest(obj, tuple(fields)))
        return obj.pk

    def _topic(self, r: dict, record, item: Item) -> int:
        fields = {"name": plain(r["title"])[:200], "description": plain(r.get("description"))}
        return self._simple(Topic, item, r, record, fields, slugify_vi(text(r["alias"]), 200))

    def _tag(self, r: dict, record, item: Item) -> int:
        alias = text(r["alias"]).strip()
        name = plain(r.get("title")) or plain(r.get("keywords")) or alias.replace("-", " ")  # title: 4.5
        return self._simple(Tag, item, r, record, {"name": name[:100]}, slugify_vi(alias, 120))

    # --- articles -------------------------------------------------------------------

    def import_articles(self) -> None:
        rows_table = self.t("rows")
        total = self.source.count(rows_table)
        started, done = time.monotonic(), 0
        self.featured_bid = featured_block(self.source, self.title, self.t)
        self._report_blocks()
        for rows in self.source.batches(rows_table, "id", self.batch_size):
            ids = [r["id"] for r in rows]
            related = self._related(ids)
            records = Records.load(KIND, ids)
            existing = {a.legacy_id: a for a in Article.objects.filter(legacy_id__in=ids)}
            with batch(self.records, self.uploads):
                self.new_tags = []
                for r in rows:
                    item = self.item(r)
                    with row(self.report, item):
                        self._article(r, item, related, records.get(item.key), existing.get(r["id"]))
                Article.tags.through.objects.bulk_create(self.new_tags)
            done += len(rows)
            if done < total:
                self.report.progress("Bài viết", done, total, started)
        self.report.progress("Bài viết", done, total, started, force=True)

    def _report_blocks(self) -> None:
        """Block groups (_block_cat): the home page's featured one makes its articles featured; the
        others have no counterpart here, and say so (their /groups/<alias>/ pages answer 410)."""
        table = self.t("block_cat")
        if not self.source.has_table(table):
            return
        blocks = self.source.all(table, "weight, bid")
        records = Records.load("news.block", [text(b.get("alias")).strip() or str(b["bid"]) for b in blocks])
        with batch(self.records, self.uploads):
            for block in blocks:
                alias = text(block.get("alias")).strip()
                item = Item("news.block", alias or str(block["bid"]), f"/{self.title}/groups/{alias}/")
                featured = block["bid"] == self.featured_bid
                if not featured:
                    count = self.source.count(self.t("block"), f"bid = {int(block['bid'])}")
                    self.report.doubt(
                        item,
                        f"nhóm tin “{plain(block['title'])}” ({count} bài) không phải nhóm tin nổi bật của trang chủ "
                        "cổng cũ: các bài vẫn được nhập nhưng không thành tin nổi bật",
                    )
                record, digest = records.get(item.key), fingerprint(block, featured)
                if record and record.fingerprint == digest:
                    self.report.count("news.block", "unchanged")
                    continue
                self.report.count("news.block", "updated" if record else "imported")
                self.records.stage("news.block", item.key, int(featured), digest)

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
        if self.featured_bid is not None and self.source.has_table(self.t("block")):
            featured = {
                b["id"] for b in self.source.rows_in(self.t("block"), "id", ids) if b["bid"] == self.featured_bid
            }
        return {"details": details, "tags": tags, "featured": featured}

    def _article(self, r: dict, item: Item, related: dict, record, article) -> None:
        legacy_id = r["id"]
        detail = related["details"].get(legacy_id, {})
        tag_ids = sorted(self.tags[t] for t in related["tags"].get(legacy_id, []) if t in self.tags)
        featured = legacy_id in related["featured"]
        source = self.sources.get(r.get("sourceid"))
        kept = {k: v for k, v in r.items() if k not in COUNTERS}
        digest = fingerprint(kept, detail, tag_ids, featured, source)
        self.report.row_missing = []
        decision = decide(record, digest, article, FIELDS, self.uploads, self.report, item)
        if decision in (UNCHANGED, KEPT):
            self._counters(article, r)
            return
        category_id = self.categories.get(r["catid"])
        if category_id is None:
            self.report.skip(item, f"chuyên mục {r['catid']} không có hoặc không nhập được")
            return
        title = plain(r["title"])[:255]
        if not title:
            self.report.skip(item, "không có tiêu đề")
            return
        outcome = "imported" if decision == NEW else "updated"
        article = article or Article(legacy_id=legacy_id)
        article.title, article.category_id, article.is_featured = title, category_id, featured
        self._fill(article, r, item)
        article.body = self._body(detail, source, item)
        self._lead_photo(article, r, item)
        points, votes = self._rating(r, item)
        if not article.pk:
            article.legacy_rating_sum = article.rating_sum = points
            article.legacy_rating_count = article.rating_count = votes
        article.save()
        self._counters(article, r, points_votes=(points, votes))
        if outcome == "updated" and sorted(article.tags.values_list("pk", flat=True)) != tag_ids:
            article.tags.set(tag_ids)
        self._extra_categories(article, r, outcome, item)
        self._attachments(article, detail, r, item)
        if self.relinker:
            if self.relinker.deferred:
                self.relinker.wait(KIND, article.pk, item)
            url = article_url(self.category_slugs[article.category_id], article.slug, article.pk)  # no query
            self.relinker.imported_article(legacy_id, url)
        if outcome == "imported":
            # A new article's tags go in with the batch's, in one INSERT at its end (a tags.set() a
            # row was a fifth of the import's time); last, so that a row refused on the way has none.
            self.new_tags += [Article.tags.through(article_id=article.pk, tag_id=tag) for tag in tag_ids]
        self.report.count(KIND, outcome)
        self.records.stage(
            KIND, legacy_id, article.pk, digest, self.report.row_missing, content_digest(article, FIELDS)
        )

    def _fill(self, article, r: dict, item: Item) -> None:
        """The row's own columns: lead, author, status and times, switches, topic, slug, views."""
        status, published, expires, note = article_state(r, self.now, self.statuses)
        if note:
            self.report.doubt(item, note)
        if r["catid"] in self.members_only and status == Status.PUBLISHED:
            status = Status.UNPUBLISHED
            self.report.doubt(item, "chuyên mục chỉ cho thành viên xem trên cổng cũ: nhập nhưng không công khai")
        article.status, article.published_at, article.expires_at = status, published, expires
        article.summary = plain(r.get("hometext"))
        article.author = plain(r.get("author"))[:255]
        article.allow_rating = bool(int(r.get("allowed_rating") or 0))
        article.show_on_home = int(r.get("inhome", 1) or 0) != 0  # 0: "not on the home page"
        article.topic_id = self.topics.get(r.get("topicid"))
        if not article.pk:
            article.slug = slugify_vi(text(r.get("alias")) or article.title, 200)
        article.legacy_views = max(article.legacy_views, int(r.get("hitstotal") or 0))

    def _counters(self, article, r: dict, points_votes=None) -> None:
        """Counts that follow the old site on every run, whoever edited the article: its views
        (while readers still read the old site) and its votes (the portal's own stay on top)."""
        views = int(r.get("hitstotal") or 0)
        if views > article.legacy_views:
            Article.objects.filter(pk=article.pk).update(legacy_views=views)
        points, votes = points_votes or self._rating(r, None)
        if (article.legacy_rating_sum, article.legacy_rating_count) != (points, votes):
            legacy_totals_set(article_id=article.pk, points=points, votes=votes)

    def _extra_categories(self, article, r: dict, outcome: str, item: Item) -> None:
        """listcatid ("3,1"): every category the article is in, its main one (catid) among them."""
        wanted = set()
        for old in text(r.get("listcatid")).split(","):
            old = old.strip()
            if not old.isdigit() or int(old) == r["catid"]:
                continue
            if int(old) in self.categories:
                wanted.add(self.categories[int(old)])
            else:
                self.report.doubt(item, f"chuyên mục khác {old} không có hoặc không nhập được, bỏ qua")
        have = set() if outcome == "imported" else set(article.extra_categories.values_list("pk", flat=True))
        if wanted != have:
            article.extra_categories.set(sorted(wanted))

    def _rating(self, r: dict, item: Item | None) -> tuple[int, int]:
        points, votes = int(r.get("total_rating") or 0), int(r.get("click_rating") or 0)
        if not 0 <= votes <= points <= 5 * votes:
            if item is not None:
                self.report.doubt(item, f"điểm đánh giá {points}/{votes} lượt không hợp lệ, không mang sang")
            return 0, 0
        return points, votes

    def _body(self, detail: dict, source, item: Item) -> str:
        raw = text(detail.get("bodyhtml") or detail.get("bodytext"))
        for address in dropped_addresses(raw):
            self.report.doubt(item, f"liên kết hoặc ảnh “{address[:200]}” không phải địa chỉ web, đã bỏ")
        credit = source_credit(
            text(detail.get("sourcetext")).strip(),
            plain(source["title"]) if source else "",
            text(source.get("link")).strip() if source else "",
            lambda reason: self.report.doubt(item, reason),
        )
        body = clean_body(raw) + credit
        if self.relinker:
            self.relinker.deferred = []
        return rewrite_addresses(body, lambda tag, old: self._new_address(tag, old, item))

    def _new_address(self, tag: str, old: str, item: Item):
        fixed = repaired(old)
        if fixed is None:
            self.report.doubt(
                item, f"địa chỉ hỏng “{old[:200]}”, không rõ đích: bỏ " + ("ảnh" if tag == "img" else "liên kết")
            )
            return ""
        if fixed != old:
            self.report.doubt(item, f"địa chỉ hỏng “{old[:200]}” đã sửa thành {fixed}")
        relative = self.uploads.relative(fixed)
        if relative is None:
            local = self.uploads.local_link(fixed) or fixed
            if tag == "a" and self.relinker:
                return self.relinker.new_address(local) or (local if local != old else None)
            return local if local != old else None
        if relative == EXTERNAL:
            if tag == "img":
                stored = self.uploads.external_image(fixed, item)
                return default_storage.url(stored) if stored else AsLink(fixed)
            return fixed if fixed != old else None
        if "." + relative.rsplit(".", 1)[-1].lower() in IMAGE_EXTENSIONS:
            return self.uploads.image_url(relative, item) or ("" if tag == "img" else None)
        return fixed if fixed != old else None  # files: made attachments after the article is saved

    def _lead_photo(self, article, r: dict, item: Item) -> None:
        address = text(r.get("homeimgfile")).strip()
        alt = plain(r.get("homeimgalt"))[:255]
        if not address:
            article.lead_image = ""
            return
        relative = self.uploads.relative(address, self.module)
        if relative is None:
            self.report.doubt(item, f"ảnh đại diện “{address}” không phải tệp ảnh, không mang sang")
            return
        if relative == EXTERNAL:
            stored = self.uploads.external_image(repaired(address) or address, item)
        else:
            stored = self.uploads.image_name(relative, item)
        if stored and not self.uploads.dry_run and article.lead_image.name != stored:
            article.lead_image = stored  # ImageField reads its width and height from the stored file
        article.lead_image_alt = alt or article.title[:255]
        article.lead_image_caption = alt

    def _attachments(self, article, detail: dict, r: dict, item: Item) -> None:
        """The article's own files (detail.files, else rows.files) and the files its body links to."""
        names = text(detail.get("files") or r.get("files"))
        attach_files(article, [n.strip() for n in names.split(",") if n.strip()], self.uploads, self.report, item,
                     self.module)  # fmt: skip
        body = attach_body_files(article, self.uploads, self.report, item)
        if body != article.body:
            article.body = body
            article.save(update_fields=["body", "search_text", "search_title"])


_BLOCK_ID = re.compile(r'blockid";(?:i:(\d+)|s:\d+:"(\d+)")')


def featured_block(source, title: str, t) -> int | None:
    """The block group NukeViet's pages show as the featured one, or None. The headline block
    (module.block_headline.php) shows the first group by weight with its photos; a
    global.block_groups.php shows the group its config names (blockid). Where the theme's blocks
    (nv4_vi_blocks_groups) place neither, no group is featured; without that table, the headline's."""
    table = t("block_cat")
    if not source.has_table(table):
        return None
    groups = source.all(table, "weight, bid")
    if not groups:
        return None
    placed = [b for b in placed_blocks(source) if text(b.get("module")) in (title, "theme", "")]
    if not placed and not placed_blocks(source):
        return groups[0]["bid"]
    for block in placed:
        if text(block.get("file_name")) == "module.block_headline.php":
            return groups[0]["bid"]
    for block in placed:
        found = _BLOCK_ID.search(text(block.get("config"))) if "block_groups" in text(block.get("file_name")) else None
        if found:
            return int(found.group(1) or found.group(2))
    return None


def placed_blocks(source) -> list[dict]:
    """The theme's active blocks (nv4_vi_blocks_groups), in their order; [] without the table."""
    table = source.table("blocks_groups")
    if not source.has_table(table):
        return []
    return [b for b in source.all(table, "weight, bid") if int(b.get("act", 1) or 0) == 1]
