from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from .caching import public_page
from .cards import cohort_cards
from .filters import CatalogueFilter
from .models import Therapist
from .photos import photo_name
from .selectors import (
    group_page,
    office_page,
    offices_list,
    public_cohorts,
    therapist_page,
    with_seats,
)


@require_safe
@public_page
def catalogue(request):
    now = timezone.now()
    filters = CatalogueFilter(request.GET or None, queryset=public_cohorts(now=now), now=now)
    return render(
        request,
        "cohorts/catalogue.html",
        {
            "filter": filters,
            "cards": cohort_cards(with_seats(filters.qs, now=now)),
            "filtered": bool(request.GET),
        },
    )


@require_safe
@public_page
def group_detail(request, slug):
    page = group_page(slug=slug)
    if page is None:
        raise Http404("No such group")
    return render(request, "cohorts/group_detail.html", {"page": page, "group": page.group})


@require_safe
@public_page
def therapist_detail(request, slug):
    page = therapist_page(slug=slug)
    if page is None:
        raise Http404("No such therapist")
    return render(
        request,
        "cohorts/therapist_detail.html",
        {"page": page, "therapist": page.therapist, "cards": cohort_cards(page.cohorts)},
    )


# A rendition's name changes with its content, so it may be cached for a year.
PHOTO_CACHE_CONTROL = "public, max-age=31536000, immutable"


@require_safe
def therapist_photo(request, key, width):
    """One stored rendition of a listed therapist's current photo, from MEDIA_ROOT: the site
    has no separate media server. The URL pattern allows only hex keys and known widths, so
    no path from the request reaches the file system, and only WebP is ever sent."""
    width = int(width)
    listed = Therapist.objects.filter(photo_key=key, is_listed=True).values_list(
        "photo_widths", flat=True
    )
    if not any(width in widths for widths in listed):
        raise Http404("No such photo")
    try:
        file = default_storage.open(photo_name(key, width), "rb")
    except FileNotFoundError:
        raise Http404("No such photo") from None
    response = FileResponse(file, content_type="image/webp")
    response["Cache-Control"] = PHOTO_CACHE_CONTROL
    response["Content-Disposition"] = "inline"
    return response


@require_safe
@public_page
def offices(request):
    return render(request, "cohorts/offices.html", {"offices": offices_list()})


@require_safe
@public_page
def office_detail(request, slug):
    page = office_page(slug=slug)
    if page is None:
        raise Http404("No such office")
    return render(request, "cohorts/office_detail.html", {"page": page, "office": page.office})
