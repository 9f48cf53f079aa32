"""The coordinator's screens for offices, therapists, groups and cohorts.

Status is read-only here: every move (publish, cancel, skip a week, move a meeting) goes
through cohorts.services, exactly as it would anywhere else, and a refused move is reported
as a message, never as an error page.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst

from enrollment.services import schedule_audience_count, schedule_change_notify
from groups_site.timezones import Weekday, pacific_display

from .admin_schedule import (
    DATE_FIELDS,
    TIME_FIELDS,
    WILL_BE_TOLD,
    move_and_tell,
    skip_and_tell,
    told,
)
from .forms import SCHEDULE_FIELDS, CohortAdminForm, MoveSessionForm, SkipWeekForm
from .models import Cohort, Office, Session, Therapist, TherapyGroup
from .services import (
    ScheduleError,
    cohort_cancel,
    cohort_generate_sessions,
    cohort_publish,
)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "address"]
    search_fields = ["name", "city", "street"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Therapist)
class TherapistAdmin(admin.ModelAdmin):
    list_display = [
        "display_name",
        "credentials",
        "pronouns",
        "license_number",
        "user",
        "is_listed",
    ]
    list_filter = ["credentials", "is_listed"]
    search_fields = ["display_name", "license_number", "user__username", "user__email"]
    list_select_related = ["user"]
    prepopulated_fields = {"slug": ["display_name"]}
    autocomplete_fields = ["user"]


@admin.register(TherapyGroup)
class TherapyGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "focus", "format", "office", "kind", "session_minutes", "is_listed"]
    list_filter = ["focus", "format", "kind", "office", "is_listed"]
    search_fields = ["name", "topic", "summary"]
    list_select_related = ["office"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "focus", "topic", "kind", "is_listed"]}),
        ("Where", {"fields": ["format", "office"]}),
        ("What visitors read", {"fields": ["summary", "who_it_is_for", "what_to_expect"]}),
        (
            "Defaults for new cohorts",
            {"fields": ["session_minutes", "default_capacity", "fee_text"]},
        ),
    ]


class SessionInline(admin.TabularInline):
    model = Session
    fields = ["when", "status", "is_moved", "is_entry_point", "change_links"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    ordering = ["starts_at"]  # a moved meeting shows where it now falls

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="When (Pacific time)")
    def when(self, session: Session) -> str:
        if not session.is_held:
            return f"Week of {session.scheduled_date:%a, %b %-d, %Y}: no meeting"
        ends = pacific_display(session.ends_at, "%-I:%M %p")
        return f"{pacific_display(session.starts_at)} to {ends}"

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


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    form = CohortAdminForm
    list_display = [
        "group",
        "first_session",
        "schedule",
        "lead_therapist",
        "seats",
        "status",
    ]
    list_filter = [
        "status",
        "group__focus",
        "group__format",
        "group__kind",
        "group",
        "lead_therapist",
    ]
    search_fields = ["group__name", "lead_therapist__display_name", "co_therapist__display_name"]
    list_select_related = ["group", "lead_therapist"]
    date_hierarchy = "first_session_date"
    readonly_fields = ["status", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["group", "lead_therapist", "co_therapist", "status"]}),
        (
            "Schedule (Pacific time)",
            {
                "fields": [
                    "first_session_date",
                    "weekday",
                    "start_time",
                    "session_count",
                    "entry_interval_weeks",
                ],
                "description": "Saving a change here lays out the sessions again. "
                "Meetings already held and meetings moved by hand stay where they are.",
            },
        ),
        ("Seats", {"fields": ["capacity", "min_to_run", "enrollment_deadline", "fee_text"]}),
        ("Online meetings", {"fields": ["video_link"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [SessionInline]
    actions = ["publish", "cancel", "skip_week"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).with_seats_taken()
        therapist = getattr(request.user, "therapist", None)
        if therapist is not None and not request.user.has_perm("cohorts.change_cohort"):
            # A therapist without coordinator rights sees only the cohorts they lead.
            queryset = queryset.for_therapist(therapist)
        return queryset

    @admin.display(description="First session", ordering="first_session_date")
    def first_session(self, cohort: Cohort) -> str:
        return pacific_display(cohort.first_session_start, "%a, %b %-d, %Y")

    @admin.display(description="Meets")
    def schedule(self, cohort: Cohort) -> str:
        weekday = Weekday(cohort.weekday).label
        return f"{weekday}s {cohort.start_time:%-I:%M %p}"

    @admin.display(description="Seats taken", ordering="seats_taken")
    def seats(self, cohort: Cohort) -> str:
        return f"{cohort.seats_taken} / {cohort.capacity}"

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("capacity", 8)
        return initial

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and not SCHEDULE_FIELDS & set(form.changed_data):
            return
        now = timezone.now()
        try:
            held = cohort_generate_sessions(cohort=obj, now=now)
        except ScheduleError as error:  # the form checked; a concurrent change can still win
            self.message_user(request, str(error), messages.ERROR)
            return
        text = f"Sessions laid out: {plural(len(held), 'meeting')}."
        changed = set(form.changed_data)
        if change and (changed & (DATE_FIELDS | TIME_FIELDS)):
            # admin's changeform runs in one transaction: the emails exist iff the change does.
            kind = "postponed" if changed & DATE_FIELDS else "time"
            count = schedule_change_notify(cohort_id=obj.pk, change=kind, now=now)
            text += f" {told(count)} emailed the new dates."
        self.message_user(request, text)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        count = schedule_audience_count(cohort_id=obj.pk)
        name, options = fieldsets[1]
        description = f"{options['description']} " + WILL_BE_TOLD.format(told=told(count))
        return [fieldsets[0], (name, {**options, "description": description}), *fieldsets[2:]]

    # --- actions --------------------------------------------------------------------------
    def _run(self, request, queryset: QuerySet, service, verb: str) -> None:
        done, refused = 0, []
        for cohort in queryset.select_related("group"):
            try:
                service(cohort_id=cohort.pk)
            except ScheduleError as error:
                refused.append(f"{cohort}: {error}")
            else:
                done += 1
        if done:
            self.message_user(request, f"{capfirst(verb)} {plural(done, 'cohort')}.")
        for line in refused:
            self.message_user(request, line, messages.ERROR)

    @admin.action(description="Publish selected cohorts", permissions=["change"])
    def publish(self, request, queryset):
        self._run(request, queryset, cohort_publish, "published")

    @admin.action(description="Cancel selected cohorts…", permissions=["change"])
    def cancel(self, request, queryset):
        if request.POST.get("confirm") == "yes":
            self._run(request, queryset, cohort_cancel, "cancelled")
            return None
        return self._confirm_page(
            request,
            queryset,
            action="cancel",
            title="Cancel these cohorts?",
            explain=(
                "Members are told and offered another cohort. "
                "A cancelled cohort cannot be published again."
            ),
            button="Yes, cancel them",
        )

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

    def _confirm_page(self, request, queryset, *, action, title, explain, button, form=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "explain": explain,
            "button": button,
            "action": action,
            "cohorts": list(queryset.select_related("group")),
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "cohorts/admin/confirm_action.html", context)

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
