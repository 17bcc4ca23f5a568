"""The client's address, as the portal's own proxies saw it, and whether a request came from our pages."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings


def client_address(request) -> str:
    """The reader's address: REMOTE_ADDR, or the one our own proxy put in X-Forwarded-For.

    With TRUSTED_PROXY_COUNT = n, the n-th address from the right of
    X-Forwarded-For is the one the outermost trusted proxy saw; anything left
    of it was written by the client and is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote


def is_same_origin(request) -> bool:
    """The request was sent from one of our own pages (a vote, a contact message, a view).

    Instead of a CSRF token (a cached page cannot carry one per reader), the browser's
    Origin header - or, where a browser leaves it out, the Referer - must name this site.
    A cross-site form or fetch cannot forge either.
    """
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source or source == "null":
        return False
    parts = urlsplit(source)
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS
