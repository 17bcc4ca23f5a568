"""The site's URLs plus /media/, for the browser tests only.

tests/settings.py leaves DEBUG and SERVE_MEDIA off, so huyenuy.urls has no
/media/ route; and where it has one, its document_root is fixed when the
module is imported, while tests/conftest.py gives every test a MEDIA_ROOT of
its own. This route reads settings.MEDIA_ROOT on each request.
"""

from django.conf import settings
from django.urls import path
from django.views.static import serve

from huyenuy.urls import urlpatterns as site_urlpatterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media), *site_urlpatterns]
