"""Therapists' pages: their cohorts, a cohort's roster, taking attendance."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clients.access import access_record
from clients.emergency import emergency_contact_for
from groups_site.timezones import PACIFIC

from .access import (
    is_coordinator,
    may_use_roster,
    therapist_cohort_or_404,
    therapist_of,
    therapist_session_or_404,
)
from .calendar import feed_ics
from .exports import roster_csv
from .forms import AttendanceForm
from .rules import NOTHING_SAVED
from .selectors import (
    attendance_page,
    feed_for_token,
    feed_of,
    my_cohorts,
    print_sheet,
    roster_page,
)
from .services import (
    AttendanceError,
    attendance_record,
    calendar_feed_regenerate,
    calendar_feed_revoke,
)

SAVED = "Attendance saved for {when}."
NO_CHANGE = "Nothing changed: those marks were already saved."


def staff_required(view):
    """Signed-in staff who lead a cohort or coordinate intake; anyone else is told kindly."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_use_roster(request.user):
            return render(request, "roster/not_staff.html", status=403)
        return view(request, *args, **kwargs)

    # Rosters hold contact details: never keep a copy in a browser or proxy cache.
    return never_cache(wrapper)


def _staff_context(request) -> dict:
    return {"is_coordinator": is_coordinator(request.user)}


@require_safe
@staff_required
def home(request):
    now = timezone.now()
    cohorts = my_cohorts(user=request.user, now=now)
    return render(request, "roster/home.html", {"cohorts": cohorts, **_staff_context(request)})


@require_safe
@staff_required
def cohort_roster(request, pk: int):
    cohort = therapist_cohort_or_404(request.user, pk)
    page = roster_page(cohort=cohort, now=timezone.now())
    access_record(
        user=request.user,
        client_ids=page.client_ids,
        where=f"therapist roster, cohort {cohort.pk}",
        count_shown=True,
    )
    return render(request, "roster/roster.html", {"page": page, **_staff_context(request)})


@require_safe
@staff_required
def cohort_roster_csv(request, pk: int):
    """The roster as a file; each member in it is an access-log row that names the export
    and its row count."""
    cohort = therapist_cohort_or_404(request.user, pk)
    page = roster_page(cohort=cohort, now=timezone.now())
    text, rows = roster_csv(page)
    access_record(
        user=request.user,
        client_ids=page.client_ids,
        where=f"roster CSV export, cohort {cohort.pk}, {rows} rows",
        count_shown=True,
    )
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    filename = f"roster-cohort-{cohort.pk}-{cohort.first_session_date:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def session_attendance(request, pk: int):
    session = therapist_session_or_404(request.user, pk)
    now = timezone.now()
    page = attendance_page(session=session, now=now)
    form = AttendanceForm(
        request.POST if request.method == "POST" and not page.refusal else None,
        members=page.members,
        marks=page.marks,
        online=session.cohort.group.is_online,
    )
    problem = page.refusal
    if form.is_bound and form.is_valid():
        try:
            changed = attendance_record(
                session_id=session.pk,
                marks=form.marks(),
                in_california=form.in_california(),
                by=request.user,
                now=now,
            )
        except AttendanceError as error:
            problem = str(error)
        else:
            when = session.starts_at.astimezone(PACIFIC).strftime("%a, %b %-d")
            messages.success(request, SAVED.format(when=when) if changed else NO_CHANGE)
            return redirect("roster:cohort", pk=session.cohort_id)
    access_record(
        user=request.user,
        client_ids=[m.client_id for m in page.members],
        where=f"therapist attendance, session {session.pk}",
        count_shown=True,
    )
    status = 200
    if request.method == "POST" and (problem or form.errors):
        status = 409 if problem else 400
        if problem:
            problem = f"{problem} {NOTHING_SAVED}"
    return render(
        request,
        "roster/attendance.html",
        {"page": page, "form": form, "problem": problem, **_staff_context(request)},
        status=status,
    )


@require_POST
@staff_required
def emergency_contact(request, pk: int):
    """One member's emergency contact, after a deliberate "Show" (a POST, so the member is
    named in the body, never the URL); each look is logged."""
    cohort = therapist_cohort_or_404(request.user, pk)
    wanted = request.POST.get("member", "")
    page = roster_page(cohort=cohort, now=timezone.now())
    # Enrolled members only: the contact belongs to the person, and one given for another
    # group must not reach a therapist whose group they have not joined.
    member = next(
        (m for m in page.members if str(m.enrollment.pk) == wanted and m.is_enrolled), None
    )
    if member is None:
        raise Http404("No such member.")
    contact = emergency_contact_for(member.enrollment.client_id)
    access_record(
        user=request.user,
        client_ids=[member.enrollment.client_id],
        where=f"emergency contact, cohort {cohort.pk}",
        count_shown=True,
    )
    context = {"cohort": cohort, "member": member, "contact": contact, **_staff_context(request)}
    return render(request, "roster/emergency_contact.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def print_roster(request, pk: int):
    """The sheet to take into the room: first names and phones; emergency contacts only
    after the same deliberate, logged step as on the roster."""
    session = therapist_session_or_404(request.user, pk)
    with_contacts = request.method == "POST" and request.POST.get("contacts") == "show"
    sheet = print_sheet(session=session, with_contacts=with_contacts)
    where = "print roster with emergency contacts" if with_contacts else "print roster"
    access_record(
        user=request.user,
        client_ids=sheet.client_ids,
        where=f"{where}, session {session.pk}",
        count_shown=True,
    )
    return render(request, "roster/print.html", {"sheet": sheet, **_staff_context(request)})


FEED_MADE = "Your new calendar address is below. Any earlier address has stopped working."
FEED_OFF = "Your calendar address is turned off. Calendars that used it stop updating."


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def calendar_settings(request):
    """Make, remake or turn off the private calendar address. The address is shown once,
    right after it is made: only its hash is kept."""
    if therapist_of(request.user) is None:
        raise Http404("Only therapists have a calendar feed.")
    address = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            calendar_feed_revoke(user=request.user)
            messages.success(request, FEED_OFF)
            return redirect("roster:calendar")
        token = calendar_feed_regenerate(user=request.user)
        address = request.build_absolute_uri(reverse("calendar_feed", args=[token]))
        messages.success(request, FEED_MADE)
    context = {"feed": feed_of(request.user), "address": address, **_staff_context(request)}
    return render(request, "roster/calendar.html", context)


@never_cache
@require_safe
def calendar_feed(request, token: str):
    """The feed itself: no sign-in (calendar apps cannot), so the unguessable address is
    the key. A revoked or remade address is a plain 404."""
    feed = feed_for_token(token=token, now=timezone.now())
    if feed is None:
        return HttpResponse("Not found.", status=404, content_type="text/plain")
    response = HttpResponse(feed_ics(feed), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="my-groups.ics"'
    return response
