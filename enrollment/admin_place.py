"""Placing a person in a cohort from admin: the page behind `admin:enrollment_enrollment_place`.

GET `?client=<pk>` shows the cohorts taking sign-ups; `&waitlist=1` puts the person on the
chosen cohort's waitlist instead of taking a seat. The POST calls `enrollment_place`, which
decides under the cohort lock; this page only reports what happened.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from clients.models import Client
from clients.services import client_access_record
from cohorts.models import Cohort
from groups_site.timezones import PACIFIC

from . import services
from .selectors import placement_cohorts, waitlist_position

PLACED_MESSAGE = (
    "{client} has a seat held in {cohort} until {until} (Pacific). We emailed them a link to "
    "confirm the group agreement, their location and the safety question; unconfirmed, the "
    "seat goes back then."
)
WAITLISTED_MESSAGE = (
    "{client} is on the waitlist for {cohort}, number {position} in line. We emailed them a "
    "link to confirm the group agreement, their location and the safety question."
)
FULL_MESSAGE = (
    "{cohort} was full, so {client} is on its waitlist instead, number {position} in line. "
    "We emailed them a link to confirm the group agreement, their location and the safety "
    "question."
)


def _when(value) -> str:
    return value.astimezone(PACIFIC).strftime("%a %-d %b, %-I:%M %p")


class CohortChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, cohort: Cohort) -> str:
        start = _when(cohort.next_start) if cohort.next_start else "no start date"
        left = cohort.capacity - cohort.seats_taken
        seats = f"{left} of {cohort.capacity} seats free" if left > 0 else "full (waitlist)"
        return f"{cohort.group.name}, starts {start}: {seats}"


class PlaceForm(forms.Form):
    cohort = CohortChoiceField(
        queryset=Cohort.objects.none(), widget=forms.RadioSelect, label="Cohort"
    )

    def __init__(self, *args, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = placement_cohorts(now=now)


def place_view(model_admin, request: HttpRequest) -> HttpResponse:
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    client_pk = source.get("client", "")
    client = get_object_or_404(Client, pk=client_pk if client_pk.isdigit() else 0)
    waitlist = source.get("waitlist") == "1"
    now = timezone.now()
    form = PlaceForm(request.POST if request.method == "POST" else None, now=now)
    if request.method == "POST" and form.is_valid():
        cohort = form.cleaned_data["cohort"]
        try:
            result = services.enrollment_place(
                client_id=client.pk,
                cohort_id=cohort.pk,
                actor=request.user,
                waitlist=waitlist,
                now=now,
            )
        except services.EnrollmentError as error:
            form.add_error(None, str(error))
        else:
            model_admin.message_user(request, _outcome(result, client, cohort, waitlist))
            return HttpResponseRedirect(_back_url(client))
    else:
        client_access_record(
            client_id=client.pk, user=request.user, where="Admin: place in a group"
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": f"{'Add to a waitlist' if waitlist else 'Place in a group'}: {client}",
        "client": client,
        "waitlist": waitlist,
        "form": form,
        "back_url": _back_url(client),
        "confirm_hours": settings.PLACEMENT_CONFIRM_HOURS,
    }
    return TemplateResponse(request, "enrollment/admin_place.html", context)


def _outcome(result, client: Client, cohort: Cohort, waitlist: bool) -> str:
    enrollment = result.enrollment
    names = {"client": client, "cohort": cohort}
    if not result.waitlisted:
        return PLACED_MESSAGE.format(**names, until=_when(enrollment.offer_expires_at))
    template = WAITLISTED_MESSAGE if waitlist else FULL_MESSAGE
    return template.format(**names, position=waitlist_position(enrollment))


def _back_url(client: Client) -> str:
    return reverse("admin:clients_client_change", args=[client.pk])
