from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from cohorts.sitemaps import SITEMAPS
from cohorts.views import robots_txt
from staffhome.views import today as staff_today

admin.site.site_header = "Group enrollment: staff"
admin.site.site_title = "Staff"
admin.site.index_title = "Intake and groups"

urlpatterns = [
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # The coordinator's Today page takes the admin's home; the model index is on it too.
    path("staff/", staff_today, name="staff_today"),
    path("staff/", admin.site.urls),
    path("", include("cohorts.urls")),
    path("", include("clients.urls")),
    path("enroll/", include("enrollment.urls")),
    path("consultation/", include("consultations.urls")),
    path("therapist/", include("roster.urls")),
    path("accounts/", include("roster.auth_urls")),
]

# 404.html is found by Django's own handler; the 500 page is rendered without the database.
handler500 = "cohorts.views.server_error"
