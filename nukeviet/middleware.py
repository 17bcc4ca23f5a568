from .views import old_link_response


class OldLinkMiddleware:
    """A 404 of a GET may be the old portal's link to something the portal has (like Django's
    redirects app, RedirectFallbackMiddleware): nukeviet/views.py answers it. Costs nothing on
    the portal's own pages, which never get here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        return old_link_response(request) or response
