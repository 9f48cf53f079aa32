from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from .caching import public_page
from .filters import CatalogueFilter
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
    cohorts = with_seats(filters.qs, now=now)
    return render(
        request,
        "cohorts/catalogue.html",
        {"filter": filters, "cohorts": cohorts, "filtered": bool(request.GET)},
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
        request, "cohorts/therapist_detail.html", {"page": page, "therapist": page.therapist}
    )


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
