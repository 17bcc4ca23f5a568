"""Full-page cache for anonymous readers, invalidated exactly.

A cached page is stored with the versions of the "tags" it depends on: every
page depends on CONTENT (any article, category or banner change), an article
page also on its own article tag (its rating totals). A change bumps a tag's
version in the shared cache; a page whose stored versions differ is a miss.
So a vote invalidates one article page, an editor's save every page, in every
worker process and on every app server that shares the cache.

A cached page never carries per-reader state: requests with a session or a
message cookie (editors, a reader just back from voting) bypass the cache,
and responses that set a cookie, vary on Cookie or are private are not stored.
Pages also expire at the next scheduled publication or expiry, so a scheduled
article appears at its minute without anyone clearing anything.

Hits are answered by FastPath (a WSGI wrapper, huyenuy/wsgi.py) before Django
runs; PageCacheMiddleware, the first middleware, stores pages as the whole
stack made them. With Redis, each worker mirrors the versions it has read and
Redis tells it of every change (huyenuy/versions.py): a hit needs no round trip.
"""

import functools
import hashlib
import logging
import re
import threading
import time
import uuid
from collections import OrderedDict
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.redis import RedisCache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, set_response_etag
from redis.exceptions import RedisError

from huyenuy.versions import VersionMirror

CONTENT = "content"
PREFIX = "pagecache"
BYPASS_PREFIXES = ("/admin/", "/quan-tri/", "/danh-gia/", "/healthz", "/media/", "/static/", "/xem-truoc/")


def article_tag(pk: int) -> str:
    return f"article:{pk}"


def _version_key(tag: str) -> str:
    return f"{PREFIX}:v:{tag}"


def invalidate(*tags: str) -> None:
    keys = [_version_key(tag) for tag in tags]
    cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)
    reader = _version_reader()
    if reader is not cache:
        reader.forget(keys)


def invalidate_all() -> None:
    invalidate(CONTENT)


def invalidate_article(pk: int) -> None:
    invalidate(article_tag(pk))


_mirrors: dict[tuple, VersionMirror] = {}


def _version_reader():
    """What versions are read from: a VersionMirror for Redis (no round trip on a hit), else the cache."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return cache
    identity = (tuple(backend._servers), backend.key_prefix, backend.version)
    mirror = _mirrors.get(identity)
    if mirror is None:
        mirror = _mirrors.setdefault(identity, VersionMirror(backend, f"{PREFIX}:v:"))
    return mirror


def _versions(tags, found: dict | None = None) -> dict:
    """The current version of each tag; `found` may hold some already read from the cache."""
    keys = {_version_key(tag): tag for tag in tags}
    if found is None:
        found = _version_reader().get_many(list(keys))
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    if missing:
        # First use of a tag: give it a version, unless another process just did.
        for key, value in missing.items():
            cache.add(key, value, timeout=None)
        found.update(cache.get_many(list(missing)))
        for key, value in missing.items():
            found.setdefault(key, value)  # a cache that keeps nothing (dummy://): versions of this request only
    return {keys[key]: value for key, value in found.items() if key in keys}


def content_version() -> str:
    return _versions({CONTENT})[CONTENT]


@functools.lru_cache(maxsize=4096)
def _tags_for(path: str) -> frozenset[str]:
    """Tags of the page at `path`, asked of its view before it renders.

    Reading the versions before rendering means a change that lands while the
    page renders leaves a stale entry under an old version: a miss next time.
    """
    tags = {CONTENT}
    try:
        match = resolve(path)
    except Resolver404:
        return frozenset(tags)
    view_class = getattr(match.func, "view_class", None)
    if view_class is not None and hasattr(view_class, "cache_tags"):
        tags.update(view_class.cache_tags(**match.kwargs))
    return frozenset(tags)


def seconds_until_next_change(content_version: str) -> int | None:
    """Seconds until the next scheduled publication or expiry (articles, banners), if any.

    Worked out once per content version and kept in the cache: any edit bumps
    the version, so an edit that schedules something is taken into account.
    """
    key = f"{PREFIX}:next-change:{content_version}"
    moment = cache.get(key)
    if moment is None or 0 < moment <= time.time():
        # Not worked out yet, or that moment has come: the one after it, then.
        from articles.models import next_scheduled_change

        upcoming = next_scheduled_change()
        moment = upcoming.timestamp() if upcoming else 0
        cache.set(key, moment, timeout=24 * 3600)
    if not moment:
        return None
    return max(0, int(moment - time.time()))


def enabled() -> bool:
    """False with CACHE_URL=dummy:// (a cache that keeps nothing): then nothing here runs."""
    return not isinstance(caches["default"], DummyCache)


# The query parameters pages read; others (fbclid, utm_* of a link shared on Zalo or
# Facebook) change nothing on the page, so they don't make another copy of it.
PAGE_PARAMETERS = frozenset({"truoc", "sau", "q", "trang", "chuyen_muc", "tu_ngay", "den_ngay", "p"})
PERSONAL_COOKIES = re.compile(r"(?:^|;)\s*(?:sessionid|messages|csrftoken)=")
GZIP = re.compile(r"\bgzip\b")  # as GZipMiddleware decides
ENVIRON_KEY = "huyenuy.pagecache"


def _page_address(path: str, query_string: str) -> str:
    if not query_string:
        return path
    # The last value of each parameter, as request.GET[name] reads it.
    values = dict(parse_qsl(query_string, keep_blank_values=True))
    kept = sorted((key, value) for key, value in values.items() if key in PAGE_PARAMETERS)
    return path + ("?" + urlencode(kept) if kept else "")


def _is_cacheable_request(meta) -> bool:
    """A GET or HEAD of a public page by a reader without a session, a message or a CSRF cookie.

    `meta` is the WSGI environ (request.META): the same test before and inside Django.
    """
    if settings.PAGE_CACHE_SECONDS <= 0 or meta.get("REQUEST_METHOD") not in ("GET", "HEAD") or not enabled():
        return False
    path = meta.get("PATH_INFO", "")
    if not path.isascii() or path.startswith(BYPASS_PREFIXES):
        return False
    return not PERSONAL_COOKIES.search(meta.get("HTTP_COOKIE", ""))


def _page_key(meta, scheme: str, host: str) -> str:
    """One entry per address (page parameters only), scheme, host and encoding (gzip or not)."""
    address = _page_address(meta.get("PATH_INFO", ""), meta.get("QUERY_STRING", ""))
    gzip = "gzip" if GZIP.search(meta.get("HTTP_ACCEPT_ENCODING", "")) else "identity"
    return f"{PREFIX}:page:{hashlib.sha256(f'{scheme}://{host}{address} {gzip}'.encode()).hexdigest()}"


def _is_cacheable_response(response) -> bool:
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


_recent = _RecentPages()


def _lookup(key: str, path: str) -> tuple[dict | None, dict]:
    """The fresh entry under `key` (or None) and the current versions of what the page shows."""
    tags = _tags_for(path)
    entry = _recent.get(key)
    if entry is not None:
        versions = _versions(tags)
    else:
        # One round trip for the page and the versions of what it shows.
        found = cache.get_many([key, *(_version_key(tag) for tag in tags)])
        entry = found.pop(key, None)
        versions = _versions(tags, found)
        if entry is not None:
            _recent.put(key, entry)
    if entry is not None and entry["versions"] != versions:
        entry = None
    return entry, versions


def _not_modified(entry, meta) -> bool:
    etag = entry["etag"]
    wanted = meta.get("HTTP_IF_NONE_MATCH")
    if not etag or not wanted:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in wanted.split(",")}
    return "*" in tags or etag.removeprefix("W/") in tags


# Headers a 304 repeats (RFC 9110 15.4.5), as ConditionalGetMiddleware does.
NOT_MODIFIED_HEADERS = frozenset({"cache-control", "content-location", "date", "etag", "expires", "vary"})


def _answer(entry, meta) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body of a hit: the stored page, or 304 if the reader has it."""
    if _not_modified(entry, meta):
        headers = [(name, value) for name, value in entry["headers"] if name.lower() in NOT_MODIFIED_HEADERS]
        return 304, [*headers, ("X-Page-Cache", "hit")], b""
    content = entry["content"]
    headers = [*entry["headers"], ("Content-Length", str(len(content))), ("X-Page-Cache", "hit")]
    return 200, headers, b"" if meta.get("REQUEST_METHOD") == "HEAD" else content


def _scheme(environ) -> str:
    """request.scheme without a request: SECURE_PROXY_SSL_HEADER first, as Django reads it."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


# What a cache that cannot be reached raises: readers then get pages made afresh.
CACHE_ERRORS = (RedisError, OSError)
logger = logging.getLogger(__name__)


class FastPath:
    """WSGI wrapper (huyenuy/wsgi.py): a fresh cached page is answered before Django
    builds a request or runs a middleware; a few string tests and the versions
    (from the mirror with Redis) are all a hit costs. Anything else goes to Django,
    with what was looked up left in the environ for PageCacheMiddleware to store
    the page under.
    """

    STATUS = {200: "200 OK", 304: "304 Not Modified"}

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        host = environ.get("HTTP_HOST")
        if host and _is_cacheable_request(environ):
            key = _page_key(environ, _scheme(environ), host)
            try:
                entry, versions = _lookup(key, environ["PATH_INFO"])
            except CACHE_ERRORS:
                logger.exception("Page cache unreachable: serving pages without it")
                environ[ENVIRON_KEY] = None
                return self.application(environ, start_response)
            if entry is not None:
                status, headers, body = _answer(entry, environ)
                start_response(self.STATUS[status], headers)
                return [body]
            environ[ENVIRON_KEY] = (key, versions)
        return self.application(environ, start_response)


class PageCacheMiddleware:
    """The first middleware: serves hits (when FastPath did not) and stores anonymous pages
    as the whole stack made them: security headers, CSP, ETag, gzip (one entry per encoding).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if not _is_cacheable_request(meta):
            return self.get_response(request)
        key = _page_key(meta, request.scheme, request.get_host())
        looked_up = meta.pop(ENVIRON_KEY, ())
        if looked_up is None:  # FastPath found the cache unreachable
            return self.get_response(request)
        if looked_up and looked_up[0] == key:
            versions = looked_up[1]
        else:
            try:
                entry, versions = _lookup(key, request.path_info)
            except CACHE_ERRORS:
                logger.exception("Page cache unreachable: serving pages without it")
                return self.get_response(request)
            if entry is not None:
                status, headers, body = _answer(entry, meta)
                response = HttpResponse(body, status=status)
                for name, value in headers:
                    response[name] = value
                return response

        response = self.get_response(request)
        if _is_cacheable_response(response):
            try:
                self.store(request, response, key, versions)
            except CACHE_ERRORS:
                logger.exception("Page cache unreachable: page not stored")
        return response

    def store(self, request, response, key, versions) -> None:
        timeout = settings.PAGE_CACHE_SECONDS
        until_change = seconds_until_next_change(versions[CONTENT])
        if until_change is not None:
            timeout = min(timeout, until_change)
        patch_cache_control(response, public=True, max_age=min(timeout, settings.PAGE_MAX_AGE))
        front = min(timeout, settings.FRONT_CACHE_SECONDS)
        if front > 0:
            # Only pages marked so are kept by nginx's micro-cache (deploy/nginx.conf);
            # nginx removes the header before it reaches the browser.
            response["X-Accel-Expires"] = str(front)
        if timeout > 0 and request.method == "GET":
            if not response.has_header("ETag"):
                set_response_etag(response)
            entry = {
                "versions": versions,
                "content": response.content,
                "headers": [(name, value) for name, value in response.items() if name.lower() != "content-length"],
                "etag": response.get("ETag", ""),
                "expires": time.time() + timeout,
            }
            cache.set(key, entry, timeout)
            _recent.put(key, entry)
        response["X-Page-Cache"] = "miss"
