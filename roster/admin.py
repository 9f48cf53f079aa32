"""Attendance in admin is for reading: marks are taken on the therapist pages, where the
24-hour rule and the member checks apply. Missed-sessions flags are the coordinator's to
mark handled, with a note, through the same service any other screen would use."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.template.response import TemplateResponse

from clients.admin_access import ClientDataAdminMixin
from clients.admin_history import ChangeHistoryAdminMixin
from groups_site.timezones import PACIFIC

from .access import is_coordinator, therapist_of, visible_cohorts
from .models import Attendance, AttendanceCorrection, MissedSessionsFlag
from .services import FlagError, missed_flag_handle


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


class CorrectionInline(admin.TabularInline):
    model = AttendanceCorrection
    fields = ["at", "by", "old_status", "new_status", "old_in_california", "new_in_california"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Attendance)
class AttendanceAdmin(ClientDataAdminMixin, ChangeHistoryAdminMixin, admin.ModelAdmin):
    access_client_attr = "enrollment.client_id"
    history_client_attr = "enrollment.client_id"

    list_display = [
        "session_when",
        "cohort",
        "member",
        "status",
        "in_california",
        "marked_by",
        "marked_at",
    ]
    inlines = [CorrectionInline]
    list_filter = ["status", CohortFilter]
    list_select_related = [
        "session__cohort__group",
        "enrollment__client",
        "marked_by",
    ]
    date_hierarchy = "marked_at"
    readonly_fields = ["session", "enrollment", "status", "in_california", "marked_by", "marked_at"]

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


class HandledForm(forms.Form):
    note = forms.CharField(
        label="How it was handled",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: called on Tuesday, back next week.",
    )


@admin.register(MissedSessionsFlag)
class MissedSessionsFlagAdmin(ClientDataAdminMixin, admin.ModelAdmin):
    # The list names members: each one shown is an access-log row.
    access_client_attr = "enrollment.client_id"

    list_display = ["raised_at", "member", "cohort", "reason", "is_open_display", "cleared_how"]
    list_filter = [("cleared_at", admin.EmptyFieldListFilter), "reason"]
    list_select_related = ["enrollment__client", "enrollment__cohort__group"]
    readonly_fields = [
        "enrollment",
        "trigger_session",
        "reason",
        "raised_at",
        "cleared_at",
        "cleared_how",
        "cleared_by",
        "note",
    ]
    actions = ["mark_handled"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Member")
    def member(self, flag: MissedSessionsFlag) -> str:
        return str(flag.enrollment.client)

    @admin.display(description="Group")
    def cohort(self, flag: MissedSessionsFlag) -> str:
        return str(flag.enrollment.cohort)

    @admin.display(description="Open", boolean=True)
    def is_open_display(self, flag: MissedSessionsFlag) -> bool:
        return flag.is_open

    @admin.action(description="Mark handled (with a note)…", permissions=["change"])
    def mark_handled(self, request, queryset):
        form = HandledForm(request.POST if "note" in request.POST else None)
        if form.is_bound and form.is_valid():
            done, refused = 0, 0
            for flag in queryset:
                try:
                    missed_flag_handle(
                        flag_id=flag.pk, by=request.user, note=form.cleaned_data["note"]
                    )
                except FlagError:
                    refused += 1
                else:
                    done += 1
            self.message_user(request, f"Marked handled: {done}.")
            if refused:
                self.message_user(request, f"Already cleared: {refused}.", messages.WARNING)
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Mark handled",
            "flags": list(queryset.select_related("enrollment__client", "enrollment__cohort")),
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "roster/admin/mark_handled.html", context)
