"""A soft editing lock: "someone else has this article open" (the old portal had 180 s with takeover).

Kept in the shared cache, so that every app server sees it; it warns, it never
blocks: an editor can take over, and the other one is told at their next heartbeat.
"""

from django.core.cache import cache
from django.utils import timezone

import pagecache

LOCK_SECONDS = 180


def _key(article_id) -> str:
    return f"editlock:article:{article_id}"


class Unavailable(Exception):
    """The shared cache does not answer: nobody can be told who else has the article open."""


def acquire(article_id, user, *, takeover: bool) -> dict | None:
    """Take or renew the lock for `user`; return the other holder instead if there is one.
    Raises Unavailable when the shared cache is down (editing goes on without the lock)."""
    try:
        return _acquire(article_id, user, takeover=takeover)
    except pagecache.CACHE_ERRORS as error:
        raise Unavailable from error


def _acquire(article_id, user, *, takeover: bool) -> dict | None:
    holder = cache.get(_key(article_id))
    if holder and holder["user_id"] != user.pk and not takeover:
        return holder
    cache.set(
        _key(article_id),
        {
            "user_id": user.pk,
            "name": user.get_full_name() or user.get_username(),
            "time": f"{timezone.localtime():%H:%M}",
        },
        LOCK_SECONDS,
    )
    return None
