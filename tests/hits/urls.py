"""The site's URLs and the hits app's (until huyenuy/urls.py includes them)."""

from django.urls import include, path

from huyenuy.urls import handler500  # noqa: F401 - handler500 is read here
from huyenuy.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("", include("hits.urls")), *site_urlpatterns]
