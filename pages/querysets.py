"""The pages' rules, each written once (as articles/querysets.py and documents/querysets.py do)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.editorial import EditorialQuerySet


class Language(models.TextChoices):
    VI = "vi", _("Tiếng Việt")
    EN = "en", _("Tiếng Anh")


class PageQuerySet(EditorialQuerySet):
    # published() and scheduled(): the editorial rule alone (core/editorial.py).

    def in_menu(self, language: str = Language.VI):
        """The published pages marked "hiện trên menu" of one language, in their order.
        The header reads it: each has `depth` (0 for the root) and get_absolute_url()."""
        return self.published().filter(language=language, show_in_menu=True).order_by("order", "title", "id")

    def in_tree_order(self):
        return self.order_by("order", "title", "id")
