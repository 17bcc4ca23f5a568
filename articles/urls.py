from django.urls import path

from . import lists, views

app_name = "articles"

urlpatterns = [
    path("", lists.HomeView.as_view(), name="home"),
    path("quan-tri/tai-anh/", views.editor_image_upload, name="editor_image_upload"),
    path("xem-truoc/<id:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("tim-kiem/", lists.SearchView.as_view(), name="search"),
    path("tag/<slug:slug>/", lists.TagView.as_view(), name="tag"),
    path("dong-su-kien/<slug:slug>/", lists.TopicView.as_view(), name="topic"),
    path("tep-dinh-kem/<id:pk>/<slug:name>.<slug:ext>", views.attachment, name="attachment"),
    path("ban-in/<id:pk>.html", views.ArticlePrintView.as_view(), name="print"),
    path("<slug:category>/<slug:slug>-<id:pk>.html", views.ArticleDetailView.as_view(), name="detail"),
    # "Lưu bài viết": the article as a file to keep, beside its page's address.
    path("<slug:category>/<slug:slug>-<id:pk>/luu/", views.ArticleSaveView.as_view(), name="save"),
    path("<slug:slug>/", lists.CategoryView.as_view(), name="category"),
]
