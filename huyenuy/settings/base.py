"""The framework: debug or production, the secret key and hosts, the apps and the middleware
in their order, the templates, the language and time zone, the logs."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (a long random string), or set DEBUG=1 for a local copy."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - DEBUG only, never production

# Django's wall against forged Host headers: names or patterns (".dongthap.gov.vn" admits every
# commune's name at once). Which site a name shows is the sites' table (network/): a name
# admitted here that no site has gets a 404. The first site takes the plain names from here.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],.localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
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
    "network",
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
    "archives",
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
    # The request's site from its host name (network/): a 404 for a host no site has.
    "network.middleware.SiteMiddleware",
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
    # In the admin: the site this person works on (network/access.py), after the login is known.
    "network.middleware.WorkingSiteMiddleware",
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
                "network.views.working_sites",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["accounts.formats"]  # admin dates typed 28/11/2026, times 06:32 without seconds

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
