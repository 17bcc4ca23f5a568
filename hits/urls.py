from django.urls import path

from . import views

app_name = "hits"

urlpatterns = [
    path("luot-xem/<id:article_id>/", views.count, name="count"),
]
