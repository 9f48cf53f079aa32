"""The coordinator's screens for offices, therapists, groups and cohorts.

Status is read-only here: every move (publish, cancel) goes through cohorts.services,
exactly as it would anywhere else, and a refused move is reported as a message, never as an
error page. The schedule changes that email the people holding a seat (skip a week, move a
meeting, new dates) are enrollment's: enrollment/admin_schedule.py extends CohortAdmin and
registers it in place of this one, so this app imports no other.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from modeltranslation.admin import TranslationAdmin

from groups_site.timezones import Weekday, pacific_display

from .forms import SCHEDULE_FIELDS, CohortAdminForm, TherapistAdminForm
from .models import Cohort, Office, Session, Therapist, TherapyGroup
from .photos import therapist_photo_remove, therapist_photo_set
from .services import (
    ScheduleError,
    cohort_cancel,
    cohort_generate_sessions,
    cohort_publish,
)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# TranslationAdmin shows each translated field twice, English above Spanish; an empty
# Spanish field shows the English text on the Spanish site.
@admin.register(Office)
class OfficeAdmin(TranslationAdmin):
    list_display = ["name", "city", "address"]
    search_fields = ["name", "city", "street"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "serves"]}),
        ("Address", {"fields": ["street", "city", "postal_code"]}),
        ("For visitors", {"fields": ["hours", "directions", "parking", "transit"]}),
    ]


@admin.register(Therapist)
class TherapistAdmin(TranslationAdmin):
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
    form = TherapistAdminForm
    readonly_fields = ["current_photo"]
    # Named outright: the translation admin lays out only the model's own fields otherwise,
    # and the photo fields would be left off the page.
    fieldsets = [
        (None, {"fields": [f for f in TherapistAdminForm.Meta.fields if f != "photo_alt"]}),
        ("Photo", {"fields": ["current_photo", "photo", "remove_photo", "photo_alt"]}),
    ]

    @admin.display(description="Current photo")
    def current_photo(self, obj: Therapist) -> str:
        if not obj.photo_key:
            return "No photo: the public pages show a plain placeholder."
        return format_html(
            '<img src="{}" width="160" height="160" alt="{}">',
            obj.photo_url(obj.photo_widths[0]),
            obj.photo_alt_text,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        image = getattr(form, "photo_image", None)
        if image is not None:
            therapist_photo_set(therapist=obj, image=image)
        elif form.cleaned_data.get("remove_photo"):
            therapist_photo_remove(therapist=obj)


@admin.register(TherapyGroup)
class TherapyGroupAdmin(TranslationAdmin):
    list_display = [
        "name",
        "focus",
        "format",
        "office",
        "kind",
        "sessions_language",
        "session_minutes",
        "is_listed",
    ]
    list_filter = ["focus", "format", "kind", "office", "sessions_language", "is_listed"]
    search_fields = ["name", "topic", "summary"]
    list_select_related = ["office"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "focus", "topic", "kind", "is_listed"]}),
        ("Where", {"fields": ["format", "office", "sessions_language"]}),
        ("What visitors read", {"fields": ["summary", "who_it_is_for", "what_to_expect"]}),
        (
            "Defaults for new cohorts",
            {"fields": ["session_minutes", "default_capacity", "fee_text"]},
        ),
    ]


class SessionInline(admin.TabularInline):
    model = Session
    fields = ["when", "status", "is_moved", "is_entry_point"]
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


@admin.register(Cohort)
class CohortAdmin(TranslationAdmin):
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
    actions = ["publish", "cancel"]

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
        if change:
            text += self.schedule_changed(obj, changed=set(form.changed_data), now=now)
        self.message_user(request, text)

    def schedule_changed(self, cohort: Cohort, *, changed: set[str], now) -> str:
        """After a saved schedule change: what else happened, as a sentence for the message.

        Nothing here; enrollment's admin (which registers its subclass of this one) emails
        the people holding a seat, since who holds one is enrollment's to know.
        """
        return ""

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
