"""What every page's header and footer show (menu, banner, links), kept in the shared cache
and, for a minute, in each process.

Each piece is kept under the content version of the site being served (any edit of what the
header or footer shows bumps it) and never past the next scheduled change. The versions are
exact in every process (pagecache/versions.py: Redis tells each one the moment one changes),
so a copy of a piece under the current version is the piece itself: each process keeps the
copies it has read for LOCAL_SECONDS, and a page made afresh reads none of them from Redis.
What changes without an edit (the "Xem nhiều" counts) shows within CACHE_SECONDS plus that.
"""

import contextlib
import threading
import time
from collections.abc import Callable

from django.core.cache import cache

import pagecache

from .sites import current_site_id

# In the shared cache: one process builds a piece, the others read it.
CACHE_SECONDS = 300
# In each process: what a page made afresh reads instead of a round trip to Redis.
LOCAL_SECONDS = 60
# Copies kept at most in a process (pieces x sites x versions still within LOCAL_SECONDS).
LOCAL_ENTRIES = 2000

# key -> (piece, the moment it ends: time.time(), as the cache's own timeouts)
_local: dict[str, tuple[object, float]] = {}
_lock = threading.Lock()


def cached(name: str, build: Callable[[], dict]) -> dict:
    """`build()` for the site being served, from this process or the shared cache when they
    have it. With the cache down the page is still made, from the database."""
    return _kept(name, build, shared=True)


def rendered(name: str, render: Callable[[], str]) -> str:
    """`render()` (HTML made from pieces that cached() keeps) for the site being served,
    made once per content version in each process and kept LOCAL_SECONDS: a page made afresh
    spends neither a query nor the rendering on it. Not in the shared cache: each process
    makes it from the pieces there (a Redis read of each, once a minute)."""
    return _kept(name, render, shared=False)


def _kept(name: str, make: Callable, shared: bool):
    if not pagecache.enabled():
        return make()
    try:
        version = pagecache.content_version()
    except pagecache.CACHE_ERRORS:
        return make()
    key = f"{name}:{current_site_id()}:{version}"
    now = time.time()
    copy = _local.get(key)
    if copy is not None and now < copy[1]:
        return copy[0]
    piece = None
    if shared:
        try:
            piece = cache.get(key)
        except pagecache.CACHE_ERRORS:
            return make()
    # The cache may go between one call and the next (a Redis killed mid-request): the
    # page is made all the same, and the piece not kept this time.
    with contextlib.suppress(*pagecache.CACHE_ERRORS):
        until_change = pagecache.seconds_until_next_change(version)
        if piece is None:
            piece = make()
            timeout = CACHE_SECONDS if until_change is None else min(CACHE_SECONDS, until_change)
            if shared and timeout > 0:
                cache.set(key, piece, timeout)
        local = LOCAL_SECONDS if until_change is None else min(LOCAL_SECONDS, until_change)
        if local > 0:
            _keep(key, piece, now + local)
    return make() if piece is None else piece


def _keep(key: str, piece, until: float) -> None:
    with _lock:
        if len(_local) >= LOCAL_ENTRIES:
            now = time.time()
            for old in [old for old, (_, ends) in _local.items() if ends <= now]:
                del _local[old]
            # Still full (many sites, each with its header for every menu item): the oldest
            # quarter goes, not every copy at once.
            for old in list(_local)[: max(0, len(_local) - LOCAL_ENTRIES * 3 // 4)]:
                del _local[old]
        _local[key] = (piece, until)


def forget() -> None:
    """Drop this process's copies (tests; the shared cache cleared by hand)."""
    with _lock:
        _local.clear()
