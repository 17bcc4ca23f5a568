"""Site-wide answers that belong to no section: the health check and the 500 page."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.http import require_safe


@require_safe
def healthz(request):
    """For load balancers: 200 when the app and its database answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def server_error(request):
    """500 in the site's name, without the context processors: they ask the database,
    which may be what just failed."""
    site_name = getattr(getattr(request, "site", None), "name", settings.SITE_NAME)
    return HttpResponseServerError(loader.render_to_string("500.html", {"site_name": site_name}))
