from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.book, name="book"),
    path("send-my-link/", views.resend, name="resend"),
    path("c/<str:token>/", views.manage, name="manage"),
    path("c/<str:token>/calendar.ics", views.calendar_file, name="ics"),
    path("c/<str:token>/reschedule/", views.reschedule, name="reschedule"),
    path("c/<str:token>/cancel/", views.cancel, name="cancel"),
]
