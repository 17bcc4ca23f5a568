from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's strict policy, loosened for styles in the admin only.

    CKEditor 5 and the admin's widgets set inline styles from their scripts; the
    public pages have none. Scripts stay 'self'-only everywhere.
    """

    def process_response(self, request, response):
        if request.path.startswith("/admin/"):
            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        return super().process_response(request, response)
