"""The client's address, as the portal's own proxies saw it."""

import ipaddress

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
