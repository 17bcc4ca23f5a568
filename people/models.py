"""The committee's organisation by term (nhiệm kỳ): its units, nested (Ban Chấp hành >
Ban Thường vụ > Thường trực; the boards and the office), and the people in them.

Decree 42/2022 Art. 4 asks a state portal to publish its leaders' names,
positions, phone numbers and e-mail addresses: these are the fields below.
"""

import re

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

import pagecache
from core.compat import is_new_upload
from core.editorial import Editorial
from core.sites import SiteOwned, SiteQuerySet
from core.text import nfc, slugify_vi
from images.checks import validate_image
from images.renditions import store_image

# The page cache's tag of every page that shows people or units (both languages, every term).
PEOPLE_TAG = pagecache.tag("people", "all")

# The query parameter that picks a past term on the people pages (?nhiem-ky=<slug>).
TERM_PARAMETER = "nhiem-ky"
ONE_CURRENT_TERM = _("Mỗi lúc chỉ có một nhiệm kỳ hiện tại.")
PHOTO_NEEDS_ALT = _("Hãy nhập mô tả ảnh (alt) cho ảnh chân dung.")


def _clean_text(value: str) -> str:
    """NFC, and the spaces of a pasted line collapsed; line breaks (duties) kept."""
    lines = (" ".join(line.split()) for line in nfc(value or "").splitlines())
    return "\n".join(line for line in lines if line)


class TermQuerySet(SiteQuerySet):
    def newest_first(self):
        return self.order_by("-start_year", "-end_year", "-id")


@reversion.register()
class Term(SiteOwned):
    name = models.CharField(_("tên nhiệm kỳ"), max_length=120, help_text=_("Ví dụ: Nhiệm kỳ 2025 - 2030."))
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=60,
        blank=True,
        help_text=_("Trong địa chỉ trang (?nhiem-ky=2025-2030); để trống để tạo từ các năm."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("năm bắt đầu"), validators=[MinValueValidator(1930), MaxValueValidator(2200)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("năm kết thúc"), validators=[MinValueValidator(1930), MaxValueValidator(2200)]
    )
    is_current = models.BooleanField(
        _("nhiệm kỳ hiện tại"),
        default=False,
        help_text=_("Trang Lãnh đạo và Cơ cấu tổ chức hiển thị nhiệm kỳ này; các nhiệm kỳ khác xem lại được."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = TermQuerySet.as_manager()
    page_cache_tags = (PEOPLE_TAG,)

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["-start_year", "-end_year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="people_term_slug_unique_per_site"),
            models.UniqueConstraint(
                fields=["site"],
                condition=Q(is_current=True),
                name="people_one_current_term",
                violation_error_message=ONE_CURRENT_TERM,
            ),
            models.CheckConstraint(
                condition=Q(end_year__gt=F("start_year")),
                name="people_term_ends_after_start",
                violation_error_message=_("Năm kết thúc phải sau năm bắt đầu."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = _clean_text(self.name)
        self.slug = slugify_vi(self.slug or f"{self.start_year}-{self.end_year}", 60)
        super().save(*args, **kwargs)

    def name_in(self, lang: str) -> str:
        return f"Term {self.start_year} - {self.end_year}" if lang == "en" else self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.start_year and self.end_year and self.end_year <= self.start_year:
            errors["end_year"] = _("Năm kết thúc phải sau năm bắt đầu.")
        others = Term.objects.on(self.site_id).exclude(pk=self.pk)
        current = others.filter(is_current=True).first()
        if self.is_current and current is not None:
            errors["is_current"] = _(
                "“%(name)s” đang là nhiệm kỳ hiện tại; mỗi lúc chỉ có một nhiệm kỳ hiện tại. Hãy dùng thao tác "
                "“Đặt làm nhiệm kỳ hiện tại” trong danh sách nhiệm kỳ để chuyển."
            ) % {"name": current.name}
        was_current = self.pk and Term.objects.filter(pk=self.pk, is_current=True).exists()
        if was_current and not self.is_current:
            errors["is_current"] = _(
                "Phải luôn có một nhiệm kỳ hiện tại: hãy đặt nhiệm kỳ khác làm hiện tại (thao tác “Đặt làm "
                "nhiệm kỳ hiện tại” trong danh sách nhiệm kỳ) thay vì bỏ đánh dấu nhiệm kỳ này."
            )
        slug = slugify_vi(self.slug or f"{self.start_year}-{self.end_year}", 60)
        if slug and others.filter(slug=slug).exists():
            errors["slug"] = _("Đã có nhiệm kỳ mang đường dẫn “%(slug)s”.") % {"slug": slug}
        if errors:
            raise ValidationError(errors)


@reversion.register()
class Unit(SiteOwned):
    name = models.CharField(_("tên đơn vị"), max_length=160, help_text=_("Ví dụ: Ban Thường vụ Huyện ủy."))
    name_en = models.CharField(
        _("tên tiếng Anh"), max_length=160, blank=True, help_text=_("Cho trang tiếng Anh; để trống thì dùng tên Việt.")
    )
    slug = models.SlugField(_("đường dẫn"), max_length=160, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Ví dụ: Thường trực thuộc Ban Thường vụ, Ban Thường vụ thuộc Ban Chấp hành."),
    )
    description = models.TextField(_("chức năng, nhiệm vụ"), blank=True)
    description_en = models.TextField(_("chức năng, nhiệm vụ (tiếng Anh)"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ hơn đứng trước."))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = SiteQuerySet.as_manager()
    page_cache_tags = (PEOPLE_TAG,)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="people_unit_slug_unique_per_site"),
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="people_unit_not_its_own_parent",
                violation_error_message=_("Đơn vị không thể trực thuộc chính nó."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        for field in ("name", "name_en", "description", "description_en"):
            setattr(self, field, _clean_text(getattr(self, field)))
        self.slug = slugify_vi(self.slug or self.name, 160)
        super().save(*args, **kwargs)

    def name_in(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name

    def description_in(self, lang: str) -> str:
        return self.description_en if lang == "en" and self.description_en else self.description

    def clean(self):
        super().clean()
        errors = {}
        # A unit under one of its own sub-units would make a circle: the chart could not be drawn.
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                errors["parent"] = _("Đơn vị cấp trên không thể là chính đơn vị này hoặc một đơn vị trực thuộc nó.")
                break
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        slug = slugify_vi(self.slug or self.name, 160)
        if slug and Unit.objects.on(self.site_id).exclude(pk=self.pk).filter(slug=slug).exists():
            errors["slug"] = _("Đã có đơn vị mang đường dẫn “%(slug)s”; hãy nhập một đường dẫn khác.") % {"slug": slug}
        if errors:
            raise ValidationError(errors)


def validate_phone(value: str) -> None:
    """0273 3851 234, (0273) 3.851.234, +84 273 3851 234: what offices print; 8 to 15 digits."""
    digits = re.sub(r"[^0-9]", "", value)
    if not re.fullmatch(r"\+?[0-9 .()\-]+", value.strip()) or not 8 <= len(digits) <= 15:
        raise ValidationError(
            _(
                "Số điện thoại chỉ gồm 8 đến 15 chữ số, có thể kèm khoảng trắng, dấu chấm, gạch ngang, ngoặc "
                "và dấu + ở đầu, ví dụ: 0273 3851 234."
            ),
            code="invalid_phone",
        )


@reversion.register()
class Person(Editorial):
    name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=255, help_text=_("Ví dụ: Phó Bí thư Thường trực Huyện ủy."))
    position_en = models.CharField(
        _("chức vụ (tiếng Anh)"),
        max_length=255,
        blank=True,
        help_text=_("Cho trang tiếng Anh; để trống thì dùng chức vụ tiếng Việt."),
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="people")
    term = models.ForeignKey(Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="people")
    duties = models.TextField(_("nhiệm vụ được phân công"), blank=True, help_text=_("Mỗi nhiệm vụ một dòng."))
    duties_en = models.TextField(_("nhiệm vụ (tiếng Anh)"), blank=True)
    phone = models.CharField(
        _("điện thoại cơ quan"),
        max_length=30,
        blank=True,
        validators=[validate_phone],
        help_text=_("Ví dụ: 0273 3851 234."),
    )
    email = models.EmailField(_("thư điện tử công vụ"), blank=True, help_text=_("Ví dụ: vphu@tiengiang.gov.vn."))
    photo = models.ImageField(
        _("ảnh chân dung"),
        upload_to="people/%Y/",
        width_field="photo_width",
        height_field="photo_height",
        blank=True,
        validators=[validate_image],
        help_text=_("JPEG, PNG, WebP hoặc GIF; ảnh được kiểm tra, xoay đúng chiều và xóa thông tin EXIF."),
    )
    photo_alt = models.CharField(
        _("mô tả ảnh (alt)"),
        max_length=255,
        blank=True,
        help_text=_("Bắt buộc khi có ảnh, ví dụ: Ảnh chân dung đồng chí Nguyễn Văn A."),
    )
    # Stored so that pages print width/height (no layout shift) without opening the file.
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0, help_text=_("Số nhỏ hơn đứng trước."))
    is_leader = models.BooleanField(
        _("lãnh đạo"), default=False, help_text=_("Hiển thị trên trang Lãnh đạo (ngoài Cơ cấu tổ chức).")
    )

    page_cache_tags = (PEOPLE_TAG,)  # the people pages alone, never the news

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["order", "name", "id"]
        indexes = [
            # The leaders page: Person.objects.filter(term=..., is_leader=True) in order.
            models.Index(fields=["term", "is_leader", "order"], name="people_person_leaders_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_alt=""),
                name="people_person_photo_has_alt",
                violation_error_message=PHOTO_NEEDS_ALT,
            ),
        ]

    def __str__(self):
        return f"{self.name} - {self.position}"

    def save(self, *args, **kwargs):
        for field in ("name", "position", "position_en", "duties", "duties_en", "phone", "photo_alt"):
            setattr(self, field, _clean_text(getattr(self, field)))
        self.email = self.email.strip().lower()
        if is_new_upload(self.photo):
            store_image(self.photo)  # re-encoded, with its renditions
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The organisation page of the person's term, where every published person is shown."""
        url = reverse("people:organisation")
        return url if self.term.is_current else f"{url}?{TERM_PARAMETER}={self.term.slug}"

    def position_in(self, lang: str) -> str:
        return self.position_en if lang == "en" and self.position_en else self.position

    def duties_in(self, lang: str) -> list[str]:
        text = self.duties_en if lang == "en" and self.duties_en else self.duties
        return text.splitlines()

    def duties_lang(self, lang: str) -> str:
        """The language the duties are shown in (the English page falls back to Vietnamese)."""
        return "en" if lang == "en" and self.duties_en else "vi"

    def position_lang(self, lang: str) -> str:
        return "en" if lang == "en" and self.position_en else "vi"

    @property
    def phone_link(self) -> str:
        """tel:02733851234: what a phone dials, without the spaces and dots people write."""
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone) if self.phone else ""

    def clean(self):
        super().clean()
        if self.photo and not _clean_text(self.photo_alt):
            raise ValidationError({"photo_alt": PHOTO_NEEDS_ALT})
