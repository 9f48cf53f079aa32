"""The coordinator's side: availability, the call list with its actions, the day view, and
booking or moving a call for someone on the phone. Every change goes through services."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from clients.access import Action, access_record
from clients.admin_access import ClientDataAdminMixin
from clients.models import Client, Lead
from clients.services import client_access_record
from groups_site.timezones import PACIFIC, pacific_today

from .forms import StaffBookingForm, StaffRescheduleForm
from .links import manage_path
from .models import (
    AvailabilityException,
    Consultation,
    ConsultationEvent,
    Coordinator,
    WorkingHours,
)
from .selectors import consultations_for_day, slot_days
from .services import (
    ConsultationError,
    consultation_book,
    consultation_cancel,
    consultation_complete,
    consultation_no_show,
    consultation_reschedule,
)
from .slots import SLOT_YEARS, local_label

DONE = "{count} consultation(s) marked {status}."
SKIPPED = "{count} skipped: {reasons}"
PICK_ONE = "Choose exactly one consultation to reschedule."
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


class WorkingHoursInline(admin.TabularInline):
    model = WorkingHours
    extra = 1


class AvailabilityExceptionInline(admin.TabularInline):
    model = AvailabilityException
    extra = 1
    fields = ["kind", "date", "until", "start_time", "end_time", "note"]

    def get_queryset(self, request):
        # Past exceptions change nothing; keep the form short.
        return (
            super()
            .get_queryset(request)
            .filter(date__gte=pacific_today(timezone.now()) - timedelta(days=30))
        )


@admin.register(Coordinator)
class CoordinatorAdmin(admin.ModelAdmin):
    list_display = [
        "display_name",
        "user",
        "is_active",
        "buffer_minutes",
        "min_notice_hours",
        "no_same_day",
        "horizon_days",
    ]
    list_select_related = ["user"]
    inlines = [WorkingHoursInline, AvailabilityExceptionInline]
    fieldsets = [
        (None, {"fields": ["user", "display_name", "is_active"]}),
        (
            "Booking rules",
            {
                "fields": ["buffer_minutes", "min_notice_hours", "no_same_day", "horizon_days"],
                "description": "Calls last 15 minutes. All times are Pacific time.",
            },
        ),
    ]
    raw_id_fields = ["user"]


class WhenFilter(admin.SimpleListFilter):
    """Today and this week are Pacific days, whatever the server's clock says."""

    title = "when"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [
            ("today", "Today"),
            ("week", "This week"),
            ("upcoming", "Upcoming"),
            ("past", "Past"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        today = pacific_today(now)
        midnight = datetime.combine(today, time.min, tzinfo=PACIFIC)
        if self.value() == "today":
            return queryset.filter(
                starts_at__gte=midnight,
                starts_at__lt=datetime.combine(today + timedelta(days=1), time.min, tzinfo=PACIFIC),
            )
        if self.value() == "week":
            monday = today - timedelta(days=today.weekday())
            return queryset.filter(
                starts_at__gte=datetime.combine(monday, time.min, tzinfo=PACIFIC),
                starts_at__lt=datetime.combine(
                    monday + timedelta(days=7), time.min, tzinfo=PACIFIC
                ),
            )
        if self.value() == "upcoming":
            return queryset.filter(starts_at__gte=now)
        if self.value() == "past":
            return queryset.filter(starts_at__lt=now)
        return queryset


class ConsultationEventInline(admin.TabularInline):
    model = ConsultationEvent
    extra = 0
    can_delete = False
    fields = ["at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Consultation)
class ConsultationAdmin(ClientDataAdminMixin, admin.ModelAdmin):
    list_display = [
        "when",
        "client_name",
        "phone",
        "mode",
        "interest",
        "coordinator",
        "status",
    ]
    list_filter = [WhenFilter, "status", "coordinator", "mode"]
    list_select_related = ["client", "coordinator", "lead"]
    search_fields = ["client__first_name", "client__last_name", "client__email", "client__phone"]
    ordering = ["starts_at"]
    actions = ["mark_completed", "mark_no_show", "cancel_selected", "reschedule_selected"]
    inlines = [ConsultationEventInline]
    change_list_template = "consultations/admin/consultation_change_list.html"
    fields = [
        "when",
        "client_link",
        "phone",
        "mode",
        "interest",
        "coordinator",
        "status",
        "note",
        "booked_by",
        "moved_to",
        "self_service_link",
    ]
    readonly_fields = fields

    # --- columns -------------------------------------------------------------------
    @admin.display(description="When (Pacific)", ordering="starts_at")
    def when(self, obj: Consultation) -> str:
        return _when(obj.starts_at)

    @admin.display(description="Client", ordering="client__first_name")
    def client_name(self, obj: Consultation) -> str:
        return str(obj.client)

    @admin.display(description="Phone")
    def phone(self, obj: Consultation) -> str:
        return obj.client.phone

    @admin.display(description="Interest")
    def interest(self, obj: Consultation) -> str:
        return obj.lead.get_interest_display() if obj.lead else "-"

    @admin.display(description="Client")
    def client_link(self, obj: Consultation):
        url = reverse("admin:clients_client_change", args=[obj.client_id])
        return format_html('<a href="{}">{}</a> ({})', url, obj.client, obj.client.email)

    @admin.display(description="Moved to")
    def moved_to(self, obj: Consultation):
        if not obj.rescheduled_to_id:
            return "-"
        url = reverse("admin:consultations_consultation_change", args=[obj.rescheduled_to_id])
        return format_html('<a href="{}">{}</a>', url, _when(obj.rescheduled_to.starts_at))

    @admin.display(description="Client's own page")
    def self_service_link(self, obj: Consultation):
        url = manage_path(obj.pk)
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">What the client sees</a>', url
        )

    # --- permissions: changes only through the services ----------------------------
    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:consultations_consultation_book"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        consultation = self.get_object(request, object_id)
        if consultation is not None and request.method == "GET":
            client_access_record(
                client_id=consultation.client_id,
                user=request.user,
                where=f"admin consultation #{consultation.pk}",
            )
        return super().change_view(request, object_id, form_url, extra_context)

    # --- actions ---------------------------------------------------------------------
    def _apply(self, request, queryset, service, label: str) -> None:
        done, reasons = 0, []
        for consultation_id in queryset.values_list("pk", flat=True):
            try:
                service(consultation_id=consultation_id, actor=request.user)
            except ConsultationError as exc:
                reasons.append(str(exc))
            else:
                done += 1
        if done:
            self.message_user(request, DONE.format(count=done, status=label), messages.SUCCESS)
        if reasons:
            self.message_user(
                request,
                SKIPPED.format(count=len(reasons), reasons="; ".join(sorted(set(reasons)))),
                messages.WARNING,
            )

    @admin.action(description="Mark as completed", permissions=["change"])
    def mark_completed(self, request, queryset):
        self._apply(request, queryset, consultation_complete, "completed")

    @admin.action(description="Mark as no-show", permissions=["change"])
    def mark_no_show(self, request, queryset):
        self._apply(request, queryset, consultation_no_show, "no-show")

    @admin.action(description="Cancel (the client is emailed)", permissions=["change"])
    def cancel_selected(self, request, queryset):
        self._apply(request, queryset, consultation_cancel, "cancelled")

    @admin.action(description="Reschedule…", permissions=["change"])
    def reschedule_selected(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True)[:2])
        if len(ids) != 1:
            self.message_user(request, PICK_ONE, messages.WARNING)
            return None
        return HttpResponseRedirect(
            reverse("admin:consultations_consultation_reschedule", args=[ids[0]])
        )

    # --- extra pages -----------------------------------------------------------------
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

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "day_url": reverse("admin:consultations_consultation_day"),
            "book_url": reverse("admin:consultations_consultation_book"),
        }
        return super().changelist_view(request, extra_context)
