from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Office, Therapist, TherapyGroup


class BothLanguages(Sitemap):
    """Each page once per language (English unprefixed, Spanish under /es/), with hreflang."""

    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(BothLanguages):
    priority = 0.8

    def items(self):
        return [
            "pages:home",
            "cohorts:catalogue",
            "pages:compare",
            "pages:faq",
            "cohorts:offices",
            "pages:privacy",
        ]

    def location(self, item):
        return reverse(item)


class GroupSitemap(BothLanguages):
    changefreq = "weekly"
    priority = 0.9

    def items(self):
        return TherapyGroup.objects.filter(is_listed=True).order_by("slug")


class TherapistSitemap(BothLanguages):
    priority = 0.5

    def items(self):
        return Therapist.objects.filter(is_listed=True).order_by("slug")


class OfficeSitemap(BothLanguages):
    priority = 0.6

    def items(self):
        return Office.objects.order_by("slug")


SITEMAPS = {
    "pages": PagesSitemap,
    "groups": GroupSitemap,
    "therapists": TherapistSitemap,
    "offices": OfficeSitemap,
}
