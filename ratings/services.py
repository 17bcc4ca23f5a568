"""Casting, deleting and recounting votes: every write that touches a vote and its totals."""

import hashlib
import hmac
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

import pagecache
from articles.models import Article

from .models import Vote


class AlreadyVoted(Exception):
    """This reader has already rated this article."""


def keyed_hash(value: str, purpose: str) -> str:
    """HMAC-SHA256 with SECRET_KEY: what we store instead of a cookie value or an address."""
    key = f"{settings.SECRET_KEY}:{purpose}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


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


def client_address(request) -> str:
    """The reader's address: REMOTE_ADDR, or the one our own proxy put in X-Forwarded-For.

    With TRUSTED_PROXY_COUNT = n, the n-th address from the right of
    X-Forwarded-For is the one the outermost trusted proxy saw; anything left
    of it was written by the client and is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote


def throttle_group(address: str) -> str:
    """Who shares a vote allowance: an IPv4 address, or an IPv6 /64 - one home or phone
    gets a whole /64 and can pick any address in it."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:  # ::ffff:203.0.113.7 is the IPv4 reader 203.0.113.7
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def throttle_exceeded(request) -> bool:
    """Count this attempt against the address's hourly allowance; True once it is used up."""
    limit = settings.RATING_VOTES_PER_IP_PER_HOUR
    hour = int(time.time() // 3600)
    group = throttle_group(client_address(request))
    key = f"ratings:throttle:{keyed_hash(group, 'ratings.address')[:32]}:{hour}"
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


# While the shared cache is down, each process counts on its own: a reader's allowance is
# then at most that many times the number of worker processes, and votes keep coming.
_local_counts: dict[str, tuple[int, int]] = {}


def _count_locally(key: str, hour: int) -> int:
    if len(_local_counts) > 10_000:
        _local_counts.clear()
    counted_hour, count = _local_counts.get(key, (hour, 0))
    count = count + 1 if counted_hour == hour else 1
    _local_counts[key] = (hour, count)
    return count
