"""Finding documents: by number as people type it, by any word a reader sees, no diacritics.

"15-NQ/HU", "15 nq hu" and "nq 15" are the same words ["15", "nq", "hu"] or a part of
them; a document whose number has every word comes first, then the others that
contain them all (its trích yếu, signer, issuer, the text of its PDFs).
"""

from django.db.models import Case, IntegerField, Q, Value, When


def search_documents(queryset, words: list[str]):
    if not words:
        return queryset
    number_has_all, text_has_all = Q(), Q()
    for word in words:
        number_has_all &= Q(number_key__contains=f" {word} ")
        text_has_all &= Q(search_text__contains=f" {word} ")
    rank = Case(When(number_has_all, then=Value(2)), default=Value(1), output_field=IntegerField())
    return queryset.filter(text_has_all).annotate(rank=rank).order_by("-rank", "-issued_on", "-published_at", "-id")
