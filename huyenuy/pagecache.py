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
"""

import functools
import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, set_response_etag

CONTENT = "content"
PREFIX = "pagecache"
BYPASS_PREFIXES = ("/admin/", "/quan-tri/", "/danh-gia/", "/healthz", "/media/", "/static/", "/xem-truoc/")
STORED_HEADERS = (
    *("Content-Type", "Content-Language", "Cache-Control", "Link", "Last-Modified"),
    *("ETag", "X-Robots-Tag", "X-Accel-Expires"),
)


def article_tag(pk: int) -> str:
    return f"article:{pk}"


def _version_key(tag: str) -> str:
    return f"{PREFIX}:v:{tag}"


def invalidate(*tags: str) -> None:
    cache.set_many({_version_key(tag): uuid.uuid4().hex for tag in tags}, timeout=None)


def invalidate_all() -> None:
    invalidate(CONTENT)


def invalidate_article(pk: int) -> None:
    invalidate(article_tag(pk))


def _versions(tags, found: dict | None = None) -> dict:
    """The current version of each tag; `found` may hold some already read from the cache."""
    keys = {_version_key(tag): tag for tag in tags}
    if found is None:
        found = cache.get_many(list(keys))
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


def _page_address(request) -> str:
    kept = sorted((key, value) for key, value in request.GET.items() if key in PAGE_PARAMETERS)
    return request.path + ("?" + urlencode(kept) if kept else "")


def _is_cacheable_request(request) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD") or not enabled():
        return False
    if request.path.startswith(BYPASS_PREFIXES):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _is_cacheable_response(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "Cookie" in response.get("Vary", ""):
        return False
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


class _RecentPages:
    """The last pages this process served, so that a hit reads only the (tiny) versions
    from the shared cache, not the page. A copy is used only while its versions are
    the current ones, so it is exactly as fresh as the shared entry."""

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


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.recent = _RecentPages()

    def __call__(self, request):
        if not _is_cacheable_request(request):
            return self.get_response(request)
        tags = _tags_for(request.path_info)
        digest = hashlib.sha256(f"{request.scheme}://{request.get_host()}{_page_address(request)}".encode())
        key = f"{PREFIX}:page:{digest.hexdigest()}"
        version_keys = [_version_key(tag) for tag in tags]
        entry = self.recent.get(key)
        if entry is not None:
            versions = _versions(tags)
        else:
            # One round trip for the page and the versions of what it shows.
            found = cache.get_many([key, *version_keys])
            entry = found.pop(key, None)
            versions = _versions(tags, found)
            if entry is not None:
                self.recent.put(key, entry)
        if entry is not None and entry["versions"] == versions:
            response = HttpResponse(entry["content"], status=200)
            for name, value in entry["headers"].items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if _is_cacheable_response(response):
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
            if timeout > 0:
                set_response_etag(response)  # once here, not on every hit
                headers = {name: response[name] for name in STORED_HEADERS if name in response}
                entry = {
                    "versions": versions,
                    "content": response.content,
                    "headers": headers,
                    "expires": time.time() + timeout,
                }
                cache.set(key, entry, timeout)
                self.recent.put(key, entry)
            response["X-Page-Cache"] = "miss"
        return response
