"""The Django floor of bench/pages.py: the least a Django page can cost on this machine.

One module is the settings, the URL map and the WSGI application: DEBUG off, no
database, no apps, no middleware, and one view answering every request with the
same bytes (the article page, as nginx serves its static copy). bench/pages.py
serves it with gunicorn and the project's gunicorn.conf.py, as it serves the
portal, and writes the page to the file FLOOR_HTML names:

    FLOOR_HTML=page.html .venv/bin/python -m gunicorn bench.floor_app:application

Every page's req/s divided by the floor's is the share of a bare Django request
the portal keeps: Python's share of a busy machine shrinks differently from
nginx's, and that ratio cancels it where the ratio to nginx static cannot.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import re_path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-floor-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[],
    MIDDLEWARE=[],
    DATABASES={},
)

PAGE = Path(os.environ["FLOOR_HTML"]).read_bytes()


def page(request):
    response = HttpResponse(PAGE, content_type="text/html; charset=utf-8")
    # The portal's CommonMiddleware sends a length, and so does nginx: the same response on the wire.
    response["Content-Length"] = len(PAGE)
    return response


urlpatterns = [re_path(r"", page)]

application = get_wsgi_application()
