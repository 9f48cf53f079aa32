"""Staff sign-in and sign-out; included at accounts/ without a namespace, so that
LOGIN_URL = "login" and the usual `{% url 'logout' %}` work."""

from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.staff_login, name="login"),
    path("logout/", views.staff_logout, name="logout"),
]
