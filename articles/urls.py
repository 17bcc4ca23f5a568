from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("quan-tri/tai-anh/", views.editor_image_upload, name="editor_image_upload"),
    path("<slug:category>/<slug:slug>-<int:pk>.html", views.ArticleDetailView.as_view(), name="detail"),
    path("<slug:slug>/", views.CategoryView.as_view(), name="category"),
]
