"""PageCacheMiddleware: the first middleware; stores what FastPath (pagecache/wsgi.py) serves."""

import time

from django.conf import settings
from django.db import Error as DatabaseError
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag

from . import entries, store


class PageCacheMiddleware:
    """The first middleware: serves hits (when FastPath did not) and stores anonymous pages
    as the whole stack made them: security headers, CSP, ETag, gzip (one entry per encoding).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if not entries.is_cacheable_request(meta):
            return self.get_response(request)
        key = entries.page_key(meta, request.scheme, request.get_host())
        looked_up = meta.pop(entries.ENVIRON_KEY, ())
        if looked_up is None:  # FastPath found the cache unreachable
            return self.get_response(request)
        if looked_up and looked_up[0] == key:
            versions, stale = looked_up[1:]
        else:
            try:
                entry, versions, stale = entries.lookup(key, request.path_info, request.get_host())
            except store.CACHE_ERRORS as error:
                store.breaker.failed(error)
                return self.get_response(request)
            if entry is not None:
                return _response(*entries.answer(entry, meta))

        response = self.get_response(request)
        if response.status_code == 503 and stale is not None:
            # The page cannot be made now (the database does not answer): the last good copy.
            return _response(*entries.stale_answer(stale, meta))
        if entries.is_cacheable_response(response):
            try:
                self.keep(request, response, key, versions)
            except store.CACHE_ERRORS as error:
                store.breaker.failed(error)
            except DatabaseError:
                pass  # the next scheduled change could not be read: the page is not kept this time
        return response

    def keep(self, request, response, key, versions) -> None:
        timeout = settings.PAGE_CACHE_SECONDS
        until_change = store.seconds_until_next_change(versions[store.CONTENT])
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
            entries.save(key, entry, timeout)
        response["X-Page-Cache"] = "miss"


def _response(status: int, headers: list[tuple[str, str]], body: bytes) -> HttpResponse:
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return response
