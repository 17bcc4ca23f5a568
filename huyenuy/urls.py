from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.static import serve

from articles.views import healthz

admin.site.site_header = f"Quản trị {settings.SITE_NAME}"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Bảng điều khiển biên tập"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's).
    path("favicon.ico", lambda request: redirect(static("img/favicon.svg"), permanent=True)),
    path("", include("ratings.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Production normally lets nginx serve /media/ (README.md, "Deployment").
    urlpatterns.insert(
        0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
    )
