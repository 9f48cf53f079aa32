"""Sign-up and "my enrollment" pages: parse input, call a selector or a service, render.

No state changes on GET: every change is a POST (CSRF-checked) that calls a service.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from clients.emergency import WHY_WE_ASK, emergency_contact_for, emergency_contact_save
from clients.messages import OUTSIDE_CALIFORNIA
from cohorts.enrolling import (
    COHORT_CANCELLED_REFUSAL,
    COHORT_CLOSED,
    COHORT_NOT_OPEN,
    NO_ENTRY_POINT,
)
from cohorts.models import Cohort
from cohorts.places import places_left
from groups_site.calendars import ICS_MIMETYPE
from groups_site.dates import meeting_span
from groups_site.languages import path_prefix

from . import services
from .agreements import agreement_items, annotated_agreement
from .calendar import enrollment_ics, ics_filename
from .couple_forms import CoupleSignupForm
from .couples import is_couples_cohort, partners_of
from .forms import EmergencyContactForm, SignupForm
from .links import enrollment_id_from_token
from .models import LIVE, Enrollment
from .selectors import (
    enrollment_for_page,
    member_sessions,
    member_start,
    next_cohort,
    next_entry_point,
    seats_taken,
    waitlist_position,
)
from .signup_reads import signup_cohort, signup_page
from .wording import meets

S = Enrollment.Status
# Ids of the places this browser signed up for, in a signed cookie: the thank-you page shows
# only those, so a page never tells one visitor about someone else's sign-up.
_SIGNUPS_COOKIE = "enrollment_signups"
_SIGNUPS_SALT = "enrollment.signups"
_SIGNUPS_MAX_AGE = 60 * 60 * 24
_REMEMBERED = 10

# Refusals that mean "this cohort takes no sign-ups": the closed page, not a form error.
# Tuples, not sets: the messages are lazy, compared in the page's language.
_CLOSED = (COHORT_CLOSED, COHORT_CANCELLED_REFUSAL, COHORT_NOT_OPEN, NO_ENTRY_POINT)

WITHDRAWN_DONE = _("You're off the list. Thank you for letting us know.")
ACCEPTED_DONE = _("The seat is yours. We'll be in touch soon.")
DECLINED_DONE = _("Thank you for letting us know. We've passed the seat on.")
UNKNOWN_ACTION = _("Sorry, we didn't understand that. Nothing was changed.")
CONFIRM_LEAVING = _("Please tick the box to confirm you want to leave. Nothing was changed.")
CONTACT_SAVED = _("Thank you. Your emergency contact is saved.")
CONTACT_REMOVED = _("Your emergency contact is removed.")
STALE_PAGE = _("That page was out of date, so nothing was changed. Here is where things stand now.")
# Refusals worded for the client; any other (the staff wording of the move table) is replaced.
_CLIENT_WORDED = (services.OFFER_EXPIRED, services.OFFER_NOT_OPEN, services.OFFER_TOO_LATE)


def _remembered(request: HttpRequest) -> list[int]:
    raw = request.get_signed_cookie(
        _SIGNUPS_COOKIE, default="", salt=_SIGNUPS_SALT, max_age=_SIGNUPS_MAX_AGE
    )
    return [int(part) for part in raw.split(",") if part.isdigit()]


def _remember(response: HttpResponse, ids: list[int]) -> HttpResponse:
    response.set_signed_cookie(
        _SIGNUPS_COOKIE,
        ",".join(str(pk) for pk in ids[-_REMEMBERED:]),
        salt=_SIGNUPS_SALT,
        max_age=_SIGNUPS_MAX_AGE,
        path=f"{path_prefix()}/enroll/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest, cohort_id: int) -> HttpResponse:
    form = None
    if request.method == "POST":
        # A new sign-up needs only a few columns of the cohort and its group here; the service
        # re-reads the rest under its lock. The pages shown otherwise (the form again, a
        # repeat's thank-you) read what they show themselves.
        cohort = signup_cohort(cohort_id=cohort_id)
        if cohort is None:
            raise Http404("No such cohort")
        form = _form_class(cohort)(request.POST, cohort=cohort)
        if form.is_valid():
            try:
                if isinstance(form, CoupleSignupForm):
                    result = services.couple_request(
                        cohort=cohort,
                        **_signup_fields(form.cleaned_data),
                        **form.service_fields(),
                        agreement=annotated_agreement(cohort),
                        language=translation.get_language(),
                    )
                else:
                    result = services.enrollment_request(
                        cohort=cohort,
                        **_signup_fields(form.cleaned_data),
                        agreement=annotated_agreement(cohort),
                        language=translation.get_language(),
                    )
            except services.EnrollmentError as error:
                if str(error) not in _CLOSED:
                    form.add_error(None, str(error))
            else:
                mine = _remembered(request)
                if result.created:
                    done = redirect("enrollment:done", cohort_id=cohort.pk)
                    return _remember(done, [*mine, result.enrollment.pk])
                if result.enrollment.pk in mine:
                    return redirect("enrollment:done", cohort_id=cohort.pk)
                # Someone else's place, a second device, or a double tap whose first answer
                # has not set the cookie yet: show exactly what a first sign-up would see now,
                # so the page reveals nothing about who is on the list; send nothing new.
                return _thanks_as_if_new(request, form, cohort.pk)
    page = signup_page(cohort_id=cohort_id, now=timezone.now())
    if page is None:
        raise Http404("No such cohort")
    if page.refusal:
        return _closed(request, page)
    if form is None:
        form = _form_class(page.cohort)(cohort=page.cohort, agreement=page.agreement)
    show_crisis = form.is_bound and form.data.get("crisis") == "yes"
    return render(
        request,
        "enrollment/signup.html",
        {
            "page": page,
            "form": form,
            "show_crisis": show_crisis,
            "meets": meets(page.cohort),
            "agreement_items": agreement_items(page.agreement_lines),
            "offer_hours": settings.WAITLIST_OFFER_HOURS,
            "outside_california": OUTSIDE_CALIFORNIA,
        },
    )


def _form_class(cohort) -> type[SignupForm]:
    """A couples group signs up couples: the form also asks for the partner."""
    return CoupleSignupForm if is_couples_cohort(cohort) else SignupForm


def _signup_fields(data: dict) -> dict:
    return {
        name: data[name]
        for name in (
            "email",
            "first_name",
            "last_name",
            "preferred_name",
            "phone",
            "preferred_contact",
            "state",
            "city",
            "confirmed_adult",
            "seeing_therapist",
            "hopes",
            "crisis",
            "agreement_version",
        )
    }


def _thanks_as_if_new(request: HttpRequest, form: SignupForm, cohort_id: int) -> HttpResponse:
    """The thank-you `done` shows a new sign-up, a couple's included, from the form's answers:
    nothing on it may tell a repeat from a first sign-up."""
    data = form.cleaned_data
    cohort = Cohort.objects.select_related("group__office", "lead_therapist", "co_therapist").get(
        pk=cohort_id
    )
    full = places_left(cohort, taken=seats_taken(cohort)) == 0
    stand_in = SimpleNamespace(
        status=S.WAITLISTED if full else S.REQUESTED,
        is_urgent=data["crisis"],
        client=SimpleNamespace(greeting_name=data["preferred_name"] or data["first_name"]),
        cohort=cohort,
    )
    couples = is_couples_cohort(cohort)
    context = {
        "enrollment": stand_in,
        "cohort": cohort,
        "meets": meets(cohort),
        "start": next_entry_point(cohort, now=timezone.now()),
        # A new couple's sign-up always has a partner asked and a time to answer by.
        "couple": SimpleNamespace(confirm_by=True) if couples else None,
        "partner": couples,
        "confirm_hours": settings.COUPLE_CONFIRM_HOURS,
    }
    return render(request, "enrollment/done.html", context)


def _closed(request: HttpRequest, page) -> HttpResponse:
    return render(request, "enrollment/closed.html", {"page": page, "meets": meets(page.cohort)})


@never_cache
@require_safe
def done(request: HttpRequest, cohort_id: int) -> HttpResponse:
    ids = _remembered(request)
    enrollment = (
        Enrollment.objects.select_related("client", "cohort__group__office", "start_session")
        .filter(pk__in=ids, cohort_id=cohort_id)
        .order_by("-pk")
        .first()
    )
    if enrollment is None:
        return redirect("enrollment:signup", cohort_id=cohort_id)
    context = {
        "enrollment": enrollment,
        "cohort": enrollment.cohort,
        "meets": meets(enrollment.cohort),
        "start": member_start(enrollment),
        # A couple's sign-up: what happens next for the partner. Nothing from the partner's
        # record is shown (it may be an existing client's): only that they were asked.
        "couple": enrollment.couple if enrollment.couple_id else None,
        "partner": partners_of(enrollment).exists(),
        "confirm_hours": settings.COUPLE_CONFIRM_HOURS,
    }
    return render(request, "enrollment/done.html", context)


def _from_token(token: str) -> Enrollment:
    enrollment_id = enrollment_id_from_token(token)
    enrollment = enrollment_for_page(enrollment_id) if enrollment_id else None
    if enrollment is None:
        raise Http404("This link has expired or is not complete.")
    return enrollment


@never_cache
@require_http_methods(["GET", "POST"])
def mine(request: HttpRequest, token: str) -> HttpResponse:
    enrollment_id = enrollment_id_from_token(token)
    enrollment = enrollment_for_page(enrollment_id) if enrollment_id else None
    if enrollment is None:
        return render(request, "enrollment/link_invalid.html", status=404)
    contact_form = None
    if request.method == "POST":
        if request.POST.get("action") != "emergency_contact":
            return _mine_action(request, token, enrollment)
        contact_form = EmergencyContactForm(request.POST)
        if enrollment.status == S.ENROLLED and contact_form.is_valid():
            saved = emergency_contact_save(
                client_id=enrollment.client_id, **contact_form.cleaned_data
            )
            messages.success(request, CONTACT_SAVED if saved else CONTACT_REMOVED)
            return redirect("enrollment:mine", token=token)
    now = timezone.now()
    cohort = enrollment.cohort
    offer_open = enrollment.status == S.OFFERED and enrollment.offer_expires_at > now
    sessions = member_sessions(enrollment) if enrollment.holds_seat else []
    context = {
        "enrollment": enrollment,
        "cohort": cohort,
        "meets": meets(cohort),
        "token": token,
        # Each meeting's words made in Python: a date filter per value cost a tenth of the page.
        "meetings": [(*meeting_span(s.starts_at, s.ends_at), s.is_moved) for s in sessions],
        "start": member_start(enrollment, sessions if enrollment.holds_seat else None),
        "now": now,
        "offer_open": offer_open,
        "can_leave": enrollment.status in LIVE and enrollment.status != S.OFFERED,
        "has_calendar": enrollment.status in (S.REQUESTED, S.SCREENING, S.ENROLLED),
        "cohort_cancelled": cohort.status == cohort.Status.CANCELLED,
    }
    if enrollment.status == S.ENROLLED and not context["cohort_cancelled"]:
        # Asked once the place is confirmed, never at sign-up: the minimum, when it is needed.
        if contact_form is None:
            contact = emergency_contact_for(enrollment.client_id)
            initial = {}
            if contact:
                initial = {f: getattr(contact, f) for f in ("name", "relationship", "phone")}
            contact_form = EmergencyContactForm(initial=initial)
            context["has_contact"] = contact is not None
        context["contact_form"] = contact_form
        context["why_contact"] = WHY_WE_ASK
    if enrollment.status == S.WAITLISTED:
        context["position"] = waitlist_position(enrollment)
    if enrollment.status in (S.WITHDRAWN, S.DECLINED) or context["cohort_cancelled"]:
        context["next_cohort"] = next_cohort(cohort, now=now)
    return render(request, "enrollment/mine.html", context)


def _mine_action(request: HttpRequest, token: str, enrollment: Enrollment) -> HttpResponse:
    action = request.POST.get("action")
    steps = {
        "withdraw": (services.enrollment_withdraw, WITHDRAWN_DONE),
        "accept": (services.offer_accept, ACCEPTED_DONE),
        "decline": (services.offer_decline, DECLINED_DONE),
    }
    if action not in steps:
        messages.error(request, UNKNOWN_ACTION)
        return redirect("enrollment:mine", token=token)
    # Leaving gives the seat away at once and cannot be undone: ask for a second, deliberate
    # step (a stray tap on a phone must not do it).
    if action == "withdraw" and request.POST.get("confirm") != "yes":
        messages.error(request, CONFIRM_LEAVING)
        return redirect("enrollment:mine", token=token)
    service, done_message = steps[action]
    try:
        service(enrollment_id=enrollment.pk)
    except services.EnrollmentError as error:
        # A stale page (an old email, a second tab): nothing changes, the current state shows.
        messages.info(request, str(error) if str(error) in _CLIENT_WORDED else STALE_PAGE)
    else:
        messages.success(request, done_message)
    return redirect("enrollment:mine", token=token)


@never_cache
@require_safe
def calendar(request: HttpRequest, token: str) -> HttpResponse:
    enrollment = _from_token(token)
    if enrollment.status not in (S.REQUESTED, S.SCREENING, S.ENROLLED):
        raise Http404("No calendar for this place.")
    response = HttpResponse(enrollment_ics(enrollment), content_type=ICS_MIMETYPE)
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(enrollment)}"'
    return response
