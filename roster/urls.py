from django.urls import path

from . import views

app_name = "roster"

urlpatterns = [
    path("", views.home, name="home"),
    path("cohorts/<int:pk>/", views.cohort_roster, name="cohort"),
    path("cohorts/<int:pk>/roster.csv", views.cohort_roster_csv, name="cohort_csv"),
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="attendance"),
]
