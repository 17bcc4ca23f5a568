"""What the importer remembers between runs: which old row became which object, and which
old upload became which stored file. With them a second run changes nothing, a run after
the old site changed updates what changed, and an interrupted run goes on where it stopped."""

from django.db import models


class ImportedRecord(models.Model):
    kind = models.CharField(max_length=40)  # "news.article", "news.category", "laws.document", ...
    legacy_key = models.CharField(max_length=300)  # the old row's id (or alias)
    object_id = models.PositiveBigIntegerField()
    # A hash of every old value the object was made from (nukeviet/source.py fingerprint()).
    fingerprint = models.CharField(max_length=64)
    # The old files it points at that were missing (one path a line): a run that finds one of
    # them in uploads/ does the row again; otherwise the row is unchanged.
    missing = models.TextField(blank=True, default="")
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "bản ghi đã nhập"
        verbose_name_plural = "bản ghi đã nhập"
        constraints = [
            # The importer's look-up of one batch: kind = %s AND legacy_key IN (...).
            models.UniqueConstraint(fields=["kind", "legacy_key"], name="nukeviet_record_unique"),
        ]

    def __str__(self):
        return f"{self.kind} {self.legacy_key} -> {self.object_id}"


class ImportedFile(models.Model):
    """An old upload (its path under --uploads) copied through the portal's photo pipeline."""

    source = models.CharField(max_length=500, unique=True)
    stored = models.CharField(max_length=255)  # its name in the default storage
    size = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = "tệp đã nhập"
        verbose_name_plural = "tệp đã nhập"

    def __str__(self):
        return f"{self.source} -> {self.stored}"
