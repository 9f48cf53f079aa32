"""Schedule changes that reach people: the cohort admin's moves of meetings, each written
together with one "your group's schedule changed" email per person holding a seat.

Admin composes the apps: the cohort's own services move the meetings, and the enrollment
app's service writes the emails in the same transaction, so they exist exactly when the
change does (no signal: the caller sees what saving does). It lives here, not in cohorts,
because who holds a seat is enrollment's to know: `CohortScheduleAdmin` extends cohorts'
CohortAdmin, and enrollment/admin_cohort.py registers it (with the capacity rule) in its place.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from cohorts.admin import CohortAdmin, SessionInline
from cohorts.forms import MoveSessionForm, SkipWeekForm
from cohorts.models import Cohort, Session
from cohorts.services import ScheduleError, cohort_skip_week, session_move
from groups_site.timezones import pacific_display

from .services import schedule_audience_count, schedule_change_notify


def told(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


# What the coordinator reads before saving a schedule change.
WILL_BE_TOLD = "Saving emails the new dates to {told} holding a seat (members and open offers)."
# Changes of these fields are a "your group's schedule changed" email; a longer or shorter
# run (session count) is arranged with members in person.
DATE_FIELDS = {"first_session_date"}
TIME_FIELDS = {"weekday", "start_time"}


def move_and_tell(cleaned: dict, *, now) -> tuple[Session, int]:
    """Move one meeting and tell everyone holding a seat; moving the first held meeting is
    a postponed start."""
    session = cleaned["session"]
    with transaction.atomic():
        first = session.cohort.sessions.held().order_by("starts_at").first()
        moved = session_move(session_id=session.pk, new_start=cleaned["new_start"], now=now)
        kind = "postponed" if first is not None and first.pk == session.pk else "moved"
        return moved, schedule_change_notify(cohort_id=moved.cohort_id, change=kind, now=now)


def skip_and_tell(cohort_id: int, day, now=None) -> int:
    now = now or timezone.now()
    with transaction.atomic():
        cohort_skip_week(cohort_id=cohort_id, day=day, now=now)
        return schedule_change_notify(cohort_id=cohort_id, change="skipped", now=now)


class ScheduleSessionInline(SessionInline):
    fields = [*SessionInline.fields, "change_links"]
    readonly_fields = fields

    @admin.display(description="Change")
    def change_links(self, session: Session) -> str:
        if not session.is_held or session.starts_at <= timezone.now():
            return "-"
        base = reverse("admin:cohorts_cohort_skip_week", args=[session.cohort_id])
        move = reverse("admin:cohorts_cohort_move_session", args=[session.cohort_id])
        return format_html(
            '<a href="{}?day={}">Skip this week</a> &middot; <a href="{}?session={}">Move</a>',
            base,
            session.scheduled_date.isoformat(),
            move,
            session.pk,
        )


class CohortScheduleAdmin(CohortAdmin):
    """The Cohort admin with the schedule changes that email everyone holding a seat."""

    inlines = [ScheduleSessionInline]
    actions = [*CohortAdmin.actions, "skip_week"]

    def schedule_changed(self, cohort: Cohort, *, changed: set[str], now) -> str:
        if not changed & (DATE_FIELDS | TIME_FIELDS):
            return ""
        # admin's changeform runs in one transaction: the emails exist iff the change does.
        kind = "postponed" if changed & DATE_FIELDS else "time"
        count = schedule_change_notify(cohort_id=cohort.pk, change=kind, now=now)
        return f" {told(count)} emailed the new dates."

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        count = schedule_audience_count(cohort_id=obj.pk)
        name, options = fieldsets[1]
        description = f"{options['description']} " + WILL_BE_TOLD.format(told=told(count))
        return [fieldsets[0], (name, {**options, "description": description}), *fieldsets[2:]]

    @admin.action(description="Skip a week (holiday)…", permissions=["change"])
    def skip_week(self, request, queryset):
        form = SkipWeekForm(request.POST if "day" in request.POST else None)
        if form.is_bound and form.is_valid():
            day = form.cleaned_data["day"]
            self._run(
                request,
                queryset,
                lambda cohort_id: skip_and_tell(cohort_id, day),
                f"skipped the week of {day:%b %-d} for",
            )
            return None
        count = sum(schedule_audience_count(cohort_id=c.pk) for c in queryset)
        return self._confirm_page(
            request,
            queryset,
            action="skip_week",
            title="Skip a week",
            explain="No meeting that week; each cohort gains a week at the end. "
            + WILL_BE_TOLD.format(told=told(count)),
            button="Skip that week",
            form=form,
        )

    # --- one cohort's schedule pages ------------------------------------------------------
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/skip-week/",
                view(self.skip_week_view),
                name="cohorts_cohort_skip_week",
            ),
            path(
                "<int:pk>/move-session/",
                view(self.move_session_view),
                name="cohorts_cohort_move_session",
            ),
            *super().get_urls(),
        ]

    def _schedule_page(self, request, cohort, form, *, title, button):
        count = schedule_audience_count(cohort_id=cohort.pk)
        context = {
            "will_be_told": WILL_BE_TOLD.format(told=told(count)),
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": cohort,
            "title": title,
            "form": form,
            "button": button,
            "change_url": reverse("admin:cohorts_cohort_change", args=[cohort.pk]),
        }
        return TemplateResponse(request, "cohorts/admin/schedule_form.html", context)

    def skip_week_view(self, request, pk):
        cohort = self._cohort_or_denied(request, pk)
        if not isinstance(cohort, Cohort):
            return cohort
        if request.method == "POST":
            form = SkipWeekForm(request.POST)
            if form.is_valid():
                try:
                    count = skip_and_tell(cohort.pk, form.cleaned_data["day"])
                except ScheduleError as error:
                    form.add_error("day", str(error))
                else:
                    self.message_user(
                        request,
                        f"No meeting in the week of {form.cleaned_data['day']:%b %-d}; "
                        f"a week was added at the end. {told(count)} emailed the new dates.",
                    )
                    return HttpResponseRedirect(
                        reverse("admin:cohorts_cohort_change", args=[cohort.pk])
                    )
        else:
            form = SkipWeekForm(initial={"day": request.GET.get("day")})
        return self._schedule_page(
            request, cohort, form, title=f"Skip a week: {cohort}", button="Skip that week"
        )

    def move_session_view(self, request, pk):
        cohort = self._cohort_or_denied(request, pk)
        if not isinstance(cohort, Cohort):
            return cohort
        now = timezone.now()
        if request.method == "POST":
            form = MoveSessionForm(request.POST, cohort=cohort, now=now)
            if form.is_valid():
                try:
                    moved, count = move_and_tell(form.cleaned_data, now=now)
                except ScheduleError as error:
                    form.add_error(None, str(error))
                else:
                    self.message_user(
                        request,
                        f"Meeting moved to {pacific_display(moved.starts_at)} Pacific time. "
                        f"{told(count)} emailed the new dates.",
                    )
                    return HttpResponseRedirect(
                        reverse("admin:cohorts_cohort_change", args=[cohort.pk])
                    )
        else:
            form = MoveSessionForm(
                initial={"session": request.GET.get("session")}, cohort=cohort, now=now
            )
        return self._schedule_page(
            request, cohort, form, title=f"Move a meeting: {cohort}", button="Move it"
        )

    def _cohort_or_denied(self, request, pk):
        cohort = get_object_or_404(self.get_queryset(request).select_related("group"), pk=pk)
        if not self.has_change_permission(request, cohort):
            self.message_user(
                request, "You can view this cohort but not change it.", messages.ERROR
            )
            return HttpResponseRedirect(reverse("admin:cohorts_cohort_change", args=[cohort.pk]))
        return cohort
