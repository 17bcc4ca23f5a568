"""The importer's memory of what it made (models.ImportedRecord), read and written a batch at a time;
the batch itself (one transaction, its new photos removed again if it fails); and the one rule of
a second run: what changed on the old site comes across, what an editor changed here stays."""

import contextlib
import hashlib
import json

from django.db import transaction
from django.utils import timezone

from .models import ImportedRecord
from .report import Item

# What a row comes to on a later run (decide()).
NEW, UNCHANGED, UPDATE, KEPT = "new", "unchanged", "update", "kept"


class Records:
    def __init__(self):
        self._staged: dict[tuple[str, str], ImportedRecord] = {}

    @staticmethod
    def load(kind: str, keys) -> dict[str, ImportedRecord]:
        keys = [str(key) for key in keys]
        return {r.legacy_key: r for r in ImportedRecord.objects.filter(kind=kind, legacy_key__in=keys)}

    def stage(self, kind: str, key, object_id: int, fingerprint: str, missing=(), content: str = "") -> None:
        self._staged[kind, str(key)] = ImportedRecord(
            kind=kind,
            legacy_key=str(key),
            object_id=object_id,
            fingerprint=fingerprint,
            missing="\n".join(missing),
            content=content,
            imported_at=timezone.now(),
        )

    def flush(self) -> None:
        """One INSERT ... ON CONFLICT for the whole batch (PostgreSQL and SQLite both have it)."""
        if self._staged:
            ImportedRecord.objects.bulk_create(
                list(self._staged.values()),
                update_conflicts=True,
                unique_fields=["site", "kind", "legacy_key"],
                update_fields=["object_id", "fingerprint", "missing", "content", "imported_at"],
            )
        self._staged.clear()


def content_digest(obj, fields) -> str:
    """A hash of the values the import writes into `obj` (a file field by its name, a foreign key
    by its id): equal as long as nobody changed them here."""
    values = []
    for name in fields:
        value = getattr(obj, obj._meta.get_field(name).attname)
        if hasattr(value, "field"):  # a file: by its name ("" and None both no file)
            value = value.name or ""
        values.append(value)
    data = json.dumps(values, default=str, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def edited_here(record, obj, fields) -> bool:
    """Whether someone changed `obj` in the portal since the import made it."""
    if record.content:
        return record.content != content_digest(obj, fields)
    updated = getattr(obj, "updated_at", None)  # records of runs that kept no digest
    return bool(updated and updated > record.imported_at)


def unchanged(record, digest: str, uploads, report, item: Item) -> bool:
    """Whether an old row is as it was imported: the same values, and none of the files that
    were missing then has appeared since (those are reported missing again)."""
    if record is None or record.fingerprint != digest:
        return False
    missing = [path for path in record.missing.splitlines() if path]
    if any(uploads.file(path) for path in missing):
        return False
    for path in missing:
        report.missing_file(item, path)
    return True


def decide(record, digest: str, obj, fields, uploads, report, item: Item) -> str:
    """NEW (nothing made yet), UNCHANGED (the old row is as imported), KEPT (the old row changed,
    but so did the portal's object: it stays as the editor left it), or UPDATE. The first two
    are counted (and KEPT reported) here; the caller counts what it makes of the others."""
    if obj is None:
        return NEW
    if record is None:
        return UPDATE  # made before by hand under the same address, or by a run that kept no record
    if unchanged(record, digest, uploads, report, item):
        report.count(item.kind, "unchanged")
        return UNCHANGED
    if edited_here(record, obj, fields):
        report.kept(item)
        return KEPT
    return UPDATE


@contextlib.contextmanager
def batch(records: Records, uploads):
    """One transaction per batch: its rows and its records commit together, or not at all
    (and the photos it stored are removed), so an interrupted run resumes cleanly."""
    try:
        with transaction.atomic():
            yield
            records.flush()
    except BaseException:
        records._staged.clear()
        uploads.forget_batch()
        raise
    uploads.stored_in_batch.clear()


@contextlib.contextmanager
def row(report, item: Item):
    """One old row in its own savepoint: a row the portal refuses is reported and skipped,
    the rest of the batch goes on."""
    from django.core.exceptions import ValidationError
    from django.db import DatabaseError

    try:
        with transaction.atomic():
            yield
    except ValidationError as error:
        report.skip(item, "; ".join(error.messages))
    except (DatabaseError, ValueError) as error:
        report.skip(item, f"{type(error).__name__}: {error}")
