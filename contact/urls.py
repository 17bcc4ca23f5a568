from django.urls import path, re_path

from . import views

app_name = "contact"

urlpatterns = [
    path("lien-he/", views.contact, name="contact"),
    path("en/contact/", views.contact, {"language": "en"}, name="contact_en"),
    # NukeViet's contact module: /contact/, /contact/<anything>, /vi/contact/... (301).
    re_path(r"^(?:(?P<lang>[a-z]{2})/)?contact(?:/(?P<rest>.*))?$", views.legacy_contact),
]
