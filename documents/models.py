"""The documents register (văn bản): resolutions, directives, plans... and their files."""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

import pagecache
from core.editorial import Editorial
from core.rules import holds
from core.sites import SiteOwned, SiteQuerySet
from core.text import html_to_text, nfc, sanitize_html, search_document, slugify_vi
from files.stored import StoredFile

from .querysets import DocumentQuerySet, in_force_rule

# The page cache's tag of every page that shows the register (list, documents, feed, search).
REGISTER_TAG = pagecache.tag("documents", "register")


class Vocabulary(SiteOwned):
    """An editable list (types, issuers, fields): a name, its address, its place."""

    name = models.CharField(_("tên"), max_length=160)
    slug = models.SlugField(_("đường dẫn"), max_length=160, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = SiteQuerySet.as_manager()

    page_cache_tags = (REGISTER_TAG,)  # the register's pages: its list, filters, documents, feed

    class Meta:
        abstract = True
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "name"],
                name="%(app_label)s_%(class)s_name_unique_per_site",
                violation_error_message=_("Tên này đã có trong danh sách của trang."),
            ),
            models.UniqueConstraint(
                fields=["site", "slug"],
                name="%(app_label)s_%(class)s_slug_unique_per_site",
                violation_error_message=_("Đường dẫn này đã có trong danh sách của trang; hãy sửa tên hoặc đường dẫn."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        self.slug = slugify_vi(self.slug or self.name, 160)
        super().save(*args, **kwargs)


class DocumentType(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")


class Issuer(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")


class Field(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")


@reversion.register(follow=["files"], exclude=["search_text", "number_key"])
class Document(Editorial):
    number = models.CharField(
        _("số/ký hiệu"), max_length=60, help_text=_("Như in trên văn bản, ví dụ: 15-NQ/HU, 120-KH/HU.")
    )
    doc_type = models.ForeignKey(DocumentType, verbose_name=_("loại văn bản"), on_delete=models.PROTECT)
    issuer = models.ForeignKey(Issuer, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT)
    field = models.ForeignKey(Field, verbose_name=_("lĩnh vực"), null=True, blank=True, on_delete=models.PROTECT)
    summary = models.TextField(
        _("trích yếu"), help_text=_("Nội dung chính của văn bản trong một câu, như in trên văn bản.")
    )
    slug = models.SlugField(_("đường dẫn"), max_length=200, blank=True)
    body = CKEditor5Field(
        _("nội dung tóm tắt"),
        config_name="article",
        blank=True,
        help_text=_("Tùy chọn: tóm tắt hoặc toàn văn để người đọc xem ngay trên trang."),
    )
    issued_on = models.DateField(_("ngày ban hành"))
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expires_on = models.DateField(
        _("ngày hết hiệu lực"), null=True, blank=True, help_text=_("Để trống nếu văn bản còn hiệu lực.")
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("được thay thế bởi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    signer = models.CharField(_("người ký"), max_length=160, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=160, blank=True)
    related_articles = models.ManyToManyField(
        "articles.Article", verbose_name=_("tin bài liên quan"), blank=True, related_name="documents"
    )
    legacy_id = models.PositiveIntegerField(
        _("mã văn bản trên cổng cũ"),
        null=True,
        blank=True,
        help_text=_("Số của văn bản trong mục “laws” của cổng NukeViet cũ, để liên kết cũ vẫn mở được."),
    )
    legacy_alias = models.CharField(
        _("đường dẫn văn bản trên cổng cũ"),
        max_length=250,
        blank=True,
        db_index=True,
        help_text=_("Tên văn bản trong đường dẫn cũ (/laws/detail/<tên>/), để liên kết cũ vẫn mở được."),
    )
    # Derived on save: the type's and number's words (" nghi quyet 15 nq hu ") and every text a reader can find
    # it by, without diacritics (core/text.py search_document).
    number_key = models.CharField(max_length=120, editable=False, default="", db_index=True)
    search_text = models.TextField(editable=False, default="")
    objects = DocumentQuerySet.as_manager()
    # The register's pages, and every page: the home page lists the newest ("Văn bản mới").
    page_cache_tags = (REGISTER_TAG, pagecache.CONTENT)

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-issued_on", "-published_at", "-id"], name="document_list_idx"),
            models.Index(fields=["doc_type", "status", "-issued_on"], name="document_type_idx"),
            models.Index(fields=["issuer", "status", "-issued_on"], name="document_issuer_idx"),
            models.Index(fields=["field", "status", "-issued_on"], name="document_field_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["site", "legacy_id"], name="document_legacy_id_unique_per_site"),
            models.UniqueConstraint(
                fields=["issuer", "number"],
                name="document_number_unique_per_issuer",
                violation_error_message=_("Cơ quan này đã có văn bản mang số/ký hiệu này."),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=F("issued_on")),
                name="document_expires_after_issued",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày ban hành."),
            ),
            models.CheckConstraint(
                condition=~Q(replaced_by=F("id")),
                name="document_not_replaced_by_itself",
                violation_error_message=_("Văn bản không thể thay thế chính nó."),
            ),
        ]

    def __str__(self):
        return f"{self.number} - {self.summary[:80]}"

    def save(self, *args, **kwargs):
        for name in ("number", "summary", "signer", "signer_position"):
            setattr(self, name, " ".join(nfc(getattr(self, name)).split()))
        self.body = sanitize_html(self.body)
        self.slug = slugify_vi(self.slug or f"{self.number} {self.summary}", 200)
        # "Nghị quyết 15-NQ/HU" -> " nghi quyet 15 nq hu ": what people type to name a document.
        doc_type = self.doc_type.name if self.doc_type_id else ""
        self.number_key = search_document(doc_type, self.number)[:120]
        self.search_text = self.searchable_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:detail", kwargs={"slug": self.slug, "pk": self.pk})

    def searchable_text(self, file_texts=None) -> str:
        """Every text a reader sees on the document's page, and the words inside its PDFs."""
        if file_texts is None:
            file_texts = [] if self._state.adding else list(self.files.values_list("text", flat=True))
        parts = [self.number, self.summary, self.signer, self.signer_position, html_to_text(self.body)]
        parts += [str(getattr(self, name) or "") for name in ("doc_type", "issuer", "field") if self._has(name)]
        return search_document(*parts, *file_texts)

    def _has(self, name) -> bool:
        return getattr(self, f"{name}_id") is not None

    def refresh_search_text(self):
        """After a file was added or removed: its words join or leave the document's."""
        type(self).objects.filter(pk=self.pk).update(search_text=self.searchable_text())

    def in_force(self, today=None) -> bool:
        return holds(in_force_rule(today or timezone.localdate()), self)

    def force_state(self, today=None) -> str:
        """What readers are told: in force, expired (since when) or replaced (by what)."""
        today = today or timezone.localdate()
        if self.replaced_by_id:
            return _("Đã được thay thế")
        if self.expires_on and self.expires_on <= today:
            return _("Hết hiệu lực")
        if self.effective_on and self.effective_on > today:
            return _("Chưa có hiệu lực")
        return _("Còn hiệu lực")

    @staticmethod
    def cache_tag(pk) -> str:
        return pagecache.tag("document", pk)

    def clean(self):
        super().clean()
        errors = {}
        if self.expires_on and self.issued_on and self.expires_on <= self.issued_on:
            errors["expires_on"] = _("Ngày hết hiệu lực phải sau ngày ban hành.")
        if self.effective_on and self.issued_on and self.effective_on < self.issued_on:
            errors["effective_on"] = _("Ngày có hiệu lực không thể trước ngày ban hành.")
        if self.replaced_by_id and self.pk and self.replaced_by_id == self.pk:
            errors["replaced_by"] = _("Văn bản không thể thay thế chính nó.")
        if errors:
            raise ValidationError(errors)


@reversion.register()
class DocumentFile(StoredFile):
    UPLOAD_FOLDER = "documents"

    document = models.ForeignKey(Document, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="files")

    page_cache_tags = (REGISTER_TAG,)

    class Meta(StoredFile.Meta):
        verbose_name = _("tệp văn bản")
        verbose_name_plural = _("tệp văn bản")

    def get_absolute_url(self):
        name = slugify_vi(self.download_name.rsplit(".", 1)[0], 80) or "tep"
        return reverse("documents:file", kwargs={"pk": self.pk, "name": name, "ext": self.kind})

    def text_read(self):
        # A task worker read the PDF after the save (files/text.py): its words join the
        # document's, and the register's pages (its search) are made afresh.
        self.document.refresh_search_text()
        pagecache.invalidate(REGISTER_TAG)
