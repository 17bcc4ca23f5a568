"""The page cache's entries: which requests may be answered from it, under what key, and
the stored page itself (looked up, saved, answered, or served stale). The versions its
freshness is checked against are store.py's; the middleware and FastPath (wsgi.py) call
these."""

import functools
import hashlib
import re
import threading
import time
from collections import OrderedDict
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.urls import Resolver404, resolve

from . import store
from .store import CONTENT, PREFIX, STALE_SECONDS, enabled

PERSONAL_COOKIES = re.compile(r"(?:^|;)\s*(?:sessionid|messages|csrftoken)=")
GZIP = re.compile(r"\bgzip\b")  # as GZipMiddleware decides
ENVIRON_KEY = "pagecache.looked_up"


def bypass_prefixes() -> tuple[str, ...]:
    """Paths never looked up nor stored: the site's private addresses, static files and uploads."""
    return (*settings.PRIVATE_URL_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL)


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


def lookup(key: str, path: str, host: str) -> tuple[dict | None, dict, dict | None]:
    """The fresh entry under `key` (or None), the current versions of what the page shows
    (on the site `host` serves), and the last good copy when there is one but it is not
    fresh (see stale_answer)."""
    tags = _page_facts(path)[0]
    site = store.site_of_host(host)
    returning = store.breaker.down  # the cache failed before: this is its first try since
    entry = recent.get(key)
    if entry is not None:
        versions = store.versions(tags, site=site, page=True)
    else:
        # One round trip for the page and the versions of what it shows.
        found = store.store().get_many([key, *store.page_version_keys(tags, site)])
        entry = found.pop(key, None)
        versions = store.versions(tags, found, site=site, page=True)
        if entry is not None and _fresh(entry):
            recent.put(key, entry)
    store.breaker.succeeded()
    if returning:
        # It answered, so every page was just cleared (store._Breaker.returned): the versions
        # read above are from before that, and the entry may show what changed meanwhile.
        versions = store.versions(tags, site=site, page=True)
        return None, versions, entry
    if entry is not None and (entry["versions"] != versions or not _fresh(entry)):
        return None, versions, entry
    return entry, versions, None


def _fresh(entry: dict) -> bool:
    return entry.get("expires", 0) > time.time()


def save(key: str, entry: dict, timeout: int) -> None:
    # Kept past its freshness ("expires") as the last good copy: see stale_answer.
    store.store().set(key, entry, timeout + STALE_SECONDS)
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
