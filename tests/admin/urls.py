"""The site's URLs with the guide mounted as huyenuy/urls.py is to mount it (issue 16):
the guide's tests need not wait for that line."""

from django.urls import include, path

from huyenuy.urls import urlpatterns as site

urlpatterns = [path("admin/huong-dan/", include("accounts.guide_urls")), *site]
