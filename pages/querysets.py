"""The pages' rules, each written once (as articles/querysets.py and documents/querysets.py do)."""

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


class Language(models.TextChoices):
    VI = "vi", _("Tiếng Việt")
    EN = "en", _("Tiếng Anh")


def published_rule(now) -> Q:
    """What the public may see: a page published, its moment come."""
    return Q(status=Status.PUBLISHED, published_at__lte=now)


def scheduled_rule(now) -> Q:
    return Q(status=Status.PUBLISHED, published_at__gt=now)


class PageQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(published_rule(now or timezone.now()))

    def scheduled(self, now=None):
        return self.filter(scheduled_rule(now or timezone.now()))

    def in_menu(self, language: str = Language.VI):
        """The published pages marked "hiện trên menu" of one language, in their order.
        The header reads it: each has `depth` (0 for the root) and get_absolute_url()."""
        return self.published().filter(language=language, show_in_menu=True).order_by("order", "title", "id")

    def for_editor(self, user):
        """What `user` may open in the admin: everything for approvers, a writer's own only."""
        if user.has_perm("pages.publish_page") or user.has_perm("pages.change_any_page"):
            return self
        if user.has_perm("pages.add_page") or user.has_perm("pages.change_page"):
            return self.filter(created_by=user)
        return self

    def in_tree_order(self):
        return self.order_by("order", "title", "id")
