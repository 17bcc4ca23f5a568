"""System checks of the page cache (`manage.py check`), each with an id, as
healthchecks' hc/api/apps.py does: a mistake in settings shows at deploy time,
not as a stale page or a reader's session served to another."""

import re

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.core.checks import Error, Tags, Warning, register
from django.urls import URLResolver, get_resolver
from redis.exceptions import RedisError

from .compat import redis_primary_pool
from .store import ALIAS, CACHE_ERRORS

MIDDLEWARE = "pagecache.middleware.PageCacheMiddleware"
# CLIENT TRACKING (the version mirror) came with Redis 6.
REDIS_MIN_VERSION = (6, 0)


@register(Tags.compatibility)
def check_middleware(app_configs=None, **kwargs):
    if settings.MIDDLEWARE[:1] != [MIDDLEWARE]:
        return [
            Error(
                f"{MIDDLEWARE} must be the first middleware.",
                hint="It stores pages as the whole stack below it made them; below another "
                "middleware, a cached page would miss that middleware's headers.",
                id="pagecache.E001",
            )
        ]
    return []


@register(Tags.caches)
def check_cache_alias(app_configs=None, **kwargs):
    if ALIAS not in settings.CACHES:
        return [Error(f'CACHES has no "{ALIAS}" alias for the page cache.', id="pagecache.E002")]
    pages, default = settings.CACHES[ALIAS], settings.CACHES.get("default", {})
    if pages.get("BACKEND") == "django.core.cache.backends.dummy.DummyCache":
        return []  # CACHE_URL=dummy://: nothing is kept, nothing to empty
    same_place = pages.get("BACKEND") == default.get("BACKEND") and pages.get("LOCATION") == default.get("LOCATION")
    if same_place and pages.get("KEY_PREFIX", "") == default.get("KEY_PREFIX", ""):
        return [
            Error(
                f'The "{ALIAS}" cache shares its place and key prefix with the default cache.',
                hint="`manage.py clear_pages` would then empty sessions' throttles and locks too: "
                "give it its own LOCATION (file, locmem) or KEY_PREFIX (Redis).",
                id="pagecache.E003",
            )
        ]
    return []


@register(Tags.caches)
def check_redis_version(app_configs=None, **kwargs):
    from django.core.cache import caches

    if ALIAS not in settings.CACHES:
        return []
    backend = caches[ALIAS]
    if not isinstance(backend, RedisCache):
        return []
    import redis

    try:
        info = redis.Redis(connection_pool=redis_primary_pool(backend)).info("server")
    except (*CACHE_ERRORS, RedisError) as error:
        return [Warning(f"Redis of the page cache cannot be reached: {error}", id="pagecache.W004")]
    version = tuple(int(part) for part in re.findall(r"\d+", str(info.get("redis_version", "0")))[:2])
    if version < REDIS_MIN_VERSION:
        return [
            Error(
                f"Redis {info.get('redis_version')} is too old for the page cache.",
                hint="Redis 6 or later is needed (CLIENT TRACKING keeps every worker's copy of the versions exact).",
                id="pagecache.E005",
            )
        ]
    return []


def route_segments(resolver=None, prefix: str = "") -> set[str]:
    """The first path segment of every route of the URL configuration whose start is a
    fixed word ("admin", "tim-kiem", "healthz"); routes that start with a parameter or
    a pattern are left out."""
    resolver = resolver or get_resolver()
    segments = set()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern).removeprefix("^")
        if isinstance(entry, URLResolver) and not route:
            segments |= route_segments(entry, route)
            continue
        first = re.match(r"[A-Za-z0-9._-]+", route)
        if first:
            segments.add(first.group(0))
    return segments


@register(Tags.urls)
def check_private_prefixes(app_configs=None, **kwargs):
    """Each private prefix (never cached, disallowed to robots) names a route that exists."""
    segments = route_segments()
    errors = []
    for prefix in settings.PRIVATE_URL_PREFIXES:
        if not prefix.startswith("/"):
            errors.append(Error(f"PRIVATE_URL_PREFIXES: {prefix!r} must start with /.", id="pagecache.E006"))
        elif prefix.strip("/").split("/")[0] not in segments:
            errors.append(
                Error(
                    f"PRIVATE_URL_PREFIXES names {prefix}, which no URL of the site starts with.",
                    hint="A misspelt prefix leaves the real address cached and open to robots.",
                    id="pagecache.E007",
                )
            )
    return errors
