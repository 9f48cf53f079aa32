from django.urls import path

from . import confirm_views, views

app_name = "enrollment"

urlpatterns = [
    path("<int:cohort_id>/", views.signup, name="signup"),
    path("<int:cohort_id>/thanks/", views.done, name="done"),
    path("mine/<str:token>/", views.mine, name="mine"),
    path("mine/<str:token>/calendar.ics", views.calendar, name="calendar"),
    path("confirm/<str:token>/", confirm_views.confirm, name="confirm"),
]
