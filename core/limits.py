"""Per-address allowances (votes, contact messages) and the keyed hashes stored instead of addresses."""

import hashlib
import hmac
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache

import pagecache

from .addresses import client_address


def keyed_hash(value: str, purpose: str) -> str:
    """HMAC-SHA256 with SECRET_KEY: what we store instead of an address or a cookie."""
    key = f"{settings.SECRET_KEY}:{purpose}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def address_group(address: str) -> str:
    """Who shares an allowance: an IPv4 address, or an IPv6 /64 - one home or phone
    gets a whole /64 and can pick any address in it."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:  # ::ffff:203.0.113.7 is the IPv4 client 203.0.113.7
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def hourly_limit_exceeded(request, scope: str, limit: int) -> bool:
    """Count one attempt of `scope` ("ratings", "contact") against the client's hourly
    allowance, in the shared cache; True once it is used up."""
    hour = int(time.time() // 3600)
    group = address_group(client_address(request))
    key = f"{scope}:limit:{keyed_hash(group, f'{scope}.address')[:32]}:{hour}"
    try:
        cache.add(key, 0, timeout=3600)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=3600)
            count = 1
    except pagecache.CACHE_ERRORS:
        count = _count_locally(key, hour)
    return count > limit


# While the shared cache is down, each process counts on its own: a client's allowance is
# then at most that many times the number of worker processes, and votes and messages still come.
_local_counts: dict[str, tuple[int, int]] = {}


def _count_locally(key: str, hour: int) -> int:
    if len(_local_counts) > 10_000:
        _local_counts.clear()
    counted_hour, count = _local_counts.get(key, (hour, 0))
    count = count + 1 if counted_hour == hour else 1
    _local_counts[key] = (hour, count)
    return count
