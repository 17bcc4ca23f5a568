"""The pages' rules, each written once (as articles/querysets.py and documents/querysets.py do)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.newsroom import NewsroomQuerySet, Status


class Language(models.TextChoices):
    VI = "vi", _("Tiếng Việt")
    EN = "en", _("Tiếng Anh")


def published_rule(now) -> Q:
    """What the public may see: a page published, its moment come."""
    return Q(status=Status.PUBLISHED, published_at__lte=now)


def scheduled_rule(now) -> Q:
    return Q(status=Status.PUBLISHED, published_at__gt=now)


class PageQuerySet(NewsroomQuerySet):
    def published(self, now=None):
        return self.filter(published_rule(now or timezone.now()))

    def scheduled(self, now=None):
        return self.filter(scheduled_rule(now or timezone.now()))

    def in_menu(self, language: str = Language.VI):
        """The published pages marked "hiện trên menu" of one language, in their order.
        The header reads it: each has `depth` (0 for the root) and get_absolute_url()."""
        return self.published().filter(language=language, show_in_menu=True).order_by("order", "title", "id")

    def in_tree_order(self):
        return self.order_by("order", "title", "id")
