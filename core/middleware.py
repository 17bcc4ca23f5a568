from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings

from .compat import loosen_csp


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's strict policy, loosened for styles in the admin only.

    CKEditor 5 and the admin's widgets set inline styles from their scripts; the
    public pages have none. Scripts stay 'self'-only everywhere.
    """

    def process_response(self, request, response):
        if request.path.startswith("/admin/"):
            loosen_csp(response, {"style-src": [UNSAFE_INLINE]})
        return super().process_response(request, response)


def content_language(get_response):
    """`Content-Language: vi` on every answer.

    The site speaks one language, so Django's LocaleMiddleware (which would also
    add `Vary: Accept-Language` and make caches keep a copy per browser
    language) has nothing to choose: translations use LANGUAGE_CODE.
    """

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Language", settings.LANGUAGE_CODE)
        return response

    return middleware
