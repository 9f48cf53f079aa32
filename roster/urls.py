from django.urls import path

from . import views

app_name = "roster"

urlpatterns = [
    path("", views.home, name="home"),
    path("cohorts/<int:pk>/", views.cohort_roster, name="cohort"),
    path("cohorts/<int:pk>/roster.csv", views.cohort_roster_csv, name="cohort_csv"),
    path("cohorts/<int:pk>/emergency-contact/", views.emergency_contact, name="emergency"),
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="attendance"),
    path("sessions/<int:pk>/print/", views.print_roster, name="print"),
    path("calendar/", views.calendar_settings, name="calendar"),
]
