from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("therapy-groups-vs-support-groups/", views.compare, name="compare"),
    path("faq/", views.faq, name="faq"),
    path("privacy/", views.privacy, name="privacy"),
]
