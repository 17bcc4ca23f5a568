"""Casting, deleting and recounting votes: every write that touches a vote and its totals."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

import pagecache
from articles.models import Article
from core.limits import hourly_limit_exceeded, keyed_hash

from .models import Vote


class AlreadyVoted(Exception):
    """This reader has already rated this article."""


def voter_key_for(token: str) -> str:
    return keyed_hash(token, "ratings.voter")


def vote_of(*, article: Article, token: str) -> int | None:
    """The stars this reader (by cookie token) gave this article, if any."""
    return Vote.objects.filter(article=article, voter_key=voter_key_for(token)).values_list("stars", flat=True).first()


def vote_cast(*, article: Article, stars: int, voter_key: str) -> Article:
    """Record one reader's vote and bump the article's totals in one transaction.

    The unique constraint (article, voter_key) refuses a second vote even when
    two arrive at the same moment; the F-expressions add to whatever the totals
    are at commit time, so concurrent votes are never lost.
    """
    if not 1 <= stars <= 5:
        raise ValueError(f"stars must be 1..5, not {stars}")
    try:
        with transaction.atomic():
            Vote.objects.create(article=article, stars=stars, voter_key=voter_key)
            Article.objects.filter(pk=article.pk).update(
                rating_sum=F("rating_sum") + stars, rating_count=F("rating_count") + 1
            )
    except IntegrityError:
        raise AlreadyVoted from None
    article.refresh_from_db(fields=["rating_sum", "rating_count"])
    return article


def vote_delete(*, vote: Vote) -> None:
    """Remove an abusive vote; the totals follow in the same transaction."""
    with transaction.atomic():
        deleted, _ = Vote.objects.filter(pk=vote.pk).delete()
        if deleted:
            Article.objects.filter(pk=vote.article_id).update(
                rating_sum=F("rating_sum") - vote.stars, rating_count=F("rating_count") - 1
            )


def recount(articles=None) -> int:
    """Recompute the totals of `articles` (default: all) from their votes, on top of the old
    portal's totals each article brought along (legacy_rating_*); returns rows updated."""
    votes = Vote.objects.filter(article=OuterRef("pk")).order_by().values("article")
    queryset = Article.objects.all() if articles is None else articles
    with transaction.atomic():
        updated = queryset.update(
            rating_sum=F("legacy_rating_sum")
            + Coalesce(Subquery(votes.annotate(s=Sum("stars")).values("s")), Value(0)),
            rating_count=F("legacy_rating_count")
            + Coalesce(Subquery(votes.annotate(c=Count("id")).values("c")), Value(0)),
        )
    pagecache.invalidate_all()  # an UPDATE sends no signal: every page may show these totals
    return updated


def legacy_totals_set(*, article_id: int, points: int, votes: int) -> None:
    """Give an article the old portal's totals (points over votes): the shown totals move by
    the difference, so the portal's own votes stay counted on top of them."""
    if not 0 <= votes <= points <= 5 * votes:
        raise ValueError(f"{points} points over {votes} votes cannot be 1 to 5 stars each")
    with transaction.atomic():
        # Every right-hand side reads the row as it was (PostgreSQL, SQLite): the old legacy totals.
        Article.objects.filter(pk=article_id).update(
            rating_sum=F("rating_sum") - F("legacy_rating_sum") + points,
            rating_count=F("rating_count") - F("legacy_rating_count") + votes,
            legacy_rating_sum=points,
            legacy_rating_count=votes,
        )


def throttle_exceeded(request) -> bool:
    """Count this vote against the address's hourly allowance (core/limits.py: an IPv6 /64 is one
    address; counted per process while the shared cache is down); True once it is used up."""
    return hourly_limit_exceeded(request, "ratings", settings.RATING_VOTES_PER_IP_PER_HOUR)
