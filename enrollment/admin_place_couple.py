"""Placing a couple from a client's page: `admin:enrollment_enrollment_place_couple`.

GET `?client=<pk>` shows the couples cohorts taking sign-ups and asks for the partner: their
email finds an existing client, or, with a first name, makes a new one. `&waitlist=1` puts
the couple on the waitlist instead. The POST calls `couple_place`, which holds both seats
together under the cohort lock or puts both partners on the waitlist; this page only says
which happened.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from clients.models import Client
from clients.services import client_access_record
from cohorts.models import Cohort

from .admin_place import _back_url, _when
from .selectors import placement_cohorts, waitlist_position
from .services import EnrollmentError
from .services.couple_placement import couple_place

PLACED_MESSAGE = (
    "{client} and {partner} have two seats held together in {cohort} until {until} (Pacific). "
    "Each of them was emailed their own link to confirm the group agreement, their location "
    "and the safety question; unconfirmed, both seats go back then."
)
WAITLISTED_MESSAGE = (
    "{client} and {partner} are on the waitlist for {cohort} together, number {position} in "
    "line. Each of them was emailed their own link to confirm the group agreement, their "
    "location and the safety question."
)
FULL_MESSAGE = (
    "{cohort} had no two seats free, so {client} and {partner} are on its waitlist together, "
    "number {position} in line. Each of them was emailed their own link to confirm."
)


class CouplesCohortField(forms.ModelChoiceField):
    def label_from_instance(self, cohort: Cohort) -> str:
        start = _when(cohort.next_start) if cohort.next_start else "no start date"
        pairs = (cohort.capacity - cohort.seats_taken) // 2
        places = f"{pairs} couples' places free" if pairs > 0 else "full (waitlist)"
        return f"{cohort.group.name}, starts {start}: {places}"


class PlaceCoupleForm(forms.Form):
    cohort = CouplesCohortField(
        queryset=Cohort.objects.none(), widget=forms.RadioSelect, label="Couples group"
    )
    partner_email = forms.EmailField(
        label="Partner's email",
        help_text="Their own address: their link and emails go there. An existing client is "
        "found by it.",
    )
    partner_first_name = forms.CharField(
        label="Partner's first name",
        max_length=100,
        required=False,
        help_text="Needed only when they are not a client yet.",
    )

    def __init__(self, *args, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = placement_cohorts(now=now).filter(group__focus="couples")


def place_couple_view(model_admin, request: HttpRequest) -> HttpResponse:
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    client_pk = source.get("client", "")
    client = get_object_or_404(Client, pk=client_pk if client_pk.isdigit() else 0)
    waitlist = source.get("waitlist") == "1"
    now = timezone.now()
    form = PlaceCoupleForm(request.POST if request.method == "POST" else None, now=now)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = couple_place(
                client_id=client.pk,
                partner_email=data["partner_email"],
                partner_first_name=data["partner_first_name"],
                cohort_id=data["cohort"].pk,
                actor=request.user,
                waitlist=waitlist,
                now=now,
            )
        except EnrollmentError as error:
            form.add_error(None, str(error))
        else:
            model_admin.message_user(request, _outcome(result, data["cohort"], waitlist))
            return HttpResponseRedirect(_back_url(client))
    else:
        client_access_record(
            client_id=client.pk, user=request.user, where="Admin: place as a couple"
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": f"{'Add a couple to a waitlist' if waitlist else 'Place as a couple'}: {client}",
        "client": client,
        "waitlist": waitlist,
        "form": form,
        "back_url": _back_url(client),
        "confirm_hours": settings.PLACEMENT_CONFIRM_HOURS,
    }
    return TemplateResponse(request, "enrollment/admin_place_couple.html", context)


def _outcome(result, cohort: Cohort, waitlist: bool) -> str:
    first, second = result.enrollments
    names = {"client": first.client, "partner": second.client, "cohort": cohort}
    if not result.waitlisted:
        return PLACED_MESSAGE.format(**names, until=_when(first.offer_expires_at))
    template = WAITLISTED_MESSAGE if waitlist else FULL_MESSAGE
    return template.format(**names, position=waitlist_position(first))
