from django.urls import path

from . import views

app_name = "enrollment"

urlpatterns = [
    path("<int:cohort_id>/", views.signup, name="signup"),
    path("<int:cohort_id>/thanks/", views.done, name="done"),
    path("mine/<str:token>/", views.mine, name="mine"),
    path("mine/<str:token>/calendar.ics", views.calendar, name="calendar"),
]
