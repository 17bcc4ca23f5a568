from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("gioi-thieu/lanh-dao/", views.LeadersView.as_view(), name="leaders"),
    path("gioi-thieu/co-cau-to-chuc/", views.OrganisationView.as_view(), name="organisation"),
    path("en/leaders/", views.LeadersView.as_view(lang="en"), name="leaders_en"),
    path("en/organisation/", views.OrganisationView.as_view(lang="en"), name="organisation_en"),
]
