"""The coordinator's "Cohort fill" list: how full each cohort is, who is waiting, couples,
and the cohorts at risk of not reaching their minimum."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import admin
from django.db.models import Count, F, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from groups_site.timezones import pacific_display

from .models import CohortFill, Enrollment
from .selectors import has_odd_free_seat

S = Enrollment.Status
# A cohort this close to its start with fewer seat holders than its minimum is flagged.
AT_RISK_DAYS = 14


class AtRiskFilter(admin.SimpleListFilter):
    title = "needs attention"
    parameter_name = "at_risk"

    def lookups(self, request, model_admin):
        return [("yes", f"Under its minimum, starting within {AT_RISK_DAYS} days")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return _at_risk(queryset, now=timezone.now())
        return queryset


def _at_risk(queryset: QuerySet, *, now) -> QuerySet:
    return queryset.filter(
        first_start__gt=now,
        first_start__lte=now + timedelta(days=AT_RISK_DAYS),
        holders__lt=F("min_to_run"),
        status="published",
    )


@admin.register(CohortFill)
class CohortFillAdmin(admin.ModelAdmin):
    """Read-only: seats, waitlist and minimum per cohort, with the ones at risk flagged."""

    list_display = [
        "cohort_name",
        "starts",
        "status",
        "fill",
        "enrolled_count",
        "waitlist",
        "couples",
        "flag",
        "roster_file",
    ]
    list_filter = [AtRiskFilter, "status", "group"]
    list_select_related = ["group"]
    ordering = ["first_session_date", "start_time"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                # distinct: the join with sessions repeats each enrollment once per meeting.
                holders=Count("enrollments", filter=Q(enrollments__holds_seat=True), distinct=True),
                enrolled=Count(
                    "enrollments", filter=Q(enrollments__status=S.ENROLLED), distinct=True
                ),
                waiting=Count(
                    "enrollments", filter=Q(enrollments__status=S.WAITLISTED), distinct=True
                ),
                first_start=Min("sessions__starts_at", filter=Q(sessions__status="scheduled")),
                # Couples groups: couples rather than people (each couple's two rows
                # share one couple id).
                couples_seated=Count(
                    "enrollments__couple",
                    filter=Q(
                        enrollments__holds_seat=True,
                        enrollments__couple__kept_alone_at=None,
                    ),
                    distinct=True,
                ),
                # A partner the coordinator kept on after the other left: one seat alone.
                kept_alone=Count(
                    "enrollments",
                    filter=Q(
                        enrollments__holds_seat=True,
                        enrollments__couple__kept_alone_at__isnull=False,
                    ),
                    distinct=True,
                ),
                couples_waiting=Count(
                    "enrollments__couple",
                    filter=Q(enrollments__status=S.WAITLISTED),
                    distinct=True,
                ),
            )
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Cohort", ordering="group__name")
    def cohort_name(self, cohort: CohortFill) -> str:
        url = reverse("admin:enrollment_enrollment_changelist") + f"?cohort__id__exact={cohort.pk}"
        return format_html('<a href="{}">{}</a>', url, cohort.group.name)

    @admin.display(description="First meeting (Pacific)", ordering="first_start")
    def starts(self, cohort: CohortFill) -> str:
        return pacific_display(cohort.first_start)

    @admin.display(description="Seats held / capacity (minimum)")
    def fill(self, cohort: CohortFill) -> str:
        return f"{cohort.holders} / {cohort.capacity} (min {cohort.min_to_run})"

    @admin.display(description="Enrolled", ordering="enrolled")
    def enrolled_count(self, cohort: CohortFill) -> int:
        return cohort.enrolled

    @admin.display(description="Waitlist", ordering="waiting")
    def waitlist(self, cohort: CohortFill) -> int:
        return cohort.waiting

    @admin.display(description="Couples")
    def couples(self, cohort: CohortFill) -> str:
        if cohort.group.focus != cohort.group.Focus.COUPLES:
            return "-"
        text = f"{cohort.couples_seated} seated, {cohort.couples_waiting} waiting"
        if cohort.kept_alone:
            text += f", {cohort.kept_alone} partner(s) on their own"
        if has_odd_free_seat(capacity=cohort.capacity, taken=cohort.holders):
            text += "; 1 free seat waits for its pair"
        return text

    @admin.display(description="Roster")
    def roster_file(self, cohort: CohortFill) -> str:
        url = reverse("roster:cohort_csv", args=[cohort.pk])
        return format_html('<a href="{}" download>CSV</a>', url)

    @admin.display(description="Flag")
    def flag(self, cohort: CohortFill) -> str:
        now = timezone.now()
        start = cohort.first_start
        soon = start is not None and now < start <= now + timedelta(days=AT_RISK_DAYS)
        if soon and cohort.holders < cohort.min_to_run and cohort.status == "published":
            short = cohort.min_to_run - cohort.holders
            return format_html(
                '<strong style="color:#9a2a00">Under minimum: {} more needed</strong>', short
            )
        return ""
