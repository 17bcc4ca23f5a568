from django.urls import path

from . import views
from .feeds import LatestDocumentsFeed

app_name = "documents"

urlpatterns = [
    path("van-ban/", views.DocumentListView.as_view(), name="list"),
    path("van-ban/rss/", LatestDocumentsFeed(), name="rss"),
    path("van-ban/tep/<id:pk>/<slug:name>.<slug:ext>", views.download, name="file"),
    path("van-ban/<slug:slug>-<id:pk>.html", views.DocumentDetailView.as_view(), name="detail"),
    path("xem-truoc/van-ban/<id:pk>/", views.DocumentPreviewView.as_view(), name="preview"),
]
