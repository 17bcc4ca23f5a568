"""The editors' guide, mounted at /admin/huong-dan/ (before the admin's own URLs)."""

from django.urls import path

from .views import guide

app_name = "guide"

urlpatterns = [path("", guide, name="guide")]
