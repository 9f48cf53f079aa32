"""Public pages: pick a time and book, then the signed link's page to see, move or cancel."""

from __future__ import annotations

import html
from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from groups_site.dates import pacific_when

from .calendar import consultation_ics
from .forms import BookingForm, SlotForm
from .links import consultation_id_from_token, manage_path
from .messages import LINK_SENT_AGAIN
from .models import PACIFIC, Consultation
from .selectors import consultation_current, picker_week
from .services import (
    AlreadyBooked,
    ConsultationError,
    consultation_book,
    consultation_cancel,
    consultation_link_resend,
    consultation_reschedule,
)
from .slots import Day, SlotWeek, parse_slot_value

# Which booking this browser just made, so a double submit lands on it instead of being
# told the time was taken by "someone else". Signed, short-lived, holds only an id.
_BOOKED_COOKIE = "consultation_booked"


def _page_of_days(week: SlotWeek, chosen: str = "") -> dict:
    """One day's times at a time, with the other days of its week as links: a phone gets a
    light page (a whole week of quarter hours is over a hundred radio buttons), and links walk
    on to later weeks without script. One past every open day says so."""
    day = week.day
    if day is None:
        return {"day": None, "week": [], "has_any_slot": week.has_any_slot, "page_start": ""}
    return {
        "day": day,
        "week_items": _week_items(week.week, day),
        "slot_radios": _slot_radios(day, chosen),
        "page_start": day.date.isoformat(),
        "later_start": week.later.isoformat() if week.later else "",
        "earlier_start": week.earlier.isoformat() if week.earlier else "",
        "has_any_slot": True,
    }


def _slot_radios(day: Day, chosen: str) -> SafeString:
    """The day's times, one short line each (a busy day has dozens, so the markup is kept
    small and written here rather than by a template loop): a radio whose value is the UTC
    instant, in a label showing the Pacific time with its zone."""
    lines = "".join(
        f'\n<label class="btn slot-time"><input type="radio" name="slot" value="{slot.value}"'
        f"{' checked' if slot.value == chosen else ''}{'' if n else ' required'}>"
        f'<time datetime="{slot.iso}">{html.escape(slot.label)}</time></label>'
        for n, slot in enumerate(day.slots)
    )
    return mark_safe(lines)  # noqa: S308 - value and datetime are digits; the label is escaped


def _week_items(week: list[Day], shown: Day) -> SafeString:
    """The week's open days as `<li>` links (the one shown marked as current), each with its
    number of open times: written here rather than by a loop of date filters and plural
    tags per day."""
    short_day = pgettext("date format", "D, M j")
    below = gettext("(shown below)")
    items = []
    for other in week:
        name = html.escape(capfirst(date_format(other.date, short_day)))
        if other.date == shown.date:
            item = (
                f'<span class="btn btn-primary btn-sm" aria-current="date">{name} '
                f'<span class="visually-hidden">{below}</span></span>'
            )
        else:
            count = len(other.slots)
            open_times = ngettext("%(count)s open", "%(count)s open", count) % {"count": count}
            item = (
                f'<a class="btn btn-outline-primary btn-sm" href="?from={other.date.isoformat()}">'
                f'{name} <span class="small">&middot; {open_times}</span></a>'
            )
        items.append(f"<li>{item}</li>\n      ")
    # The day names are escaped; the rest is our markup and the catalogue's words, which the
    # template wrote unescaped too.
    return mark_safe("".join(items))  # noqa: S308


def _picker_day(request: HttpRequest) -> date | None:
    """The day the picker opens on (None: the first open day): that of a time just posted
    (taken meanwhile, or refused with the form), else the page's own `from`. A `from` that
    is not a date shows the first open day."""
    posted = parse_slot_value(request.POST.get("slot", ""))
    if posted is not None:
        return posted.astimezone(PACIFIC).date()
    start = request.POST.get("from") or request.GET.get("from")
    try:
        return date.fromisoformat(start) if start else None
    except ValueError:
        return None


@never_cache
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest) -> HttpResponse:
    form = BookingForm(request.POST or None)
    problem = ""
    already_booked = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = consultation_book(
                starts_at=data["slot"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                phone=data["phone"],
                mode=data["mode"],
                state=data["state"],
                interest=data["interest"],
                note=data["note"],
                language=translation.get_language(),
            )
        except AlreadyBooked as exc:
            problem, already_booked = str(exc), True
        except ConsultationError as exc:  # a lost race (SlotTaken) included: never a 500
            mine = _booked_here(request, data["slot"])
            if mine is not None:
                return redirect(manage_path(mine))
            problem = str(exc)
        else:
            response = redirect(manage_path(consultation.pk))
            response.set_signed_cookie(
                _BOOKED_COOKIE,
                str(consultation.pk),
                salt=_BOOKED_COOKIE,
                max_age=3600,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
            return response
    chosen = request.POST.get("slot", "") if not problem else ""
    week = picker_week(now=timezone.now(), start=_picker_day(request))
    context = {
        "form": form,
        "problem": problem,
        "already_booked": already_booked,
        "chosen": chosen,
        **_page_of_days(week, chosen),
    }
    return render(request, "consultations/book.html", context)


@require_POST
def resend(request: HttpRequest) -> HttpResponse:
    """Send an upcoming call's confirmation (with its link) again, to its own address only:
    the page answers the same whether or not that email has a call."""
    email = request.POST.get("email", "")
    # A NUL byte cannot be in any address, and PostgreSQL refuses it in a query (a 500).
    if len(email) <= 254 and "@" in email and "\x00" not in email:
        consultation_link_resend(email=email)
    messages.info(request, LINK_SENT_AGAIN)
    return redirect("consultations:book")


def _booked_here(request: HttpRequest, starts_at) -> int | None:
    """The live booking at `starts_at` that this browser made a moment ago, if any."""
    booked = request.get_signed_cookie(_BOOKED_COOKIE, default=None, salt=_BOOKED_COOKIE)
    if not booked or not booked.isdigit():
        return None
    return (
        Consultation.objects.live()
        .filter(pk=int(booked), starts_at=starts_at)
        .values_list("pk", flat=True)
        .first()
    )


def _from_token(token: str) -> Consultation | None:
    consultation_id = consultation_id_from_token(token)
    if consultation_id is None:
        return None
    return consultation_current(consultation_id)


def _bad_link(request: HttpRequest) -> HttpResponse:
    return render(request, "consultations/bad_link.html", status=404)


def _can_change(consultation: Consultation) -> bool:
    window = timedelta(hours=settings.CONSULTATION_CHANGE_WINDOW_HOURS)
    return (
        consultation.status == Consultation.Status.BOOKED
        and consultation.starts_at - timezone.now() >= window
    )


@never_cache
def manage(request: HttpRequest, token: str) -> HttpResponse:
    consultation = _from_token(token)
    if consultation is None:
        return _bad_link(request)
    return render(
        request,
        "consultations/manage.html",
        {
            "consultation": consultation,
            "token": token,
            "when": pacific_when(consultation.starts_at),
            "can_change": _can_change(consultation),
            "is_past": consultation.starts_at <= timezone.now(),
        },
    )


@never_cache
def calendar_file(request: HttpRequest, token: str) -> HttpResponse:
    consultation = _from_token(token)
    if consultation is None or consultation.status != Consultation.Status.BOOKED:
        return _bad_link(request)
    response = HttpResponse(consultation_ics(consultation), content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="free-consultation.ics"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def reschedule(request: HttpRequest, token: str) -> HttpResponse:
    consultation = _from_token(token)
    if consultation is None:
        return _bad_link(request)
    if not _can_change(consultation):
        return redirect("consultations:manage", token=token)
    form = SlotForm(request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            moved = consultation_reschedule(
                consultation_id=consultation.pk, starts_at=form.cleaned_data["slot"]
            )
        except ConsultationError as exc:
            problem = str(exc)
        else:
            messages.success(
                request,
                gettext("Done: your call is now on %(when)s.")
                % {"when": pacific_when(moved.starts_at)},
            )
            return redirect(manage_path(moved.pk))
    week = picker_week(
        now=timezone.now(), start=_picker_day(request), exclude_consultation_id=consultation.pk
    )
    chosen = "" if problem else request.POST.get("slot", "")
    context = {
        "chosen": chosen,
        "form": form,
        "problem": problem,
        "consultation": consultation,
        "token": token,
        "when": pacific_when(consultation.starts_at),
        **_page_of_days(week, chosen),
    }
    return render(request, "consultations/reschedule.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    consultation = _from_token(token)
    if consultation is None:
        return _bad_link(request)
    problem = ""
    if request.method == "POST":
        if consultation.status == Consultation.Status.CANCELLED:
            return redirect("consultations:manage", token=token)
        try:
            consultation_cancel(consultation_id=consultation.pk)
        except ConsultationError as exc:
            problem = str(exc)
        else:
            messages.success(
                request, gettext("Your call is cancelled. You're welcome to book again.")
            )
            return redirect("consultations:manage", token=token)
    elif not _can_change(consultation):
        return redirect("consultations:manage", token=token)
    return render(
        request,
        "consultations/cancel.html",
        {
            "consultation": consultation,
            "token": token,
            "when": pacific_when(consultation.starts_at),
            "problem": problem,
        },
    )
