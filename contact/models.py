from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.sites import SiteOwned, SiteQuerySet
from core.text import nfc


class MessageQuerySet(SiteQuerySet):
    def mark(self, state: str, *, by) -> int:
        """Put these messages in `state`, handled by `by` now; returns how many changed."""
        return self.exclude(state=state).update(state=state, handled_by=by, handled_at=timezone.now())

    def older_than(self, days: int):
        return self.filter(created_at__lt=timezone.now() - timedelta(days=days))


class Message(SiteOwned):
    """A citizen's message from the contact form (Liên hệ - Góp ý), kept for staff to answer."""

    class State(models.TextChoices):
        NEW = "new", _("Mới")
        IN_PROGRESS = "in_progress", _("Đang xử lý")
        ANSWERED = "answered", _("Đã trả lời")

    class Language(models.TextChoices):
        VI = "vi", _("Tiếng Việt")
        EN = "en", _("English")

    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), max_length=254, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"))
    consent = models.BooleanField(_("đồng ý xử lý dữ liệu cá nhân"), default=False)
    language = models.CharField(_("ngôn ngữ"), max_length=2, choices=Language.choices, default=Language.VI)
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, editable=False)
    state = models.CharField(_("trạng thái"), max_length=12, choices=State.choices, default=State.NEW)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    handled_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True, editable=False)
    staff_note = models.TextField(_("ghi chú của cán bộ"), blank=True)
    # Who sent it, as a keyed hash of the address's network (never the address itself):
    # enough to see that several messages came from one place, nothing to identify it.
    sender_key = models.CharField(_("mã người gửi"), max_length=64, blank=True, editable=False)
    # When the office was e-mailed about it: a retried task (core/tasks.py) never sends it twice.
    notified_at = models.DateTimeField(_("đã báo qua thư lúc"), null=True, blank=True, editable=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("góp ý")
        verbose_name_plural = _("Hộp thư góp ý")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The inbox filtered by state ("Mới" first thing in the morning), newest first.
            models.Index(fields=["state", "-created_at"], name="contact_message_state_idx"),
            # The unfiltered inbox, newest first, and delete_old_messages (created_at < cutoff).
            models.Index(fields=["-created_at"], name="contact_message_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""),
                name="contact_message_email_or_phone",
                violation_error_message=_("Cần thư điện tử hoặc số điện thoại để trả lời."),
            ),
            models.CheckConstraint(
                condition=Q(consent=True),
                name="contact_message_consent",
                violation_error_message=_("Góp ý chỉ được lưu khi người gửi đồng ý."),
            ),
        ]

    def __str__(self):
        return f"{self.name}: {self.subject}"

    def save(self, *args, **kwargs):
        for field in ("name", "email", "phone", "subject", "body", "staff_note"):
            setattr(self, field, nfc(getattr(self, field)).strip())
        super().save(*args, **kwargs)
