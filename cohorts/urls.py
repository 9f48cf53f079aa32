from django.urls import path, re_path

from . import views

app_name = "cohorts"

urlpatterns = [
    path("groups/", views.catalogue, name="catalogue"),
    path("groups/<slug:slug>/", views.group_detail, name="group"),
    path("therapists/<slug:slug>/", views.therapist_detail, name="therapist"),
    # Under MEDIA_URL: the stored renditions of therapists' photos (cohorts/photos.py).
    re_path(
        r"^media/therapists/(?P<key>[0-9a-f]{16})-(?P<width>[0-9]{3})\.webp$",
        views.therapist_photo,
        name="therapist_photo",
    ),
]
