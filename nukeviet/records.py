"""The importer's memory of what it made (models.ImportedRecord), read and written a batch at a time,
and the batch itself: one transaction, its new photos removed again if it fails."""

import contextlib

from django.db import transaction
from django.utils import timezone

from .models import ImportedRecord


class Records:
    def __init__(self):
        self._staged: dict[tuple[str, str], ImportedRecord] = {}

    @staticmethod
    def load(kind: str, keys) -> dict[str, ImportedRecord]:
        keys = [str(key) for key in keys]
        return {r.legacy_key: r for r in ImportedRecord.objects.filter(kind=kind, legacy_key__in=keys)}

    def stage(self, kind: str, key, object_id: int, fingerprint: str, missing=()) -> None:
        self._staged[kind, str(key)] = ImportedRecord(
            kind=kind,
            legacy_key=str(key),
            object_id=object_id,
            fingerprint=fingerprint,
            missing="\n".join(missing),
            imported_at=timezone.now(),
        )

    def flush(self) -> None:
        """One INSERT ... ON CONFLICT for the whole batch (PostgreSQL and SQLite both have it)."""
        if self._staged:
            ImportedRecord.objects.bulk_create(
                list(self._staged.values()),
                update_conflicts=True,
                unique_fields=["kind", "legacy_key"],
                update_fields=["object_id", "fingerprint", "missing", "imported_at"],
            )
        self._staged.clear()


def unchanged(record, digest: str, uploads, report, where: str) -> bool:
    """Whether an old row is as it was imported: the same values, and none of the files that
    were missing then has appeared since (those are reported missing again)."""
    if record is None or record.fingerprint != digest:
        return False
    missing = [path for path in record.missing.splitlines() if path]
    if any(uploads.file(path) for path in missing):
        return False
    for path in missing:
        report.missing_file(where, path)
    return True


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
def row(report, kind: str, key):
    """One old row in its own savepoint: a row the portal refuses is reported and skipped,
    the rest of the batch goes on."""
    from django.core.exceptions import ValidationError
    from django.db import DatabaseError

    try:
        with transaction.atomic():
            yield
    except ValidationError as error:
        report.skip(kind, key, "; ".join(error.messages))
    except (DatabaseError, ValueError) as error:
        report.skip(kind, key, f"{type(error).__name__}: {error}")
