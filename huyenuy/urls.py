from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.static import serve

import pagecache
from articles.feeds import CategoryArticlesFeed, LatestArticlesFeed, NetworkArticlesFeed
from articles.sitemaps import SITEMAPS, robots_txt
from core.views import healthz
from documents.sitemaps import DocumentSitemap
from network import views as network_views
from pages.sitemaps import PageSitemap
from people.sitemaps import PeopleSitemap

admin.site.site_header = f"Quản trị {settings.SITE_NAME}"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Bảng điều khiển biên tập"


handler500 = "core.views.server_error"
SECTIONS = {**SITEMAPS, "documents": DocumentSitemap, "pages": PageSitemap, "people": PeopleSitemap}

urlpatterns = [
    path("admin/bao-mat/", include("accounts.urls")),  # before the admin: its catch-all would 404 these
    path("admin/huong-dan/", include("accounts.guide_urls")),
    path("admin/doi-trang/", network_views.switch_site, name="switch_site"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's).
    path("favicon.ico", lambda request: redirect(static("img/favicon.svg"), permanent=True)),
    path("", include("ratings.urls")),
    path("", include("hits.urls")),
    # Feeds and sitemaps come before articles.urls, whose last route (<slug>/, a category)
    # would take any single segment. The old portal's links are answered where the portal's
    # own routes find nothing (nukeviet.middleware.OldLinkMiddleware).
    path("rss/", LatestArticlesFeed(), name="rss"),
    path("rss/toan-mang/", NetworkArticlesFeed(), name="rss_network"),
    path("rss/<slug:slug>/", CategoryArticlesFeed(), name="rss_category"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SECTIONS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        pagecache.reads("p")(sitemap_views.sitemap),
        {"sitemaps": SECTIONS},
        name="sitemap_section",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include("documents.urls")),
    path("", include("contact.urls")),  # before pages: /en/contact/ is the contact app's
    path("", include("nukeviet.urls")),  # before pages: /en/news/... is an old link, not a page
    path("", include("people.urls")),
    path("", include("pages.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Production normally lets nginx serve /media/ (README.md, "Deployment").
    urlpatterns.insert(
        0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
    )
