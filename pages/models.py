"""Editable pages in a tree: Giới thiệu -> Lịch sử Đảng bộ, Chức năng nhiệm vụ, ...; and their English versions.

Each language has one root page (the introduction: /gioi-thieu/, /en/) and under it a
tree of pages addressed by their slugs (/gioi-thieu/lich-su-dang-bo/...). The address
is stored (`path`, "" for the root) and rewritten on save for the page and its
descendants, so that a page, its breadcrumbs and its children cost a fixed number
of queries however deep or large the tree is.
"""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field

import pagecache
from core.compat import is_new_upload
from core.editorial import Editorial, Status
from core.text import html_to_text, image_alt_texts, nfc, sanitize_html, search_document, slugify_vi
from images.checks import validate_image
from images.markup import responsive_body
from images.renditions import store_image

from .querysets import Language, PageQuerySet

# The page cache's tag of every page that shows pages (each page, the search).
PAGES_TAG = pagecache.tag("pages", "all")

# First-level addresses that other apps serve before this one (people/, contact/): a page
# there would never be seen. Checked by the model and by a constraint.
RESERVED_SLUGS = {
    Language.VI: {"lanh-dao": "Lãnh đạo", "co-cau-to-chuc": "Cơ cấu tổ chức"},
    Language.EN: {"leaders": "Leaders", "organisation": "Organisation", "contact": "Contact"},
}
ROOT_URL_NAMES = {Language.VI: "pages:vi_root", Language.EN: "pages:en_root"}
PAGE_URL_NAMES = {Language.VI: "pages:vi_page", Language.EN: "pages:en_page"}


def child_path(parent_path: str, slug: str) -> str:
    return f"{parent_path}/{slug}" if parent_path else slug


def ancestor_paths(path: str) -> list[str]:
    """'a/b/c' -> ['', 'a', 'a/b']: the stored paths of a page's ancestors, root first."""
    if not path:
        return []
    parts = path.split("/")
    return ["", *("/".join(parts[:n]) for n in range(1, len(parts)))]


# The path is kept: reversion restores a version by a raw save, which save() does not derive.
@reversion.register(exclude=["search_text"])
class Page(Editorial):
    Language = Language

    title = models.CharField(_("tiêu đề"), max_length=200)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=120,
        blank=True,
        help_text=_("Để trống: tạo từ tiêu đề (“Lịch sử Đảng bộ” -> lich-su-dang-bo)."),
    )
    language = models.CharField(_("ngôn ngữ"), max_length=2, choices=Language.choices, default=Language.VI)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trang cha"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Để trống cho trang gốc (Giới thiệu, hoặc Introduction bằng tiếng Anh)."),
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("bản dịch của trang"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        help_text=_("Với trang tiếng Anh: trang tiếng Việt mà trang này dịch, để người đọc chuyển qua lại."),
    )
    summary = models.TextField(
        _("tóm tắt"), blank=True, help_text=_("Một hai câu, hiện trong danh sách trang con và kết quả tìm kiếm.")
    )
    body = CKEditor5Field(_("nội dung"), config_name="article", blank=True)
    photo = models.ImageField(
        _("ảnh"),
        upload_to="pages/%Y/%m/",
        width_field="photo_width",
        height_field="photo_height",
        blank=True,
        validators=[validate_image],
        help_text=_("Tùy chọn. JPEG, PNG, WebP hoặc GIF; ảnh được kiểm tra, xoay đúng chiều và xóa thông tin EXIF."),
    )
    photo_alt = models.CharField(
        _("mô tả ảnh (alt)"),
        max_length=255,
        blank=True,
        help_text=_("Bắt buộc khi có ảnh: mô tả nội dung ảnh cho người khiếm thị."),
    )
    photo_caption = models.CharField(_("chú thích ảnh"), max_length=500, blank=True)
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ đứng trước."))
    show_in_menu = models.BooleanField(_("hiện trên menu"), default=True)
    legacy_alias = models.CharField(
        _("đường dẫn trên cổng cũ"),
        max_length=250,
        blank=True,
        db_index=True,
        help_text=_("Tên trang trong đường dẫn cũ (/page/<tên>.html, /about/<tên>.html), để liên kết cũ vẫn mở được."),
    )
    # Derived on save: the slugs from the root down ("" for the root), and the words a
    # reader can find the page by, without diacritics (core/text.py search_document).
    path = models.CharField(max_length=600, editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("trang")
        verbose_name_plural = _("trang")
        ordering = ["language", "path"]
        indexes = [
            # A page's children: parent = %s AND published ORDER BY order, title.
            models.Index(fields=["parent", "status", "order"], name="page_children_idx"),
        ]
        constraints = [
            # The page view's lookup (language, path) and its breadcrumbs (path IN ...) use it too.
            models.UniqueConstraint(
                fields=["site", "language", "path"],
                name="page_path_unique_per_language",
                violation_error_message=_("Đã có trang với đường dẫn này."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="page_not_its_own_parent",
                violation_error_message=_("Trang không thể là trang cha của chính nó."),
            ),
            models.CheckConstraint(
                condition=~Q(language=Language.VI, path__in=sorted(RESERVED_SLUGS[Language.VI]))
                & ~Q(language=Language.EN, path__in=sorted(RESERVED_SLUGS[Language.EN])),
                name="page_path_not_reserved",
                violation_error_message=_("Đường dẫn này đã dành cho một trang khác của cổng."),
            ),
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_alt=""),
                name="page_photo_has_alt",
                violation_error_message=_("Hãy nhập mô tả ảnh (alt) cho ảnh."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for name in ("title", "summary", "photo_alt", "photo_caption", "legacy_alias"):
            setattr(self, name, " ".join(nfc(getattr(self, name)).split()))
        self.body = responsive_body(sanitize_html(self.body))
        self.slug = slugify_vi(self.slug or self.title, 120) or "trang"
        parent = self.parent if self.parent_id else None
        if parent is not None:
            if parent.pk == self.pk or (self._stored_path_or_none() is not None and self._is_below_self(parent)):
                raise ValidationError(_("Không thể chọn chính trang này hoặc một trang con của nó làm trang cha."))
            self.language = parent.language
        self.path = child_path(parent.path, self.slug) if parent is not None else ""
        self.search_text = search_document(
            self.title,
            self.summary,
            html_to_text(self.body),
            image_alt_texts(self.body),
            self.photo_alt,
            self.photo_caption,
        )
        if is_new_upload(self.photo):
            store_image(self.photo)  # re-encoded, with its renditions
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "slug", "language", "path", "search_text"}
        old_path = self._stored_path_or_none()
        super().save(*args, **kwargs)
        if old_path is not None and old_path != self.path and old_path != "":
            self._move_descendants(old_path)
        self._stored_path = self.path

    def get_absolute_url(self):
        if not self.path:
            return reverse(ROOT_URL_NAMES[self.language])
        return reverse(PAGE_URL_NAMES[self.language], kwargs={"path": self.path})

    @classmethod
    def from_db(cls, db, field_names, values):
        page = super().from_db(db, field_names, values)
        # What save() and page_cache_tags() compare against: the path as stored, the menu as shown.
        page._stored_path = page.__dict__.get("path")
        page._stored_menu = page.menu_state() if "show_in_menu" in page.__dict__ else None
        return page

    def _stored_path_or_none(self):
        return getattr(self, "_stored_path", None)

    def _is_below_self(self, page) -> bool:
        """Whether `page` is this page or one of its descendants, by the stored paths."""
        own = self._stored_path
        return page.language == self.language and (own == "" or page.path == own or page.path.startswith(own + "/"))

    def _move_descendants(self, old_path: str) -> None:
        # Few pages, rarely moved: one small UPDATE each keeps it plain and the same on every database.
        below = type(self).objects.filter(language=self.language, path__startswith=old_path + "/")
        for pk, path in below.values_list("pk", "path"):
            type(self).objects.filter(pk=pk).update(path=self.path + path[len(old_path) :])

    @property
    def depth(self) -> int:
        return self.path.count("/") + 1 if self.path else 0

    def page_cache_tags(self, deleted=False) -> tuple[str, ...]:
        """What a change clears (pagecache/purge.py): the pages' own pages (each page, the
        search) and, only when it changes what a menu shows, every page (their headers)."""
        shown, stored = self.menu_state(), getattr(self, "_stored_menu", None)
        self._stored_menu = shown
        in_a_menu = (shown is not None or stored is not None) if deleted else shown != stored
        return (PAGES_TAG, pagecache.CONTENT) if in_a_menu else (PAGES_TAG,)

    def menu_state(self):
        """What a menu shows of this page (None when it is not in one): a change means every header changes."""
        if not self.show_in_menu or self.status != Status.PUBLISHED:
            return None
        return (self.title, self.path, self.language, self.order, self.status, self.published_at, self.parent_id)

    def admin_label(self) -> str:
        return f"[{self.language}] {self.get_absolute_url()} - {self.title}"

    def clean(self):
        super().clean()
        errors = {}
        self.slug = slugify_vi(nfc(self.slug or self.title or ""), 120)
        if not self.slug:
            errors["slug"] = _("Không tạo được đường dẫn từ tiêu đề: hãy nhập đường dẫn bằng chữ hoặc số.")
        if self.photo and not self.photo_alt.strip():
            errors["photo_alt"] = _("Hãy nhập mô tả ảnh (alt) cho ảnh.")
        errors.update(self._tree_errors())
        if self.translation_of_id:
            other = self.translation_of
            if other.language == self.language:
                errors["translation_of"] = _("Hãy chọn một trang bằng ngôn ngữ khác (bản gốc tiếng Việt).")
            elif other.translation_of_id:
                errors["translation_of"] = _("Trang này đã là bản dịch của trang khác: hãy chọn trang gốc.")
        if errors:
            raise ValidationError(errors)

    def _tree_errors(self) -> dict:
        """Parent, language and address: no loop, one root per language, no address taken twice."""
        parent = self.parent if self.parent_id else None
        if parent is not None:
            if parent.pk == self.pk or (self._stored_path_or_none() is not None and self._is_below_self(parent)):
                return {"parent": _("Không thể chọn chính trang này hoặc một trang con của nó làm trang cha.")}
            if parent.language != self.language:
                return {"parent": _("Trang cha phải cùng ngôn ngữ với trang này.")}
        if self.pk and self.children.exists() and self._stored_language() not in (None, self.language):
            return {"language": _("Trang này có trang con: không đổi ngôn ngữ được.")}
        path = child_path(parent.path, self.slug) if parent is not None else ""
        if parent is not None and not parent.path and self.slug in RESERVED_SLUGS.get(self.language, {}):
            owner = RESERVED_SLUGS[self.language][self.slug]
            return {"slug": _("Đường dẫn “%(slug)s” đã dành cho trang “%(owner)s” của cổng; hãy đặt đường dẫn khác.")
                    % {"slug": self.slug, "owner": owner}}  # fmt: skip
        self.path = path  # as save() will store it, for the constraints' own checks after clean()
        taken = type(self).objects.filter(language=self.language, path=path).exclude(pk=self.pk).first()
        if taken is not None:
            if not path:
                return {"parent": _("Đã có trang gốc “%(title)s” bằng ngôn ngữ này; hãy chọn trang cha.")
                        % {"title": taken.title}}  # fmt: skip
            return {"slug": _("Trang “%(title)s” đã dùng đường dẫn này cùng cấp; hãy đặt đường dẫn khác.")
                    % {"title": taken.title}}  # fmt: skip
        return {}

    def _stored_language(self):
        return type(self).objects.filter(pk=self.pk).values_list("language", flat=True).first()
