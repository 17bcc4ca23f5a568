from django.urls import path

from . import views

app_name = "ratings"

urlpatterns = [
    path("danh-gia/<id:article_id>/", views.vote, name="vote"),
    path("danh-gia/<id:article_id>/cua-ban/", views.my_vote, name="mine"),
]
