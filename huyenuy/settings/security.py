"""Security: logins (lockout, two-factor), HTTPS and cookies, the proxies trusted for the
client's address, and the Content Security Policy."""

from datetime import timedelta

from csp.constants import NONE, SELF

from .base import DEBUG
from .env import env_bool, env_int
from .storage import MEDIA_FRAME_SOURCES, MEDIA_IMG_SOURCES

# Logins (accounts/, README.md "Logging in"). django-axes counts failed logins by account
# and by address, each on its own: LOGIN_FAILURE_LIMIT failures lock either for
# LOGIN_LOCKOUT_MINUTES (`manage.py axes_reset_username NAME` unlocks at once).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: it refuses a locked account or address
    "network.access.SiteRoleBackend",  # a role counts at its own site only
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

# How many proxies in front of the app append to X-Forwarded-For (nginx: 1). With 0 the
# client address is REMOTE_ADDR and X-Forwarded-For is ignored: a client cannot fake it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
