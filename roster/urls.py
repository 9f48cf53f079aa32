from django.urls import path

from . import views

app_name = "roster"

urlpatterns = [
    path("", views.home, name="home"),
    path("cohorts/<int:pk>/", views.cohort_roster, name="cohort"),
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="attendance"),
]
