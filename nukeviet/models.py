"""What the importer remembers between runs: which old row became which object, and which
old upload became which stored file. With them a second run changes nothing, a run after
the old site changed updates what changed, and an interrupted run goes on where it stopped."""

from django.db import models

from core.sites import SiteOwned, SiteQuerySet


class ImportedRecord(SiteOwned):
    kind = models.CharField(max_length=40)  # "news.article", "news.category", "laws.document", ...
    legacy_key = models.CharField(max_length=300)  # the old row's id (or alias)
    object_id = models.PositiveBigIntegerField()
    # A hash of every old value the object was made from (nukeviet/source.py fingerprint()).
    fingerprint = models.CharField(max_length=64)
    # A hash of what the import wrote into the portal's object (records.content_digest()): when the
    # object no longer matches it, an editor has changed it here and a later run leaves it alone.
    # Empty for records of runs before it was kept: then the object's updated_at tells.
    content = models.CharField(max_length=64, blank=True, default="")
    # The old files it points at that were missing (one path a line): a run that finds one of
    # them in uploads/ does the row again; otherwise the row is unchanged.
    missing = models.TextField(blank=True, default="")
    imported_at = models.DateTimeField(auto_now=True)

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = "bản ghi đã nhập"
        verbose_name_plural = "bản ghi đã nhập"
        constraints = [
            # The importer's look-up of one batch: kind = %s AND legacy_key IN (...).
            models.UniqueConstraint(fields=["site", "kind", "legacy_key"], name="nukeviet_record_unique"),
        ]

    def __str__(self):
        return f"{self.kind} {self.legacy_key} -> {self.object_id}"


class ImportedFile(SiteOwned):
    """An old upload (its path under --uploads, or a hotlinked photo's full address) copied
    through the portal's photo pipeline, or made an attachment: /uploads/<source> answers 301 to it."""

    source = models.CharField(max_length=500)
    stored = models.CharField(max_length=255)  # its name in the default storage
    size = models.PositiveBigIntegerField()
    # Where readers download it, for a file that is an article's or a document's (not a photo).
    url = models.CharField(max_length=300, blank=True, default="")

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = "tệp đã nhập"
        verbose_name_plural = "tệp đã nhập"
        constraints = [models.UniqueConstraint(fields=["site", "source"], name="nukeviet_file_unique_per_site")]

    def __str__(self):
        return f"{self.source} -> {self.stored}"

    def address(self) -> str:
        from django.core.files.storage import default_storage

        return self.url or default_storage.url(self.stored)


class OldModule(SiteOwned):
    """A module of the old site as nv4_vi_modules lists it: the title its addresses begin with
    ("news", "about", or one the site chose, "Tin-tuc"), what it runs and which tables it has."""

    title = models.CharField(max_length=100)
    module_file = models.CharField(max_length=50)  # news, page, laws, contact ...
    module_data = models.CharField(max_length=50)  # its tables: nv4_vi_<module_data>_rows ...
    custom_title = models.CharField(max_length=250, blank=True, default="")
    is_home = models.BooleanField(default=False)  # the site's home module: its links may leave out its title
    per_page = models.PositiveSmallIntegerField(default=0)  # a news module's articles a list page

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = "mô-đun của cổng cũ"
        verbose_name_plural = "mô-đun của cổng cũ"
        constraints = [models.UniqueConstraint(fields=["site", "title"], name="nukeviet_module_unique_per_site")]

    def __str__(self):
        return f"/{self.title}/ ({self.module_file})"
