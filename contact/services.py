"""Receiving a citizen's message: the per-address limit, storing it, telling the office."""

import hashlib
import hmac
import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

import pagecache
from core.addresses import client_address

from .models import Message

logger = logging.getLogger(__name__)


def retention_days() -> int:
    return getattr(settings, "CONTACT_RETENTION_DAYS", 365)


# The three helpers below repeat ratings/services.py (keyed_hash, throttle_group and the
# cache counter with its local fallback): an app may not import another content app.
# They are candidates for core/ once a third user appears.


def keyed_hash(value: str, purpose: str) -> str:
    """HMAC-SHA256 with SECRET_KEY: what we store instead of an address."""
    key = f"{settings.SECRET_KEY}:{purpose}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def address_group(address: str) -> str:
    """Who shares an allowance: an IPv4 address, or an IPv6 /64 (one home or phone has a whole /64)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def sender_key(request) -> str:
    return keyed_hash(address_group(client_address(request)), "contact.sender")


def limit_exceeded(request) -> bool:
    """Count one message against the address's hourly allowance; True once it is used up."""
    limit = getattr(settings, "CONTACT_MESSAGES_PER_IP_PER_HOUR", 5)
    hour = int(time.time() // 3600)
    group = address_group(client_address(request))
    key = f"contact:limit:{keyed_hash(group, 'contact.address')[:32]}:{hour}"
    try:
        cache.add(key, 0, timeout=3600)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=3600)
            count = 1
    except pagecache.CACHE_ERRORS:
        count = _count_locally(key, hour)
    return count > limit


# While the shared cache is down, each process counts on its own: an address's allowance is
# then at most that many times the number of worker processes, and messages still arrive.
_local_counts: dict[str, tuple[int, int]] = {}


def _count_locally(key: str, hour: int) -> int:
    if len(_local_counts) > 10_000:
        _local_counts.clear()
    counted_hour, count = _local_counts.get(key, (hour, 0))
    count = count + 1 if counted_hour == hour else 1
    _local_counts[key] = (hour, count)
    return count


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
        transaction.on_commit(lambda: notify(message))
    return message


def notify(message: Message) -> bool:
    """E-mail CONTACT_EMAIL that a message arrived. A failure is logged in one line and
    nothing else: the message is stored and the citizen has been thanked."""
    to = getattr(settings, "CONTACT_EMAIL", settings.SITE_EMAIL)
    admin_path = reverse("admin:contact_message_change", args=[message.pk])
    lines = [
        f"Góp ý mới trên cổng thông tin {settings.SITE_NAME}.",
        "",
        f"Người gửi: {message.name}",
        f"Thư điện tử: {message.email or '-'}",
        f"Điện thoại: {message.phone or '-'}",
        f"Tiêu đề: {message.subject}",
        "",
        message.body,
        "",
        f"Xem và xử lý trong trang quản trị: {admin_path}",
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
        return False
    return True


def delete_old_messages(days: int | None = None) -> int:
    """Delete messages older than the retention period (Decree 13/2023); returns how many."""
    deleted, _ = Message.objects.older_than(retention_days() if days is None else days).delete()
    return deleted
