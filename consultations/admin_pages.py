"""The coordinator's own pages beside the call list: the day view, booking a call for
someone on the phone, and moving a call. Kept apart from the list's columns and actions in
admin.py; every change still goes through the services."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from clients.access import Action, access_record
from clients.models import Client, Lead
from clients.services import client_access_record
from groups_site.timezones import PACIFIC, pacific_today

from .forms import StaffBookingForm, StaffRescheduleForm
from .models import Consultation
from .selectors import consultations_for_day, slot_days
from .services import ConsultationError, consultation_book, consultation_reschedule
from .slots import SLOT_YEARS, local_label

BOOKED_FOR_CALLER = (
    "Booked {name} for {when} with {coordinator}. A confirmation email is on its way."
)
MOVED = "Moved to {when} with {coordinator}."


def _when(moment: datetime) -> str:
    local = moment.astimezone(PACIFIC)
    return f"{local:%a %b %-d}, {local_label(moment)}"


def _caller_initial(request: HttpRequest) -> dict:
    """Pre-fill the booking form from a client's page (`?client=<id>`: an id, nothing
    personal in the URL). Reading their details here is recorded like any client page."""
    client_id = request.GET.get("client", "")
    client = Client.objects.filter(pk=client_id).first() if client_id.isdigit() else None
    if client is None:
        return {}
    client_access_record(client_id=client.pk, user=request.user, where="admin book for a caller")
    lead = client.leads.order_by("-created_at").first()
    return {
        "first_name": client.first_name,
        "last_name": client.last_name,
        "email": client.email,
        "phone": client.phone,
        "state": client.state or "CA",
        **({"interest": lead.interest} if lead else {}),
    }


class ConsultationPagesMixin:
    """The day view, booking for a caller and rescheduling, for ConsultationAdmin."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("day/", wrap(self.day_view), name="consultations_consultation_day"),
            path("book/", wrap(self.book_view), name="consultations_consultation_book"),
            path(
                "<int:consultation_id>/reschedule/",
                wrap(self.reschedule_view),
                name="consultations_consultation_reschedule",
            ),
            *super().get_urls(),
        ]

    def _page(self, request, template: str, title: str, **context) -> TemplateResponse:
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": title,
                **context,
            },
        )

    def day_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = pacific_today(timezone.now())
        try:
            day = (
                date.fromisoformat(request.GET.get("date", ""))
                if request.GET.get("date")
                else today
            )
        except ValueError:
            day = today
        if day.year not in SLOT_YEARS:  # its neighbours' links would overflow at year 1 or 9999
            day = today
        calls = list(consultations_for_day(day))
        # The page lists phone numbers: record who saw whose, in one insert.
        access_record(
            user=request.user,
            client_ids=[c.client_id for c in calls],
            where=f"consultation day view {day}",
            action=Action.LIST,
            result_count=len(calls),
        )
        rows = [
            {
                "consultation": c,
                "time": local_label(c.starts_at),
                "interest": (
                    c.lead.interested_group.name
                    if c.lead and c.lead.interested_group
                    else c.lead.get_interest_display()
                    if c.lead
                    else "-"
                ),
                "urgent": bool(c.lead and c.lead.is_urgent),
            }
            for c in calls
        ]
        next_call = None
        if not calls:
            # An empty day points on to the next one with calls (one query).
            after = datetime.combine(day + timedelta(days=1), time.min, tzinfo=PACIFIC)
            next_call = (
                Consultation.objects.filter(status=Consultation.Status.BOOKED, starts_at__gte=after)
                .order_by("starts_at")
                .values_list("starts_at", flat=True)
                .first()
            )
        return self._page(
            request,
            "consultations/admin/day.html",
            f"Calls on {day:%A, %B %-d, %Y}",
            day=day,
            is_today=day == today,
            previous_day=day - timedelta(days=1),
            next_day=day + timedelta(days=1),
            rows=rows,
            next_day_with_calls=next_call.astimezone(PACIFIC).date() if next_call else None,
        )

    def book_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        now = timezone.now()
        data = request.POST if request.method == "POST" else None
        form = StaffBookingForm(
            data, days=slot_days(now=now, for_staff=True), initial=_caller_initial(request)
        )
        if data is not None and form.is_valid():
            cleaned = form.cleaned_data
            try:
                consultation = consultation_book(
                    starts_at=cleaned["slot"],
                    first_name=cleaned["first_name"],
                    last_name=cleaned["last_name"],
                    email=cleaned["email"],
                    phone=cleaned["phone"],
                    mode=cleaned["mode"],
                    state=cleaned["state"],
                    interest=cleaned["interest"],
                    note=cleaned["note"],
                    source=Lead.Source.PHONE,
                    coordinator_id=cleaned["coordinator"].pk if cleaned["coordinator"] else None,
                    actor=request.user,
                    now=now,
                )
            except ConsultationError as exc:
                # Fresh times, the caller's details kept: the coordinator offers another.
                form = StaffBookingForm(data, days=slot_days(now=timezone.now(), for_staff=True))
                form.is_valid()
                form.add_error("slot", str(exc))
            else:
                self.message_user(
                    request,
                    BOOKED_FOR_CALLER.format(
                        name=consultation.client.first_name,
                        when=_when(consultation.starts_at),
                        coordinator=consultation.coordinator,
                    ),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:consultations_consultation_day")
                    + f"?date={consultation.starts_local.date().isoformat()}"
                )
        return self._page(
            request, "consultations/admin/book.html", "Book a call for a caller", form=form
        )

    def reschedule_view(self, request: HttpRequest, consultation_id: int) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        consultation = get_object_or_404(
            Consultation.objects.select_related("client", "coordinator"), pk=consultation_id
        )
        now = timezone.now()
        days = slot_days(now=now, for_staff=True, exclude_consultation_id=consultation.pk)
        data = request.POST if request.method == "POST" else None
        form = StaffRescheduleForm(data, days=days)
        if data is not None and form.is_valid():
            try:
                moved = consultation_reschedule(
                    consultation_id=consultation.pk,
                    starts_at=form.cleaned_data["slot"],
                    actor=request.user,
                    now=now,
                )
            except ConsultationError as exc:
                form = StaffRescheduleForm(
                    data,
                    days=slot_days(
                        now=timezone.now(),
                        for_staff=True,
                        exclude_consultation_id=consultation.pk,
                    ),
                )
                form.is_valid()
                form.add_error("slot", str(exc))
            else:
                self.message_user(
                    request,
                    MOVED.format(when=_when(moved.starts_at), coordinator=moved.coordinator),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:consultations_consultation_change", args=[moved.pk])
                )
        return self._page(
            request,
            "consultations/admin/reschedule.html",
            f"Reschedule {consultation.client.first_name}'s call",
            form=form,
            consultation=consultation,
            current=_when(consultation.starts_at),
        )
