from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Group enrollment: staff"
admin.site.site_title = "Staff"
admin.site.index_title = "Intake and groups"

urlpatterns = [
    path("staff/", admin.site.urls),
    path("", include("cohorts.urls")),
    path("", include("clients.urls")),
    path("enroll/", include("enrollment.urls")),
    path("consultation/", include("consultations.urls")),
]
