"""Receiving a citizen's message: the per-address limit, storing it, telling the office."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core import tasks
from core.addresses import client_address
from core.limits import address_group, hourly_limit_exceeded, keyed_hash
from core.sites import FIRST_SITE_ID, absolute_url
from network.registry import registry

from .models import Message

logger = logging.getLogger(__name__)


def retention_days() -> int:
    return getattr(settings, "CONTACT_RETENTION_DAYS", 365)


def sender_key(request) -> str:
    return keyed_hash(address_group(client_address(request)), "contact.sender")


def limit_exceeded(request) -> bool:
    """Count one message against the address's hourly allowance; True once it is used up."""
    return hourly_limit_exceeded(request, "contact", getattr(settings, "CONTACT_MESSAGES_PER_IP_PER_HOUR", 5))


def message_receive(
    *, name: str, email: str, phone: str, subject: str, body: str, language: str, sender_key: str
) -> Message:
    """Store a message (consent was given) and, once it is committed, e-mail the office."""
    with transaction.atomic():
        message = Message.objects.create(
            name=name,
            email=email,
            phone=phone,
            subject=subject,
            body=body,
            consent=True,
            language=language,
            sender_key=sender_key,
        )
        transaction.on_commit(lambda: tasks.enqueue(send_notice, message.pk))
    return message


def recipient(site) -> str:
    """Who is told of a new message on `site` (SiteInfo): its "hộp thư nhận góp ý", else for the
    first site CONTACT_EMAIL (else SITE_EMAIL) as the environment says, for another its e-mail."""
    if site is not None and site.contact_email:
        return site.contact_email
    if site is not None and site.pk != FIRST_SITE_ID and site.email:
        return site.email
    return getattr(settings, "CONTACT_EMAIL", settings.SITE_EMAIL)


def send_notice(message_id: int) -> None:
    """The task (core/tasks.py) that e-mails CONTACT_EMAIL that a message arrived. A failure is
    logged in one line and raised, for the queue to try again; the message is stored and the
    citizen has been thanked whatever happens. Safe to run again: a message is announced once,
    and one deleted meanwhile not at all."""
    message = Message.objects.filter(pk=message_id, notified_at=None).first()
    if message is None:
        return
    site = registry.site(message.site_id)
    to = recipient(site)
    # Read in a mail program: the whole address, on the message's own site (its admin lists it).
    admin_url = absolute_url(message.site_id, reverse("admin:contact_message_change", args=[message.pk]))
    lines = [
        f"Góp ý mới trên cổng thông tin {site.name if site else settings.SITE_NAME}.",
        "",
        f"Người gửi: {message.name}",
        f"Thư điện tử: {message.email or '-'}",
        f"Điện thoại: {message.phone or '-'}",
        f"Tiêu đề: {message.subject}",
        "",
        message.body,
        "",
        f"Xem và xử lý trong trang quản trị: {admin_url}",
    ]
    try:
        send_mail(
            subject=" ".join(f"[Góp ý] {message.subject}".split())[:200],  # one line: no header injection
            message="\n".join(lines),
            from_email=None,
            recipient_list=[to],
        )
    except Exception as error:
        logger.warning(
            "contact: e-mail for message %s to %s not sent (%s: %s)", message.pk, to, type(error).__name__, error
        )
        raise
    Message.objects.filter(pk=message.pk).update(notified_at=timezone.now())


def delete_old_messages(days: int | None = None) -> int:
    """Delete messages older than the retention period (Decree 13/2023); returns how many."""
    deleted, _ = Message.objects.older_than(retention_days() if days is None else days).delete()
    return deleted
