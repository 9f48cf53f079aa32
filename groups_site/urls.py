from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from cohorts import views as cohorts_views
from cohorts.sitemaps import SITEMAPS
from groups_site.languages import choose_language
from pages.views import robots_txt
from roster import views as roster_views
from staffhome.views import today as staff_today

admin.site.site_header = "Group enrollment: staff"
admin.site.site_title = "Staff"
admin.site.index_title = "Intake and groups"

urlpatterns = [
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # The language switch: remembers the choice, then goes on to the page in that language.
    path("language/<str:code>/", choose_language, name="choose_language"),
    # The coordinator's Today page takes the admin's home; the model index is on it too.
    path("staff/", staff_today, name="staff_today"),
    path("staff/", admin.site.urls),
    path("therapist/", include("roster.urls")),
    # A therapist's private calendar address: the token is the key, so keep it out of logs.
    path("portal/feed/<str:token>.ics", roster_views.calendar_feed, name="calendar_feed"),
    path("accounts/", include("security.signin_urls")),
    path("accounts/two-factor/", include("security.urls")),
    # Under MEDIA_URL, one address in every language: therapists' photo renditions
    # (cohorts/photos.py).
    re_path(
        r"^media/therapists/(?P<key>[0-9a-f]{16})-(?P<width>[0-9]{3})\.webp$",
        cohorts_views.therapist_photo,
        name="therapist_photo",
    ),
]

# What clients read, in English at its plain address and in Spanish under /es/. Staff pages
# above stay English and unprefixed.
urlpatterns += i18n_patterns(
    path("", include("pages.urls")),
    path("", include("cohorts.urls")),
    path("", include("clients.urls")),
    path("enroll/", include("enrollment.urls")),
    path("consultation/", include("consultations.urls")),
    prefix_default_language=False,
)

# The site's own error pages, rendered without the request's context or the database.
handler400 = "pages.errors.bad_request"
handler403 = "pages.errors.permission_denied"
handler404 = "pages.errors.page_not_found"
handler500 = "pages.errors.server_error"
