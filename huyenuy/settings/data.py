"""The database (and its replica) and the caches (the shared cache, the page cache), with
the addresses the page cache never keeps."""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import BASE_DIR, MIDDLEWARE
from .env import env_bool, env_int, env_str

# Database: DATABASE_URL (postgres://user:pass@host:5432/name), else SQLite in var/.
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DB_PREPARED_STATEMENTS", True):
    # The article page's statements (articles/pagesql.py, core/fastsql.py) are prepared on each
    # connection after 5 runs, so PostgreSQL stops planning them anew. 0 behind a
    # pgbouncer older than 1.21 in transaction mode, which cannot keep them.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that drops packets (rather than refusing) must not hold a worker until
    # gunicorn's timeout: after this many seconds the request gets the 503 page instead.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DB_CONNECT_TIMEOUT", 3)
# A streaming replica of that PostgreSQL for readers' pages (core/dbrouter.py): writes, the
# admin, votes, commands and any page within DB_REPLICA_AFTER_WRITE_SECONDS of a write read
# the primary. A replica that does not answer within 2 seconds (libpq's least) is left alone
# for DB_REPLICA_RETRY_SECONDS, and its pages are made from the primary.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
DB_REPLICA_AFTER_WRITE_SECONDS = env_int("DB_REPLICA_AFTER_WRITE_SECONDS", 5)
DB_REPLICA_RETRY_SECONDS = env_int("DB_REPLICA_RETRY_SECONDS", 10)
if DATABASE_REPLICA_URL:
    replica = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    if {replica["ENGINE"], DATABASES["default"]["ENGINE"]} != {"django.db.backends.postgresql"}:
        raise ImproperlyConfigured("DATABASE_REPLICA_URL and DATABASE_URL must both be postgres:// addresses")
    # The same prepared statements as the primary's (a hot standby prepares them too).
    replica["OPTIONS"] = {**DATABASES["default"]["OPTIONS"], **replica.get("OPTIONS", {}), "connect_timeout": 2}
    replica["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"] = replica
    DATABASE_ROUTERS = ["core.dbrouter.ReplicaRouter"]
    # Right below the page cache: hits never ask which database to read.
    MIDDLEWARE.insert(1, "core.dbrouter.ReplicaMiddleware")


# Cache: shared by every worker process, so that an invalidation reaches them all.
# REDIS_URL (or CACHE_URL=redis://...) for several app servers; otherwise a file
# cache in var/cache on this machine. CACHE_URL=dummy:// turns caching off.
# Pages have an alias of their own ("pages": their own key prefix or folder), so
# that `manage.py clear_pages` empties them alone.
def cache_from_url(url: str, part: str = "", prefix: str = "") -> dict:
    scheme, _, rest = url.partition("://")
    suffix = f"-{part}" if part else ""
    if scheme in ("redis", "rediss"):
        key_prefix = (prefix or CACHE_KEY_PREFIX) + suffix
        return {
            "BACKEND": "pagecache.redis.FastRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            # A Redis that is down or frozen costs a fraction of a second, not a stalled
            # worker; every cache alias then stops asking it for a few seconds (pagecache/breaker.py).
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    if scheme == "file":
        folder = rest or "var/cache"
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": f"{folder}/{part}" if part else folder,
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest + suffix}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL must start with redis://, file://, locmem:// or dummy://, not {url!r}")


REDIS_URL = env_str("REDIS_URL")
# What every key this site writes to Redis starts with: another copy of the portal (a
# staging site, a test run) sharing the same Redis picks another one.
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "huyenuy")
CACHE_URL = env_str("CACHE_URL", REDIS_URL or f"file://{BASE_DIR / 'var' / 'cache'}")
CACHES = {"default": cache_from_url(CACHE_URL), "pages": cache_from_url(CACHE_URL, "pages")}
# Anonymous pages are kept this long at most (an edit, a vote or a scheduled
# change clears them sooner); 0 turns the page cache off. Browsers are told
# PAGE_MAX_AGE, so that a reader's own vote or a correction shows on reload.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_MAX_AGE = env_int("PAGE_MAX_AGE", 0)
# A front cache (deploy/nginx.conf) may keep an anonymous page this many seconds
# (X-Accel-Expires); a change reaches readers within that time. 0: never.
FRONT_CACHE_SECONDS = env_int("FRONT_CACHE_SECONDS", 3)
# While the database is down, a page whose cached copy is out of date is still served as its
# last good copy (marked stale, kept by nobody) for up to this long past its freshness.
PAGE_STALE_SECONDS = env_int("PAGE_STALE_SECONDS", 24 * 3600)

# Addresses that are never public pages: the page cache and nginx's micro-cache never
# keep them (deploy/nginx-locations.conf lists the same), robots.txt disallows them,
# and no category may take their first segment as its slug.
# STAFF_URL_PREFIXES are the editors' (accounts/middleware.py asks for the second login step there).
STAFF_URL_PREFIXES = ("/admin/", "/quan-tri/", "/xem-truoc/")
PRIVATE_URL_PREFIXES = (*STAFF_URL_PREFIXES, "/danh-gia/", "/luot-xem/", "/healthz")
