from django.urls import path, re_path

from . import views
from .models import Page

app_name = "pages"

# A page's address: its slugs from the root down, each [a-z0-9-] (core.text.slugify_vi).
SLUGS = r"(?P<path>[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*)"

urlpatterns = [
    path("gioi-thieu/", views.PageView.as_view(language=Page.Language.VI), name="vi_root"),
    re_path(rf"^gioi-thieu/{SLUGS}/$", views.PageView.as_view(language=Page.Language.VI), name="vi_page"),
    path("en/", views.PageView.as_view(language=Page.Language.EN), name="en_root"),
    re_path(rf"^en/{SLUGS}/$", views.PageView.as_view(language=Page.Language.EN), name="en_page"),
    path("xem-truoc/trang/<id:pk>/", views.PagePreviewView.as_view(), name="preview"),
]
