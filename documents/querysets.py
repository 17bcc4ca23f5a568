"""The documents register's rules, each written once (as articles/querysets.py does)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The newsroom's workflow, the same steps as an article's."""

    DRAFT = "draft", _("Bản nháp")
    PENDING = "pending", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã xuất bản")
    UNPUBLISHED = "unpublished", _("Đã gỡ xuống")


def published_rule(now) -> Q:
    """What the public may see. A document that has expired or been replaced stays
    published (marked as such): a register keeps its history."""
    return Q(status=Status.PUBLISHED, published_at__lte=now)


def scheduled_rule(now) -> Q:
    return Q(status=Status.PUBLISHED, published_at__gt=now)


def in_force_rule(today) -> Q:
    """Still in force: not replaced, not past its expiry date."""
    return Q(replaced_by__isnull=True) & (Q(expires_on__isnull=True) | Q(expires_on__gt=today))


class DocumentQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(published_rule(now or timezone.now()))

    def scheduled(self, now=None):
        return self.filter(scheduled_rule(now or timezone.now()))

    def for_editor(self, user):
        """What `user` may open in the admin: everything for approvers, a writer's own only."""
        if user.has_perm("documents.publish_document") or user.has_perm("documents.change_any_document"):
            return self
        if user.has_perm("documents.add_document") or user.has_perm("documents.change_document"):
            return self.filter(created_by=user)
        return self

    def newest_first(self):
        return self.order_by("-issued_on", "-published_at", "-id")

    def for_lists(self):
        return self.select_related("doc_type", "issuer", "field", "replaced_by").defer("body", "search_text")
