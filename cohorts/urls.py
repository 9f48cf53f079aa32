from django.urls import path

from . import views

app_name = "cohorts"

urlpatterns = [
    path("groups/", views.catalogue, name="catalogue"),
    path("groups/<slug:slug>/", views.group_detail, name="group"),
    path("therapists/<slug:slug>/", views.therapist_detail, name="therapist"),
    path("offices/", views.offices, name="offices"),
    path("offices/<slug:slug>/", views.office_detail, name="office"),
]
