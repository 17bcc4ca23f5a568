"""A soft editing lock: "someone else has this article open" (the old portal had 180 s with takeover).

Kept in the shared cache, so that every app server sees it; it warns, it never
blocks: an editor can take over, and the other one is told at their next heartbeat.
"""

from django.core.cache import cache
from django.utils import timezone

LOCK_SECONDS = 180


def _key(article_id) -> str:
    return f"editlock:article:{article_id}"


def acquire(article_id, user, *, takeover: bool) -> dict | None:
    """Take or renew the lock for `user`; return the other holder instead if there is one."""
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
