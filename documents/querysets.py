"""The documents register's rules, each written once (as articles/querysets.py does)."""

from django.db.models import Q

from core.editorial import EditorialQuerySet

# What the public may see is the editorial rule (core/editorial.py) alone: a document that
# has expired or been replaced stays published (marked as such): a register keeps its history.


def in_force_rule(today) -> Q:
    """Still in force: not replaced, not past its expiry date."""
    return Q(replaced_by__isnull=True) & (Q(expires_on__isnull=True) | Q(expires_on__gt=today))


class DocumentQuerySet(EditorialQuerySet):
    def newest_first(self):
        return self.order_by("-issued_on", "-published_at", "-id")

    def for_lists(self):
        return self.select_related("doc_type", "issuer", "field", "replaced_by").defer("body", "search_text")
