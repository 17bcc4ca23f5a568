"""Full-page cache for anonymous readers, invalidated exactly: the tags and their versions.

A cached page is stored with the versions of the "tags" it depends on: every
page depends on CONTENT (anything any app shows in lists, menus or headers); a
view may name more (ArticleDetailView: its own article, for its rating totals).
A change bumps a tag's version in the "pages" cache; a page whose stored
versions differ is a miss. So a vote invalidates one article page, an editor's
save every page, in every worker process and on every app server that shares
the cache. Apps say what changed from their own signal receivers, through
pagecache.invalidate(); this package imports none of them.

A cached page never carries per-reader state: requests with a session or a
message cookie (editors, a reader just back from voting) bypass the cache,
and responses that set a cookie, vary on Cookie or are private are not stored.
Pages also expire at the next scheduled change that an app registered
(register_schedule), so a scheduled article appears at its minute without
anyone clearing anything.

The entries themselves (which request may be answered, under what key, the stored
page) are entries.py's. Hits are answered by FastPath (pagecache/wsgi.py) before
Django runs; PageCacheMiddleware, the first middleware, stores pages as the whole
stack made them. With Redis, each worker mirrors the versions it has read and Redis tells
it of every change (pagecache/versions.py): a hit needs no round trip.
"""

import functools
import time
import uuid
from collections.abc import Callable
from datetime import datetime

import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from .breaker import Breaker
from .compat import redis_primary_pool, redis_servers
from .versions import VersionMirror

# The cache alias pages and their versions live in: `manage.py clear_pages` empties it alone.
ALIAS = "pages"
CONTENT = "content"
PREFIX = "pagecache"
# What a cache that cannot be reached raises (LeftAlone included): readers then get pages made afresh.
CACHE_ERRORS = (RedisError, OSError)
# How long a page is kept past its freshness, as the last good copy served while the
# database does not answer (then marked stale: see stale_answer).
STALE_SECONDS = getattr(settings, "PAGE_STALE_SECONDS", 24 * 3600)


def store():
    """The pages cache, unless it failed a moment ago (then breaker.LeftAlone, at no cost)."""
    breaker.check()
    return caches[ALIAS]


def tag(kind: str, pk) -> str:
    """The tag of one object's pages, e.g. tag("article", 7): invalidate(tag(...)) clears them alone."""
    return f"{kind}:{pk}"


def version_key(name: str, site: int | None = None) -> str:
    """A tag's version: of one site's pages, or (site None) of the whole installation's."""
    return f"{PREFIX}:v:{name}" if site is None else f"{PREFIX}:v:{site}:{name}"


# --- sites: each site's pages have their own versions -------------------------------------
#
# One installation serves many sites (network/): a change on one clears only that site's
# pages. The network app tells which site a host name serves and which site is being served
# now (this package imports no app); with none registered there is one site, 0.
# GENERATION is every page of every site: invalidate_all().

GENERATION = "*"
# The pages of a site that show the content of the sites below it (a province's home page with
# its communes' newest articles): a change of content on a site clears them on every site above.
BELOW = "below"
CURRENT = object()  # invalidate()'s default site: the one being served now


def _no_site(host=None) -> int:
    return 0


def _none_above(site) -> tuple:
    return ()


_site_of_host: Callable[[str], int | None] = _no_site
_current_site: Callable[[], int] = _no_site
_sites_above: Callable[[int], tuple] = _none_above


def register_sites(
    site_of_host: Callable[[str], int | None], current_site: Callable[[], int], sites_above: Callable[[int], tuple]
) -> None:
    global _site_of_host, _current_site, _sites_above
    _site_of_host, _current_site, _sites_above = site_of_host, current_site, sites_above


def sites_above(site: int) -> tuple:
    return _sites_above(site)


def site_of_host(host: str) -> int | None:
    return _site_of_host(host)


def page_version_keys(tags, site: int | None) -> dict[str, str]:
    """{cache key: tag} of what a page of `site` showing `tags` depends on (GENERATION too)."""
    keys = {version_key(GENERATION): GENERATION}
    keys.update((version_key(name, site), name) for name in tags)
    return keys


# Versions expire too (nothing in the cache is kept forever): one that expires is given
# a new value on its next use, which only makes the pages under the old one misses.
VERSION_SECONDS = 7 * 24 * 3600


def invalidate(*tags: str, site=CURRENT) -> None:
    """Every cached page of `site` (the one being served unless told; None: the installation's
    own tags, as network's) that shows one of `tags` is stale from now on, on every app server.

    With the cache unreachable the change is not lost: no page is served from the cache
    until it answers again, and then every page is cleared (see breaker), so an edit or
    a vote made meanwhile goes through.
    """
    site = _current_site() if site is CURRENT else site
    keys = [version_key(name, site) for name in tags]
    try:
        store().set_many({key: uuid.uuid4().hex for key in keys}, timeout=VERSION_SECONDS)
        reader = _version_reader()
        if reader is not store():
            reader.forget(keys)
    except CACHE_ERRORS as error:
        breaker.failed(error)


def invalidate_all() -> None:
    """Every page of every site (a bulk update, a restored backup, `clear_pages`)."""
    invalidate(GENERATION, site=None)


# --- what apps register (AppConfig.ready) -------------------------------------------------

_schedules: list[Callable[[], datetime | None]] = []


def register_schedule(next_change: Callable[[], datetime | None]) -> None:
    """`next_change()` gives the next moment the app's public pages change by themselves
    (a scheduled publication, an expiry), or None: no page is kept past it."""
    if next_change not in _schedules:
        _schedules.append(next_change)


def reads(*names: str):
    """Decorator for a function view: the query parameters its pages read (a class-based
    view says it with a `cache_parameters` attribute). Any other parameter - fbclid,
    utm_* of a link shared on Zalo or Facebook, or ?x=<random> sent to fill the cache -
    changes nothing on the page, so it makes no other copy of it."""

    def decorate(view):
        @functools.wraps(view)
        def reading(*args, **kwargs):
            return view(*args, **kwargs)

        reading.cache_parameters = frozenset(names)
        return reading

    return decorate


def next_scheduled_change() -> datetime | None:
    moments = [moment for moment in (next_change() for next_change in _schedules) if moment]
    return min(moments, default=None)


# --- versions -----------------------------------------------------------------------------

_mirrors: dict[tuple, VersionMirror] = {}


def _version_reader():
    """What versions are read from: a VersionMirror for Redis (no round trip on a hit), else the cache."""
    backend = store()
    if not isinstance(backend, RedisCache):
        return backend
    identity = (redis_servers(backend), backend.key_prefix, backend.version)
    mirror = _mirrors.get(identity)
    if mirror is None:
        mirror = _mirrors.setdefault(identity, VersionMirror(backend, f"{PREFIX}:v:"))
    return mirror


def versions(tags, found: dict | None = None, site=None, page: bool = False) -> dict:
    """The current version of each tag (of `site`'s pages; None: the installation's), with
    GENERATION's for a page; `found` may hold some already read from the cache."""
    keys = page_version_keys(tags, site) if page else {version_key(name, site): name for name in tags}
    if found is None:
        found = _version_reader().get_many(list(keys))
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    if missing:
        # First use of a tag: give it a version, unless another process just did.
        backend = store()
        for key, value in missing.items():
            backend.add(key, value, timeout=VERSION_SECONDS)
        found.update(backend.get_many(list(missing)))
        for key, value in missing.items():
            found.setdefault(key, value)  # a cache that keeps nothing (dummy://): versions of this request only
    return {keys[key]: value for key, value in found.items() if key in keys}


def version_of(name: str) -> str:
    """The current version of one tag: it changes whenever that tag is invalidated (a key for
    what a process derives from the rows behind it, as network/registry.py does)."""
    return versions({name})[name]  # the installation's, not a site's


def content_version() -> str:
    """Changes whenever any content of the site being served does: a key for what is derived
    from all of it (the site header)."""
    found = versions({CONTENT}, site=_current_site(), page=True)
    return f"{found[GENERATION]}.{found[CONTENT]}"


def seconds_until_next_change(version: str) -> int | None:
    """Seconds until the next scheduled change that an app registered, if any.

    Worked out once per content version and kept in the cache: any edit bumps
    the version, so an edit that schedules something is taken into account.
    """
    key = f"{PREFIX}:next-change:{version}"
    backend = store()
    moment = backend.get(key)
    if moment is None or 0 < moment <= time.time():
        # Not worked out yet, or that moment has come: the one after it, then.
        upcoming = next_scheduled_change()
        moment = upcoming.timestamp() if upcoming else 0
        backend.set(key, moment, timeout=24 * 3600)
    if not moment:
        return None
    return max(0, int(moment - time.time()))


def enabled() -> bool:
    """False with CACHE_URL=dummy:// (a cache that keeps nothing): then nothing here runs."""
    return not isinstance(caches[ALIAS], DummyCache)


class _Breaker(Breaker):
    def returned(self) -> None:
        # The changes made while the cache was down could not be recorded.
        invalidate_all()


breaker = _Breaker()


def clear() -> int | None:
    """Remove every page and version from the pages cache; how many keys, where it can tell.

    Redis: the keys under the alias's own KEY_PREFIX only (its FLUSHDB would empty the
    default cache too, sessions' neighbours and vote throttles included).
    """
    backend = store()
    if not isinstance(backend, RedisCache):
        backend.clear()
        return None
    client = redis.Redis(connection_pool=redis_primary_pool(backend))
    keys = list(client.scan_iter(match=backend.make_key("*"), count=1000))
    for start in range(0, len(keys), 500):
        client.unlink(*keys[start : start + 500])
    return len(keys)
