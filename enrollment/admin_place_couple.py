"""Placing a couple from a client's page: `admin:enrollment_enrollment_place_couple`.

GET `?client=<pk>` shows the couples cohorts taking sign-ups and asks for the partner: their
email finds an existing client, or, with a first name, makes a new one. `&waitlist=1` puts
the couple on the waitlist instead. The POST calls `services.couple_place`, which holds both
seats together under the cohort lock or puts both partners on the waitlist; this page only
says which happened.
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
from clients.services import client_access_record, client_get_or_create
from cohorts.models import Cohort
from cohorts.places import places_left

from . import services
from .admin_place import _back_url, _when
from .models import Enrollment
from .selectors import placement_cohorts, waitlist_position

PARTNER_NAME_NEEDED = (
    "There is no client with this email yet: give the partner's first name too, so we can "
    "greet them in their email."
)

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
        pairs = places_left(cohort, taken=cohort.seats_taken)
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

    def __init__(self, *args, now, client: Client, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.fields["cohort"].queryset = placement_cohorts(now=now).filter(group__focus="couples")

    def clean(self):
        data = super().clean()
        email = data.get("partner_email")
        if not email:
            return data
        partner = Client.objects.with_email(email).first()
        if partner is not None and partner.pk == self.client.pk:
            raise forms.ValidationError(services.SAME_PERSON)
        if partner is None and not data.get("partner_first_name", "").strip():
            self.add_error("partner_first_name", PARTNER_NAME_NEEDED)
        data["partner"] = partner
        return data

    def partner(self) -> Client:
        """The partner's client record: the existing one, or a new one made from the email
        and first name (one person, one record)."""
        data = self.cleaned_data
        if data["partner"] is not None:
            return data["partner"]
        return client_get_or_create(
            email=data["partner_email"], first_name=data["partner_first_name"].strip()
        )


def place_couple_view(model_admin, request: HttpRequest) -> HttpResponse:
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    client_pk = source.get("client", "")
    client = get_object_or_404(Client, pk=client_pk if client_pk.isdigit() else 0)
    waitlist = source.get("waitlist") == "1"
    now = timezone.now()
    form = PlaceCoupleForm(
        request.POST if request.method == "POST" else None, now=now, client=client
    )
    if request.method == "POST" and form.is_valid():
        cohort = form.cleaned_data["cohort"]
        # A new partner's record is made first (the service takes two clients); a refusal
        # below leaves that record, as a booked call or a lead would.
        partner = form.partner()
        try:
            places = services.couple_place(
                client_id=client.pk,
                partner_client_id=partner.pk,
                cohort_id=cohort.pk,
                actor=request.user,
                waitlist=waitlist,
                now=now,
            )
        except services.EnrollmentError as error:
            form.add_error(None, str(error))
        else:
            own = next(p for p in places if p.client_id == client.pk)
            message = _outcome(own, client, partner, cohort, waitlist)
            model_admin.message_user(request, message)
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
        "confirm_hours": settings.COUPLE_CONFIRM_HOURS,
    }
    return TemplateResponse(request, "enrollment/admin_place_couple.html", context)


def _outcome(own, client: Client, partner: Client, cohort: Cohort, waitlist: bool) -> str:
    names = {"client": client, "partner": partner, "cohort": cohort}
    if own.status != Enrollment.Status.WAITLISTED:
        return PLACED_MESSAGE.format(**names, until=_when(own.offer_expires_at))
    template = WAITLISTED_MESSAGE if waitlist else FULL_MESSAGE
    return template.format(**names, position=waitlist_position(own))
