"""Attendance in admin is for reading: marks are taken on the therapist pages, where the
24-hour rule and the member checks apply."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q

from clients.admin_access import ClientDataAdminMixin
from clients.admin_history import ChangeHistoryAdminMixin
from cohorts.models import PACIFIC

from .access import is_coordinator, therapist_of, visible_cohorts
from .models import Attendance


class CohortFilter(admin.SimpleListFilter):
    # Built from the cohorts this user may see: a therapist's filter never names other groups.
    title = "cohort"
    parameter_name = "cohort"

    def lookups(self, request, model_admin):
        cohorts = (
            visible_cohorts(request.user).select_related("group").order_by("-first_session_date")
        )
        return [(str(c.pk), str(c)) for c in cohorts]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(session__cohort_id=int(self.value()))
        return queryset


@admin.register(Attendance)
class AttendanceAdmin(ClientDataAdminMixin, ChangeHistoryAdminMixin, admin.ModelAdmin):
    access_client_attr = "enrollment.client_id"
    history_client_attr = "enrollment.client_id"

    list_display = ["session_when", "cohort", "member", "status", "marked_by", "marked_at"]
    list_filter = ["status", CohortFilter]
    list_select_related = [
        "session__cohort__group",
        "enrollment__client",
        "marked_by",
    ]
    date_hierarchy = "marked_at"
    readonly_fields = ["session", "enrollment", "status", "marked_by", "marked_at"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_coordinator(request.user):
            return queryset
        therapist = therapist_of(request.user)
        if therapist is None:
            return queryset.none()
        return queryset.filter(
            Q(session__cohort__lead_therapist=therapist)
            | Q(session__cohort__co_therapist=therapist)
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Session (Pacific time)", ordering="session__starts_at")
    def session_when(self, attendance: Attendance) -> str:
        return attendance.session.starts_at.astimezone(PACIFIC).strftime(
            "%a, %b %-d, %Y, %-I:%M %p"
        )

    @admin.display(description="Group")
    def cohort(self, attendance: Attendance) -> str:
        return str(attendance.session.cohort)

    @admin.display(description="Member")
    def member(self, attendance: Attendance) -> str:
        return str(attendance.enrollment.client)
