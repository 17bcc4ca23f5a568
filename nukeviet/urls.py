"""The old NukeViet portal's addresses under the names its installer gives its modules, and
index.php?nv=...: answered by nukeviet/views.py without a 404 page made first. Other old
shapes (the short form, module titles the site chose, /en/...) reach the same view through
nukeviet.middleware.OldLinkMiddleware."""

from django.urls import re_path

from . import views
from .links import FILE_FOLDERS, INSTALLED_MODULES

MODULES = "|".join(sorted(name for name in INSTALLED_MODULES if name != "SitemapIndex"))
FOLDERS = "|".join(FILE_FOLDERS)

urlpatterns = [
    re_path(r"^index\.php$", views.old_link),
    # Not under /en/: an English page may well be /en/about/; an old /en/... link the pages find
    # nothing for comes through the middleware.
    re_path(rf"^(?:vi/)?(?:{MODULES})(?:/.*)?$", views.old_link),
    re_path(rf"^(?:{FOLDERS})/.+$", views.old_link),
]
