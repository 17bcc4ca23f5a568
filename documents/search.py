"""Finding documents: by number as people type it, by any word a reader sees, no diacritics.

"15-NQ/HU", "15 nq hu" and "nq 15" are the same words ["15", "nq", "hu"] or a part of
them; a document whose number has every word comes first, then the others that
contain them all (its trích yếu, signer, issuer, the text of its PDFs).
"""

from django.db import connection
from django.db.models import BooleanField, Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape

from core import sitesearch

from .models import REGISTER_TAG, Document


def search_documents(queryset, words: list[str]):
    if not words:
        return queryset
    number_has_all = Q()
    for word in words:
        number_has_all &= Q(number_key__contains=f" {word} ")
    rank = Case(When(number_has_all, then=Value(2)), default=Value(1), output_field=IntegerField())
    return _with_every_word(queryset, words).annotate(rank=rank).order_by("-rank", "-issued_on", "-published_at", "-id")


def _with_every_word(queryset, words: list[str]):
    if connection.vendor == "postgresql":
        # Through the GIN index of the word vector (migration 0004); words are [a-z0-9]+ only.
        query = " & ".join(words)
        return queryset.filter(
            RawSQL("documents_document.search_vector @@ to_tsquery('simple', %s)", [query], output_field=BooleanField())
        )
    for word in words:
        queryset = queryset.filter(search_text__contains=f" {word} ")
    return queryset


# --- the register's part of the site's search (core/sitesearch.py) ---

NUMBER_RANK = 5  # above every article: whoever types a number wants that document


def candidates(words: list[str], filters: dict):
    documents = Document.objects.published()
    if filters.get("tu_ngay"):
        documents = documents.filter(issued_on__gte=filters["tu_ngay"])
    if filters.get("den_ngay"):
        documents = documents.filter(issued_on__lte=filters["den_ngay"])
    rows = search_documents(documents, words).values_list("rank", "issued_on", "pk")[: sitesearch.MAX_PER_KIND]
    return [(NUMBER_RANK if rank == 2 else 2, issued_on, pk) for rank, issued_on, pk in rows]


def results(pks: list[int], words: list[str]) -> dict:
    kind = sitesearch.get("van-ban")
    documents = Document.objects.filter(pk__in=pks).select_related("doc_type", "issuer").defer("body", "search_text")
    return {
        document.pk: sitesearch.Result(
            kind=kind,
            title=f"{document.doc_type.name} số {document.number}",
            url=document.get_absolute_url(),
            when=document.issued_on,
            meta=f"{document.issuer.name} · {document.force_state()}",
            excerpt=escape(document.summary),
        )
        for document in documents
    }


def register():
    sitesearch.register(
        sitesearch.Kind(
            slug="van-ban",
            label="Văn bản",
            noun="văn bản",
            candidates=candidates,
            results=results,
            cache_tags=frozenset({REGISTER_TAG}),
        )
    )
