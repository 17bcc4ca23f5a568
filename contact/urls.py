from django.urls import path

from . import views

app_name = "contact"

urlpatterns = [
    path("lien-he/", views.contact, name="contact"),
    path("en/contact/", views.contact, {"language": "en"}, name="contact_en"),
]
