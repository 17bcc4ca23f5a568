"""The documents register's rules, each written once (as articles/querysets.py does)."""

from django.db.models import Q
from django.utils import timezone

from core.newsroom import NewsroomQuerySet, Status


def published_rule(now) -> Q:
    """What the public may see. A document that has expired or been replaced stays
    published (marked as such): a register keeps its history."""
    return Q(status=Status.PUBLISHED, published_at__lte=now)


def scheduled_rule(now) -> Q:
    return Q(status=Status.PUBLISHED, published_at__gt=now)


def in_force_rule(today) -> Q:
    """Still in force: not replaced, not past its expiry date."""
    return Q(replaced_by__isnull=True) & (Q(expires_on__isnull=True) | Q(expires_on__gt=today))


class DocumentQuerySet(NewsroomQuerySet):
    def published(self, now=None):
        return self.filter(published_rule(now or timezone.now()))

    def scheduled(self, now=None):
        return self.filter(scheduled_rule(now or timezone.now()))

    def newest_first(self):
        return self.order_by("-issued_on", "-published_at", "-id")

    def for_lists(self):
        return self.select_related("doc_type", "issuer", "field", "replaced_by").defer("body", "search_text")
