"""The coordinator's side: availability and the call list with its actions. The day view,
booking for a caller and moving a call are in admin_pages.py. Every change goes through
services."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from clients.admin_access import ClientDataAdminMixin
from clients.services import client_access_record
from groups_site.timezones import PACIFIC, pacific_today

from .admin_pages import ConsultationPagesMixin, _when
from .links import manage_path
from .models import (
    AvailabilityException,
    Consultation,
    ConsultationEvent,
    Coordinator,
    WorkingHours,
)
from .services import (
    ConsultationError,
    consultation_cancel,
    consultation_complete,
    consultation_no_show,
)

DONE = "{count} consultation(s) marked {status}."
SKIPPED = "{count} skipped: {reasons}"
PICK_ONE = "Choose exactly one consultation to reschedule."


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
class ConsultationAdmin(ConsultationPagesMixin, ClientDataAdminMixin, admin.ModelAdmin):
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

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "day_url": reverse("admin:consultations_consultation_day"),
            "book_url": reverse("admin:consultations_consultation_book"),
        }
        return super().changelist_view(request, extra_context)
