"""The page cache's WSGI wrapper: huyenuy/wsgi.py puts it around Django."""

from django.conf import settings

from . import entries, store


def _scheme(environ) -> str:
    """request.scheme without a request: SECURE_PROXY_SSL_HEADER first, as Django reads it."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


class FastPath:
    """A fresh cached page is answered before Django builds a request or runs a
    middleware; a few string tests and the versions (from the mirror with Redis)
    are all a hit costs. Anything else goes to Django, with what was looked up
    left in the environ for PageCacheMiddleware to store the page under.
    """

    STATUS = {200: "200 OK", 304: "304 Not Modified"}

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        host = environ.get("HTTP_HOST")
        if host and entries.is_cacheable_request(environ):
            key = entries.page_key(environ, _scheme(environ), host)
            try:
                entry, versions, stale = entries.lookup(key, environ["PATH_INFO"], host)
            except store.CACHE_ERRORS as error:
                store.breaker.failed(error)
                environ[entries.ENVIRON_KEY] = None
                return self.application(environ, start_response)
            if entry is not None:
                status, headers, body = entries.answer(entry, environ)
                start_response(self.STATUS[status], headers)
                return [body]
            environ[entries.ENVIRON_KEY] = (key, versions, stale)
        return self.application(environ, start_response)
