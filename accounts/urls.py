from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.overview, name="security"),
    path("xac-thuc/", views.verify, name="verify"),
    path("thiet-lap/", views.setup, name="setup"),
    path("ma-du-phong/", views.recovery_codes, name="recovery_codes"),
    path("tat/", views.switch_off, name="switch_off"),
]
