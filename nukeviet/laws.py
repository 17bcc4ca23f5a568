"""The laws module (nukeviet/module-laws: nv4_vi_laws_row ...) -> the documents register.

_row.code -> number, _cat -> type, _subject -> issuing body, _area (via _row_area) -> field,
_signer -> signer and position, publtime / startvalid / exptime -> issued, in force, expired,
introtext (else title) -> trích yếu, bodytext -> body, files (comma separated, under
uploads/laws/) -> the document's files; legacy_id = id and legacy_alias = alias, so the
old /laws/detail/<alias>/ links redirect.

replacement (comma separated ids) -> Document.replaced_by of those ids. The old admin form
calls the column "Thay thế cho văn bản": the documents this one replaces. Its page lists them,
and the replaced ones list it back ("unreplacement", not a column: worked out through
_set_replace, a copy of replacement the old admin keeps badly - it deletes by the wrong
column - so it is not read). The portal keeps the link on the replaced document, whose page
says "Đã được thay thế, thay bằng …" and whose replacer lists it under "Thay thế".
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils import timezone

from core.text import slugify_vi
from documents.models import Document, DocumentFile, DocumentType, Field, Issuer

from .bodies import clean_body, rewrite_addresses
from .media import EXTERNAL
from .models import ImportedRecord
from .news import plain
from .records import KEPT, NEW, UNCHANGED, Records, batch, content_digest, decide, row
from .report import Item
from .source import fingerprint, local_date, moment, text

KIND = "laws.document"
REPLACED = "laws.replacement"  # legacy key: the replaced document's old id; object: its replacer
UNKNOWN_ISSUER = "Chưa rõ cơ quan ban hành"
UNKNOWN_TYPE = "Văn bản"
# What the import writes into a document: when an editor changed one of them here, a later run keeps it.
FIELDS = ("number", "doc_type", "issuer", "field", "summary", "body", "issued_on", "effective_on", "expires_on",
          "signer", "signer_position", "status", "published_at", "legacy_alias")  # fmt: skip
# The old row's counters: they change while nobody edits.
COUNTERS = {"view_hits", "download_hits"}


def document_status(r: dict) -> str:
    """The laws module shows a row whose status is 1 (the others are hidden from readers)."""
    return Document.Status.PUBLISHED if int(r.get("status") or 0) == 1 else Document.Status.DRAFT


class LawsImporter:
    module = "laws"

    def __init__(self, source, uploads, report, *, batch_size: int = 500, title: str = "laws", relinker=None):
        self.source, self.uploads, self.report, self.batch_size = source, uploads, report, batch_size
        self.title = title  # the module's name in the old addresses
        self.relinker = relinker
        self.records = Records()
        self.replacements: dict[int, list[int]] = {}  # old id -> the old ids it replaces
        if relinker:
            relinker.register(KIND, Document, FIELDS)

    def item(self, r: dict) -> Item:
        alias = text(r.get("alias")).strip()
        return Item(KIND, str(r["id"]), f"/{self.title}/detail/{alias}.html" if alias else "")

    def t(self, name: str) -> str:
        return self.source.table(self.module, name)

    def present(self) -> bool:
        return self.source.has_table(self.t("row"))

    def _names(self, table: str) -> dict:
        if not self.source.has_table(self.t(table)):
            return {}
        return {r["id"]: r for r in self.source.all(self.t(table))}

    def run(self) -> None:
        self.types, self.issuers = self._names("cat"), self._names("subject")
        self.areas, self.signers = self._names("area"), self._names("signer")
        for rows in self.source.batches(self.t("row"), "id", self.batch_size):
            ids = [r["id"] for r in rows]
            areas = {}
            if self.source.has_table(self.t("row_area")):
                for link in self.source.rows_in(self.t("row_area"), "row_id", ids):
                    areas.setdefault(link["row_id"], link["area_id"])
            records = Records.load(KIND, ids)
            with batch(self.records, self.uploads):
                for r in rows:
                    self._note_replacements(r)
                    with row(self.report, self.item(r)):
                        self._document(r, areas.get(r["id"]), records.get(str(r["id"])))
        self._link_replacements()  # once every document is there: a row may replace a later one

    @staticmethod
    def _vocabulary(model, name: str):
        name = " ".join(name.split())[:160]
        found = model.objects.filter(name=name).first() or model.objects.filter(slug=slugify_vi(name, 160)).first()
        if found is None:
            found = model(name=name)
            found.save()
        return found

    def _document(self, r: dict, area_id, record) -> None:
        digest = fingerprint({k: v for k, v in r.items() if k not in COUNTERS and not k.endswith("_hits")}, area_id)
        document = Document.objects.filter(pk=record.object_id).first() if record else None
        item = self.item(r)
        self.report.row_missing = []
        document = document or Document.objects.filter(legacy_id=r["id"]).first()
        decision = decide(record, digest, document, FIELDS, self.uploads, self.report, item)
        if decision in (UNCHANGED, KEPT):
            return
        outcome = "imported" if decision == NEW else "updated"
        document = document or Document(legacy_id=r["id"])
        number = plain(r.get("code"))[:60]
        issued = local_date(r.get("publtime")) or local_date(r.get("addtime"))
        if not number or issued is None:
            self.report.skip(item, "không có số/ký hiệu hoặc ngày ban hành")
            return
        type_row, issuer_row = self.types.get(r.get("cid")), self.issuers.get(r.get("sid"))
        document.number = number
        document.doc_type = self._vocabulary(DocumentType, plain(type_row["title"]) if type_row else UNKNOWN_TYPE)
        document.issuer = self._vocabulary(Issuer, plain(issuer_row["title"]) if issuer_row else UNKNOWN_ISSUER)
        area = self.areas.get(area_id)
        document.field = self._vocabulary(Field, plain(area["title"])) if area else None
        document.summary = plain(r.get("introtext")) or plain(r.get("title"))
        document.body = clean_body(text(r.get("bodytext")))
        if self.relinker:
            self.relinker.deferred = []
            document.body = rewrite_addresses(document.body, lambda tag, old: self._address(tag, old))
        document.issued_on = issued
        effective, expires = local_date(r.get("startvalid")), local_date(r.get("exptime"))
        document.effective_on = effective if effective and effective >= issued else None
        document.expires_on = expires if expires and expires > issued else None
        signer = self.signers.get(r.get("sgid"))
        document.signer = plain(signer["title"])[:160] if signer else ""
        document.signer_position = plain(signer.get("positions"))[:160] if signer else ""
        document.status = document_status(r)
        document.published_at = moment(r.get("addtime")) or timezone.now()
        document.legacy_alias = text(r.get("alias")).strip()[:250]
        document.validate_constraints()  # "this body already has this number": a clear reason, not an IntegrityError
        document.save()
        if self.relinker and self.relinker.deferred:
            self.relinker.wait(KIND, document.pk, item)
        self._files(document, r, item)
        self.report.count(KIND, outcome)
        self.records.stage(
            KIND, r["id"], document.pk, digest, self.report.row_missing, content_digest(document, FIELDS)
        )

    def _address(self, tag: str, old: str):
        return self.relinker.new_address(old) if tag == "a" else None

    def _files(self, document: Document, r: dict, item: Item) -> None:
        names = [name.strip() for name in text(r.get("files")).split(",") if name.strip()]
        have = {f.order: f for f in document.files.all()}
        for order, name in enumerate(names):
            if order in have:
                continue  # the (order+1)-th file is there already: /laws/detail/...?download=1&id=<order> finds it
            relative = self.uploads.relative(name, self.module)
            if relative in (None, EXTERNAL):
                self.report.doubt(item, f"tệp {name} ở trang khác, không mang sang")
                continue
            upload = self.uploads.open(relative, item)
            if upload is None:
                continue
            with upload:
                if self.uploads.dry_run:
                    continue
                stored = DocumentFile(document=document, file=upload, name=upload.name, order=order)
                try:
                    stored.save()
                except ValidationError as error:
                    self.report.bad_file(item, relative, "; ".join(error.messages))
                    continue
            self.uploads.remember(relative, stored.file.name, stored.file.size, stored.get_absolute_url())
        if names:
            document.refresh_search_text()

    # --- which document replaces which ----------------------------------------------------

    def _note_replacements(self, r: dict) -> None:
        olds = {int(v) for v in text(r.get("replacement")).split(",") if v.strip().isdigit()} - {r["id"]}
        if olds:
            self.replacements[r["id"]] = sorted(olds)

    def _link_replacements(self) -> None:
        """Sets replaced_by on the documents the old site says were replaced, and takes back a link
        this importer made that the old site no longer has (never one an editor made)."""
        replacers = defaultdict(list)  # replaced old id -> the old ids replacing it
        for new, olds in self.replacements.items():
            for old in olds:
                replacers[old].append(new)
        made = {int(r.legacy_key): r for r in ImportedRecord.objects.filter(kind=REPLACED)}
        if not replacers and not made:
            return
        wanted = set(replacers) | set(made) | set(self.replacements)
        documents = {d.legacy_id: d for d in Document.objects.filter(legacy_id__in=wanted)}
        with batch(self.records, self.uploads):
            for old, news in sorted(replacers.items()):
                with row(self.report, Item(REPLACED, str(old))):
                    self._link(old, news, documents, made.get(old))
            for old, record in made.items():
                if old in replacers:
                    continue
                document = documents.get(old)
                if document and document.replaced_by_id == record.object_id:
                    document.replaced_by = None
                    document.save(update_fields=["replaced_by"])
                    self.report.count(REPLACED, "updated")
                record.delete()

    def _link(self, old: int, news: list[int], documents: dict, record) -> None:
        document, found = documents.get(old), [documents[n] for n in news if n in documents]
        names = ", ".join(map(str, news))
        if document is None or not found:
            missing = f"văn bản {old}" if document is None else f"văn bản thay thế {names}"
            self.report.skip(Item(REPLACED, str(old)), f"{missing} không có hoặc không nhập được")
            return
        # The portal keeps one replacer a document: the newest, as the old page listed them all.
        newest = max(found, key=lambda d: (d.issued_on, d.pk))
        if len(found) > 1:
            self.report.doubt(Item(KIND, str(old)), f"bị thay thế bởi {names}: cổng mới giữ văn bản {newest.legacy_id}")
        if document.replaced_by_id == newest.pk:
            self.report.count(REPLACED, "unchanged")
        else:
            self.report.count(REPLACED, "updated" if record else "imported")
            document.replaced_by = newest
            document.save(update_fields=["replaced_by"])
        self.records.stage(REPLACED, old, newest.pk, fingerprint(news))
