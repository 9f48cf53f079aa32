"""Site-wide pages that are not about one app's rows: home, the guides, robots.txt."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from cohorts.caching import public_page
from cohorts.cards import cohort_cards
from cohorts.selectors import enrolling_cohorts

from .selectors import faq_sections, guide_sections


@require_safe
@public_page
def home(request):
    upcoming = enrolling_cohorts(now=timezone.now())[:3]
    return render(request, "pages/home.html", {"cards": cohort_cards(upcoming)})


@require_safe
@public_page
def compare(request):
    return render(request, "pages/therapy_vs_support.html", {"sections": guide_sections()})


@require_safe
@public_page
def faq(request):
    return render(request, "pages/faq.html", {"sections": faq_sections()})


@require_safe
@public_page
def privacy(request):
    return render(request, "pages/privacy.html", {"privacy_email": settings.DEFAULT_FROM_EMAIL})


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /staff/",
        "Disallow: /enroll/",
        "Disallow: /es/enroll/",
        "Disallow: /language/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
