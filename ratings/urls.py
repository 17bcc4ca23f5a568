from django.urls import path

from . import views

app_name = "ratings"

urlpatterns = [
    path("danh-gia/<int:article_id>/", views.vote, name="vote"),
    path("danh-gia/<int:article_id>/cua-ban/", views.my_vote, name="mine"),
]
