import functools
import logging

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

from . import inline
from .compat import csp_loosened, loosen_csp

logger = logging.getLogger(__name__)
# What the database driver raises when the server is down, unreachable or restarting.
DATABASE_ERRORS = (OperationalError, InterfaceError)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's strict policy, loosened for styles in the admin only.

    CKEditor 5 and the admin's widgets set inline styles from their scripts. The
    public pages have one inline <style> and one <script> in their head, each allowed
    by its hash alone (core/inline.py). Scripts stay 'self'-only in the admin.
    """

    def process_response(self, request, response):
        if request.path.startswith("/admin/"):
            loosen_csp(response, {"style-src": [UNSAFE_INLINE]})
        elif "text/html" in response.get("Content-Type", "") and not csp_loosened(response):
            # Not where a view loosened the policy itself (nor in the admin): a hash beside
            # 'unsafe-inline' would make browsers ignore the latter.
            loosen_csp(response, inline.csp_sources())
        return super().process_response(request, response)


def content_language(get_response):
    """`Content-Language: vi` on every answer, `en` under /en/ (the English pages).

    The language is the address's, never the browser's: Django's LocaleMiddleware
    (which would also add `Vary: Accept-Language` and make caches keep a copy per
    browser language) has nothing to choose: translations use LANGUAGE_CODE.
    """

    def middleware(request):
        response = get_response(request)
        language = "en" if request.path_info.startswith("/en/") else settings.LANGUAGE_CODE
        response.headers.setdefault("Content-Language", language)
        return response

    return middleware


# What a page may be asked for when its view says no more (function views, the admin's).
SERVED_METHODS = ("GET", "HEAD", "POST")


@functools.lru_cache(maxsize=512)
def _methods_of(view_func) -> tuple[str, ...]:
    """The HTTP methods a view serves: a class-based view's handlers, else GET, HEAD, POST.
    Worked out once per view: the views do not change while the process runs."""
    view_class = getattr(view_func, "view_class", None)
    if view_class is None:
        return SERVED_METHODS
    methods = [name.upper() for name in view_class.http_method_names if name != "options" and hasattr(view_class, name)]
    if "GET" in methods and "HEAD" not in methods:
        methods.append("HEAD")  # View.setup() answers HEAD with get()
    return tuple(methods)


class MethodNotAllowedMiddleware:
    """405 with an Allow header for a method the address does not serve (PUT, DELETE, TRACE,
    OPTIONS anywhere; POST to a page), before the CSRF check could answer 403 or a view
    answer 200 to a TRACE. Goes right above CsrfViewMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        allowed = _methods_of(view_func)
        if request.method in allowed:
            return None
        response = HttpResponseNotAllowed(allowed, "Phương thức không được hỗ trợ tại địa chỉ này.\n")
        response["Content-Type"] = "text/plain; charset=utf-8"
        return response


# How long a reader's browser (and nginx) should wait before asking again.
RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """While the database does not answer: 503 "đang bảo trì" with Retry-After instead of
    a 500, JSON for fetch() (a vote), one log line each. Nothing is half-saved: every write
    that touches several rows runs in a transaction. Pages the page cache holds keep
    coming (they need no database), and nginx serves its last copy of a page on a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        return self.unavailable(request, exception)

    @staticmethod
    def unavailable(request, exception):
        """The 503 answer (also for what fails before a view: the site of a new worker)."""
        logger.warning("Database unavailable (%s): %s answered 503", type(exception).__name__, request.path)
        if "application/json" in request.headers.get("Accept", ""):
            message = (
                "Cổng thông tin đang bảo trì trong ít phút; đánh giá của bạn chưa được ghi nhận. Vui lòng thử lại sau."
            )
            response = JsonResponse({"ok": False, "message": message}, status=503)
        else:
            site_name = getattr(getattr(request, "site", None), "name", settings.SITE_NAME)
            response = HttpResponse(loader.render_to_string("503.html", {"site_name": site_name}), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
