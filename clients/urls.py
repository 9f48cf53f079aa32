from django.urls import path

from . import views

app_name = "clients"

urlpatterns = [
    path("get-started/", views.get_started, name="get_started"),
    path("get-started/thanks/", views.get_started_done, name="get_started_done"),
]
