"""Full-page cache for anonymous readers, invalidated exactly: its entries and versions.

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

Hits are answered by FastPath (pagecache/wsgi.py) before Django runs;
PageCacheMiddleware, the first middleware, stores pages as the whole stack made
them. With Redis, each worker mirrors the versions it has read and Redis tells
it of every change (pagecache/versions.py): a hit needs no round trip.
"""

import functools
import hashlib
import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from urllib.parse import parse_qsl, urlencode

import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.redis import RedisCache
from django.urls import Resolver404, resolve
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


def _version_key(name: str) -> str:
    return f"{PREFIX}:v:{name}"


# Versions expire too (nothing in the cache is kept forever): one that expires is given
# a new value on its next use, which only makes the pages under the old one misses.
VERSION_SECONDS = 7 * 24 * 3600


def invalidate(*tags: str) -> None:
    """Every cached page that shows one of `tags` is stale from now on, on every app server.

    With the cache unreachable the change is not lost: no page is served from the cache
    until it answers again, and then every page is cleared (see breaker), so an edit or
    a vote made meanwhile goes through.
    """
    keys = [_version_key(name) for name in tags]
    try:
        store().set_many({key: uuid.uuid4().hex for key in keys}, timeout=VERSION_SECONDS)
        reader = _version_reader()
        if reader is not store():
            reader.forget(keys)
    except CACHE_ERRORS as error:
        breaker.failed(error)


def invalidate_all() -> None:
    invalidate(CONTENT)


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


def _versions(tags, found: dict | None = None) -> dict:
    """The current version of each tag; `found` may hold some already read from the cache."""
    keys = {_version_key(name): name for name in tags}
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


def content_version() -> str:
    """Changes whenever any content does: a key for what is derived from all of it (the site header)."""
    return _versions({CONTENT})[CONTENT]


@functools.lru_cache(maxsize=4096)
def _page_facts(path: str) -> tuple[frozenset[str], frozenset[str]]:
    """The tags of the page at `path` and the query parameters it reads, asked of its view
    (`cache_tags(**kwargs)` and `cache_parameters`) before it renders.

    Reading the versions before rendering means a change that lands while the
    page renders leaves a stale entry under an old version: a miss next time.
    """
    tags = {CONTENT}
    try:
        match = resolve(path)
    except Resolver404:
        return frozenset(tags), frozenset()
    view = getattr(match.func, "view_class", match.func)
    if hasattr(view, "cache_tags"):
        tags.update(view.cache_tags(**match.kwargs))
    return frozenset(tags), frozenset(getattr(view, "cache_parameters", ()))


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


# --- requests and entries -----------------------------------------------------------------

PERSONAL_COOKIES = re.compile(r"(?:^|;)\s*(?:sessionid|messages|csrftoken)=")
GZIP = re.compile(r"\bgzip\b")  # as GZipMiddleware decides
ENVIRON_KEY = "pagecache.looked_up"


def bypass_prefixes() -> tuple[str, ...]:
    """Paths never looked up nor stored: the site's private addresses, static files and uploads."""
    return (*settings.PRIVATE_URL_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL)


def _page_address(path: str, query_string: str) -> str:
    if not query_string:
        return path
    read = _page_facts(path)[1]
    if not read:
        return path
    # The last value of each parameter, as request.GET[name] reads it.
    values = dict(parse_qsl(query_string, keep_blank_values=True))
    kept = sorted((key, value) for key, value in values.items() if key in read)
    return path + ("?" + urlencode(kept) if kept else "")


class _Breaker(Breaker):
    def returned(self) -> None:
        # The changes made while the cache was down could not be recorded.
        invalidate_all()


breaker = _Breaker()


def is_cacheable_request(meta) -> bool:
    """A GET or HEAD of a public page by a reader without a session, a message or a CSRF cookie.

    `meta` is the WSGI environ (request.META): the same test before and inside Django.
    """
    if settings.PAGE_CACHE_SECONDS <= 0 or meta.get("REQUEST_METHOD") not in ("GET", "HEAD") or not enabled():
        return False
    path = meta.get("PATH_INFO", "")
    if not path.isascii() or path.startswith(bypass_prefixes()):
        return False
    return not PERSONAL_COOKIES.search(meta.get("HTTP_COOKIE", ""))


def page_key(meta, scheme: str, host: str) -> str:
    """One entry per address (page parameters only), scheme, host and encoding (gzip or not)."""
    address = _page_address(meta.get("PATH_INFO", ""), meta.get("QUERY_STRING", ""))
    gzip = "gzip" if GZIP.search(meta.get("HTTP_ACCEPT_ENCODING", "")) else "identity"
    return f"{PREFIX}:page:{hashlib.sha256(f'{scheme}://{host}{address} {gzip}'.encode()).hexdigest()}"


def is_cacheable_response(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "Cookie" in response.get("Vary", ""):
        return False
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


class _RecentPages:
    """The last pages this process served, so that a hit reads only the (tiny) versions,
    not the page. A copy is used only while its versions are the current ones, so it
    is exactly as fresh as the shared entry."""

    def __init__(self, size: int = 256):
        self.size = size
        self.pages: OrderedDict[str, dict] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self.lock:
            entry = self.pages.get(key)
            if entry is None or entry.get("expires", 0) <= time.time():
                return None
            self.pages.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        with self.lock:
            self.pages[key] = entry
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


recent = _RecentPages()


def lookup(key: str, path: str) -> tuple[dict | None, dict, dict | None]:
    """The fresh entry under `key` (or None), the current versions of what the page shows,
    and the last good copy when there is one but it is not fresh (see stale_answer)."""
    tags = _page_facts(path)[0]
    returning = breaker.down  # the cache failed before: this is its first try since
    entry = recent.get(key)
    if entry is not None:
        versions = _versions(tags)
    else:
        # One round trip for the page and the versions of what it shows.
        found = store().get_many([key, *(_version_key(name) for name in tags)])
        entry = found.pop(key, None)
        versions = _versions(tags, found)
        if entry is not None and _fresh(entry):
            recent.put(key, entry)
    breaker.succeeded()
    if returning:
        # It answered, so every page was just cleared (_Breaker.returned): the versions
        # read above are from before that, and the entry may show what changed meanwhile.
        versions = _versions(tags)
        return None, versions, entry
    if entry is not None and (entry["versions"] != versions or not _fresh(entry)):
        return None, versions, entry
    return entry, versions, None


def _fresh(entry: dict) -> bool:
    return entry.get("expires", 0) > time.time()


def save(key: str, entry: dict, timeout: int) -> None:
    # Kept past its freshness ("expires") as the last good copy: see stale_answer.
    store().set(key, entry, timeout + STALE_SECONDS)
    recent.put(key, entry)


def _not_modified(entry, meta) -> bool:
    etag = entry["etag"]
    wanted = meta.get("HTTP_IF_NONE_MATCH")
    if not etag or not wanted:
        return False
    tags = {value.strip().removeprefix("W/") for value in wanted.split(",")}
    return "*" in tags or etag.removeprefix("W/") in tags


# Headers a 304 repeats (RFC 9110 15.4.5), as ConditionalGetMiddleware does.
NOT_MODIFIED_HEADERS = frozenset({"cache-control", "content-location", "date", "etag", "expires", "vary"})


def answer(entry, meta) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body of a hit: the stored page, or 304 if the reader has it."""
    if _not_modified(entry, meta):
        headers = [(name, value) for name, value in entry["headers"] if name.lower() in NOT_MODIFIED_HEADERS]
        return 304, [*headers, ("X-Page-Cache", "hit")], b""
    content = entry["content"]
    headers = [*entry["headers"], ("Content-Length", str(len(content))), ("X-Page-Cache", "hit")]
    return 200, headers, b"" if meta.get("REQUEST_METHOD") == "HEAD" else content


# What a stale copy does not repeat: it tells every cache to keep nothing.
STALE_DROPPED_HEADERS = frozenset({"cache-control", "expires", "x-accel-expires"})


def stale_answer(entry, meta) -> tuple[int, list[tuple[str, str]], bytes]:
    """The last good copy of a page that cannot be made now (the database does not answer:
    the page was made again and came out a 503). Marked so that nobody keeps it: no-store
    for browsers, X-Accel-Expires: 0 for nginx's micro-cache, and Warning: 110 (RFC 7234)
    with X-Page-Cache: stale for people and monitors."""
    content = entry["content"]
    headers = [(name, value) for name, value in entry["headers"] if name.lower() not in STALE_DROPPED_HEADERS]
    headers += [
        ("Cache-Control", "no-store"),
        ("X-Accel-Expires", "0"),
        ("Warning", '110 - "Response is Stale"'),
        ("Content-Length", str(len(content))),
        ("X-Page-Cache", "stale"),
    ]
    return 200, headers, b"" if meta.get("REQUEST_METHOD") == "HEAD" else content


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
