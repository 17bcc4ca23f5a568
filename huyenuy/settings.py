"""Settings for the district committee's news portal.

One file, configured by the environment (README.md, "Configuration"). With no
variable set it runs a local copy on SQLite in var/ for `make run`; production
sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from huyenuy.storage_url import csp_sources, storage_from_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be 0 or 1, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_ints(name: str, default: str = "") -> list[int]:
    items = env_list(name, default)
    if not all(item.isdigit() for item in items):
        raise ImproperlyConfigured(f"{name} must be whole numbers separated by commas, not {','.join(items)!r}")
    return [int(item) for item in items]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (a long random string), or set DEBUG=1 for a local copy."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - DEBUG only, never production

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_ckeditor_5",
    "csp",
    "reversion",
    "reversion_compare",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "pagecache",
    "core",
    "articles",
    "ratings",
    "hits",
    "documents",
    "pages",
    "people",
    "contact",
    "navigation",
    "accounts",
    "nukeviet",
    "demo",
]

# Everything above PageCacheMiddleware also applies to pages served from the cache
# (security headers, compression, ETag/304); everything below runs only on a miss.
MIDDLEWARE = [
    # First (system check pagecache.E001): a cached page is stored as the whole stack below
    # made it, and served without running it (FastPath in wsgi.py answers even sooner).
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.content_language",
    "django.middleware.common.CommonMiddleware",
    # A 404 that is an old NukeViet link (nukeviet/views.py): 301 to the same thing, or 410.
    "nukeviet.middleware.OldLinkMiddleware",
    "core.middleware.MethodNotAllowedMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Turns a login refused by axes (too many failures) into the Vietnamese lockout page.
    "axes.middleware.AxesMiddleware",
    # Last, so that it is the first to see a view's exception: the database is down -> 503.
    "core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "huyenuy.urls"
WSGI_APPLICATION = "huyenuy.wsgi.application"

TEMPLATES = [
    {
        # Readers' pages (templates/jinja2/): Jinja2 renders them several times faster.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "core.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
                "navigation.context_processors.navigation",
            ],
        },
    },
    {
        # The admin and Django's own apps.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates" / "django"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


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

# Logins (accounts/, README.md "Logging in"). django-axes counts failed logins by account
# and by address, each on its own: LOGIN_FAILURE_LIMIT failures lock either for
# LOGIN_LOCKOUT_MINUTES (`manage.py axes_reset_username NAME` unlocks at once).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: it refuses a locked account or address
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.addresses.client_address"  # honours TRUSTED_PROXY_COUNT
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"  # the Vietnamese page, status 429
AXES_VERBOSE = False  # one warning per lockout is logged by accounts.receivers instead
# Two-factor login (TOTP apps such as Google Authenticator, plus one-time recovery
# codes): required for superusers and the "Quản trị" group when ADMIN_REQUIRE_2FA is on,
# offered to every other account. Off by default for `make run` (DEBUG).
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", not DEBUG)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["accounts.formats"]  # admin dates typed 28/11/2026, times 06:32 without seconds

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Uploads on this machine's disk (MEDIA_ROOT, written under a hidden temporary name and named
# when complete: images/storage.py), or with STORAGE_URL=s3://bucket?endpoint_url=... in
# S3-compatible object storage that every app server reaches (huyenuy/storage_url.py; keys
# from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY). MEDIA_URL: where pages link photos to
# (default /media/ on disk, the bucket's own address with STORAGE_URL; nginx or a CDN in front).
STORAGE_URL = env_str("STORAGE_URL")
MEDIA_STORAGE, MEDIA_URL = storage_from_url(STORAGE_URL, env_str("MEDIA_URL"))
MEDIA_IMG_SOURCES, MEDIA_FRAME_SOURCES = csp_sources(MEDIA_STORAGE, MEDIA_URL)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o644
# Editors upload photos straight from phones and cameras; larger files are refused
# with a message (images/checks.py).
IMAGE_UPLOAD_MAX_BYTES = env_int("IMAGE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env_int("IMAGE_UPLOAD_MAX_PIXELS", 40_000_000)
# Photo uploads (images/jobs.py): at most IMAGE_JOBS decoded/encoded at once on this machine,
# IMAGE_JOB_QUEUE more waiting up to IMAGE_JOB_WAIT s; beyond that "server busy". Keep
# IMAGE_JOBS + IMAGE_JOB_QUEUE below GUNICORN_WORKERS so readers always have a worker.
IMAGE_JOBS = env_int("IMAGE_JOBS", max(1, (os.cpu_count() or 2) // 2))
IMAGE_JOB_QUEUE = env_int("IMAGE_JOB_QUEUE", IMAGE_JOBS)
IMAGE_JOB_WAIT = env_int("IMAGE_JOB_WAIT", 20)  # under gunicorn's 30 s timeout
IMAGE_JOB_LOCK_DIR = Path(env_str("IMAGE_JOB_LOCK_DIR", str(BASE_DIR / "var" / "locks")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Documents and attachments (files/checks.py): PDF, Office, OpenDocument or ZIP, by content.
DOCUMENT_UPLOAD_MAX_BYTES = env_int("DOCUMENT_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
# Where nginx's internal location serves those files from (X-Accel-Redirect, deploy/nginx-locations.conf):
# the app checks the document is published, nginx sends the bytes.
FILES_INTERNAL_URL = "/_tep/"

# The task queue (core/tasks.py): photo renditions, PDF text and e-mail leave the web worker
# for `manage.py run_worker`, through RQ on Redis. Without Redis, or with TASKS_SYNC=1, they
# run at once in the process that asks (make run, the tests). TASKS_REDIS_URL: a Redis of its
# own for the queue (one that never evicts keys); TASKS_QUEUE: another copy of the portal
# sharing the Redis (a staging site) names another queue.
TASKS_REDIS_URL = env_str("TASKS_REDIS_URL", REDIS_URL)
TASKS_SYNC = env_bool("TASKS_SYNC", not TASKS_REDIS_URL)
TASKS_QUEUE = env_str("TASKS_QUEUE", "default")
TASKS_RETRY_INTERVALS = env_ints("TASKS_RETRY_INTERVALS", "10,60,300")  # seconds before retry 1, 2, 3

# Security. Production (DEBUG off) gets HTTPS-only cookies, HSTS and a redirect to
# HTTPS; SECURE_SSL_REDIRECT=0 serves plain HTTP (a local check, or TLS ended
# by a proxy that does its own redirect).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", not DEBUG) else None
# Cookies (login, CSRF, the voter's) only over HTTPS. Follows SECURE_SSL_REDIRECT by
# default; a site whose proxy redirects to HTTPS itself sets SECURE_SSL_REDIRECT=0
# and SECURE_COOKIES=1.
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG and SECURE_SSL_REDIRECT)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# "preload" only allows a submission to the browsers' HSTS preload list; nothing is listed until
# the domain owner submits it.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content Security Policy (django-csp): nothing inline, nothing from another site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_IMG_SOURCES],
        "frame-src": [SELF, *MEDIA_FRAME_SOURCES],  # a document's PDF shown in its page
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "without_traceback": {"()": "core.logfilters.WithoutTraceback"},
        "not_503": {"()": "core.logfilters.NotServiceUnavailable"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "console_one_line": {"class": "logging.StreamHandler", "filters": ["without_traceback"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # A request for another host (scanners do it all day) is answered 400 and logged in one line.
    "loggers": {
        "django.security.DisallowedHost": {"handlers": ["console_one_line"], "level": "ERROR", "propagate": False},
        # django-axes logs every failed login with the name and address masked; accounts/receivers.py
        # logs the lockout itself, unmasked, on one line.
        "axes": {"level": "ERROR"},
        # A 503 (database down) is logged once, by core.middleware, with its reason.
        "django.request": {"filters": ["not_503"]},
    },
}

# The portal's identity, printed in the header and footer (Decree 42/2022 asks
# a state portal to name its owner, the person responsible, and contacts).
SITE_NAME = env_str("SITE_NAME", "Huyện ủy Gò Công Tây")
OTP_TOTP_ISSUER = SITE_NAME  # the name authenticator apps show beside the code
SITE_TAGLINE = env_str("SITE_TAGLINE", "Cổng thông tin điện tử Đảng bộ huyện Gò Công Tây, tỉnh Tiền Giang")
SITE_OWNER = env_str("SITE_OWNER", "Cơ quan chủ quản: Huyện ủy Gò Công Tây")
SITE_RESPONSIBLE = env_str("SITE_RESPONSIBLE", "Người chịu trách nhiệm: Chánh Văn phòng Huyện ủy Gò Công Tây")
SITE_ADDRESS = env_str("SITE_ADDRESS", "Khu phố 1, thị trấn Vĩnh Bình, huyện Gò Công Tây, tỉnh Tiền Giang")
SITE_PHONE = env_str("SITE_PHONE", "0273 3826 203")
SITE_EMAIL = env_str("SITE_EMAIL", "huyenuygocongtay@tiengiang.gov.vn")
SITE_LICENCE = env_str("SITE_LICENCE", "")
# The emblem beside the name in the header: a static file's path or an address; empty: the name alone.
SITE_LOGO = env_str("SITE_LOGO", "img/favicon.svg")

# Contact and feedback (contact/): where messages are announced, how long they are kept, spam limits.
CONTACT_EMAIL = env_str("CONTACT_EMAIL", SITE_EMAIL)
CONTACT_RETENTION_DAYS = env_int("CONTACT_RETENTION_DAYS", 365)
CONTACT_MESSAGES_PER_IP_PER_HOUR = env_int("CONTACT_MESSAGES_PER_IP_PER_HOUR", 5)
CONTACT_MIN_FILL_SECONDS = env_int("CONTACT_MIN_FILL_SECONDS", 3)
SITE_MAP_URL = env_str(
    "SITE_MAP_URL",
    "https://www.openstreetmap.org/search?query=V%C4%A9nh%20B%C3%ACnh%2C%20G%C3%B2%20C%C3%B4ng%20T%C3%A2y",
)

# E-mail (the contact form's notice). The console under DEBUG (`make run` prints it); SMTP otherwise.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS, port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # port 465; not together with EMAIL_USE_TLS
# The notice is sent inside the citizen's request (after commit): a mail server that hangs
# must cost seconds, not gunicorn's 30 s timeout.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", SITE_EMAIL)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# CKEditor 5 in the admin: a safe toolbar (no source editing, no raw HTML embed);
# uploads go to our own staff-only view (articles.views.editor_image_upload).
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "articles:editor_image_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "gif", "webp"]
CKEDITOR_5_CONFIGS = {
    "article": {
        "language": "vi",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "insertImage",
                "insertTable",
                "|",
                "undo",
                "redo",
            ],
            "shouldNotGroupWhenFull": True,
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Đoạn văn", "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": "Tiêu đề mục", "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": "Tiêu đề nhỏ", "class": "ck-heading_heading3"},
            ]
        },
        "image": {
            "toolbar": [
                "imageTextAlternative",
                "toggleImageCaption",
                "|",
                "imageStyle:block",
                "imageStyle:side",
            ],
            "styles": ["block", "side"],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells", "toggleTableCaption"]},
        "link": {"defaultProtocol": "https://"},
    }
}

# Uploaded media are served by nginx in production; SERVE_MEDIA=1 lets Django do it
# (a single small server without nginx, or `make run`).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG and not STORAGE_URL)
if SERVE_MEDIA and (STORAGE_URL or not MEDIA_URL.startswith("/")):
    raise ImproperlyConfigured("SERVE_MEDIA=1 serves MEDIA_ROOT here: not with STORAGE_URL or an http MEDIA_URL")

# Star ratings (ratings/): a vote throttle per client address, counted in the cache.
RATING_VOTES_PER_IP_PER_HOUR = env_int("RATING_VOTES_PER_IP_PER_HOUR", 60)
# How many proxies in front of the app append to X-Forwarded-For (nginx: 1). With 0 the
# client address is REMOTE_ADDR and X-Forwarded-For is ignored: a client cannot fake it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
RATING_COOKIE_NAME = "ma_ban_doc"
# Article views (hits/): beacons one address may send in an hour before they stop counting.
HITS_PER_ADDRESS_PER_HOUR = env_int("HITS_PER_ADDRESS_PER_HOUR", 300)
RATING_COOKIE_MAX_AGE = 2 * 365 * 24 * 3600
