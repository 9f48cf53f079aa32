"""The coordinator's enrollment screens (the "Cohort fill" list is in admin_fill.py).

Status is read-only: every move is an action that calls the same service as the public
pages, one enrollment at a time, and reports what moved and what was refused (and why).
Opening an enrollment shows the client's details, so it is recorded in the access log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from clients.admin_access import ClientDataAdminMixin
from clients.admin_history import ChangeHistoryAdminMixin
from clients.services import client_access_record
from groups_site.timezones import pacific_display

from . import (  # noqa: F401  admin_cohort registers the cohort admin
    admin_cohort,
    admin_fill,  # noqa: F401  registers the Cohort fill list
    services,
)
from .admin_couples import partner_decide_view, withdraw_action
from .admin_place import place_view
from .admin_place_couple import place_couple_view
from .models import WAITLIST_ORDER, Enrollment, EnrollmentEvent, GroupAgreement
from .selectors import member_start, with_partner, with_waitlist_position
from .wording import offers_followed

S = Enrollment.Status


class EnrollmentEventInline(admin.TabularInline):
    model = EnrollmentEvent
    fields = ["when", "from_status", "to_status", "by", "actor", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["at", "pk"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="When (Pacific time)")
    def when(self, event: EnrollmentEvent) -> str:
        return pacific_display(event.at)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class EndingSoonFilter(admin.SimpleListFilter):
    """Open offers and staff placements that end within a day: the ones to chase by phone."""

    title = "ending soon"
    parameter_name = "ending"

    def lookups(self, request, model_admin):
        return [("24h", "Offer or confirmation ending within 24 hours")]

    def queryset(self, request, queryset):
        if self.value() == "24h":
            now = timezone.now()
            return queryset.filter(
                status__in=[S.OFFERED, S.PLACED],
                offer_expires_at__gt=now,
                offer_expires_at__lte=now + timedelta(hours=24),
            )
        return queryset


class DeclineForm(forms.Form):
    reason = forms.CharField(
        max_length=300,
        label="Reason (kept for staff; the client's email doesn't include it)",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


@admin.register(Enrollment)
class EnrollmentAdmin(ClientDataAdminMixin, ChangeHistoryAdminMixin, admin.ModelAdmin):
    list_display = [
        "id",
        "client_name",
        "partner",
        "cohort",
        "status",
        "urgent",
        "priority",
        "position",
        "signed_up",
        "offer_ends",
    ]
    list_filter = ["status", EndingSoonFilter, "is_urgent", "cohort"]
    list_select_related = ["client", "cohort__group"]
    search_fields = ["client__email", "client__first_name", "client__last_name"]
    ordering = ["-is_urgent", "-created_at"]
    date_hierarchy = "created_at"
    inlines = [EnrollmentEventInline]
    actions = [
        "move_to_screening",
        "enroll",
        "decline",
        "move_to_waitlist",
        "offer_seat",
        "accept_offer",
        "withdraw",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["client_link", "partner", "cohort", "status", "is_urgent", "priority"]},
        ),
        ("Dates", {"fields": ["signed_up", "status_changed_at", "offer_ends", "starts"]}),
        ("Sign-up answers", {"fields": ["seeing_therapist", "hopes", "confirmed_adult"]}),
        ("Group agreement", {"fields": ["agreement", "agreement_version", "agreed_at"]}),
        ("Intake", {"fields": ["lead"]}),
    ]
    readonly_fields = [
        "client_link",
        "partner",
        "cohort",
        "status",
        "is_urgent",
        "signed_up",
        "status_changed_at",
        "offer_ends",
        "starts",
        "seeing_therapist",
        "hopes",
        "confirmed_adult",
        "agreement",
        "agreement_version",
        "agreed_at",
        "lead",
    ]

    def has_add_permission(self, request):
        # Places come from sign-ups, so capacity and the waitlist are always respected.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return with_partner(with_waitlist_position(super().get_queryset(request)))

    def get_ordering(self, request):
        # A waitlist reads in the order offers go out (the one WAITLIST_ORDER).
        if request.GET.get("status__exact") == S.WAITLISTED:
            return ["cohort_id", *WAITLIST_ORDER]
        return super().get_ordering(request)

    def get_urls(self):
        return [
            path(
                "place/",
                self.admin_site.admin_view(lambda request: place_view(self, request)),
                name="enrollment_enrollment_place",
            ),
            path(
                "<int:pk>/partner-decide/",
                self.admin_site.admin_view(
                    lambda request, pk: partner_decide_view(self, request, pk)
                ),
                name="enrollment_enrollment_partner_decide",
            ),
            path(
                "place-couple/",
                self.admin_site.admin_view(lambda request: place_couple_view(self, request)),
                name="enrollment_enrollment_place_couple",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and self.has_view_or_change_permission(request, obj):
            client_access_record(
                client_id=obj.client_id, user=request.user, where=f"Admin: enrollment #{obj.pk}"
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="Client", ordering="client__first_name")
    def client_name(self, enrollment: Enrollment) -> str:
        return str(enrollment.client)

    @admin.display(description="Client")
    def client_link(self, enrollment: Enrollment) -> str:
        client = enrollment.client
        return format_html(
            "{} &lt;{}&gt;{}",
            client,
            client.email,
            f" · {client.phone}" if client.phone else "",
        )

    @admin.display(description="Partner (couples)")
    def partner(self, enrollment: Enrollment) -> str:
        # The partner's name and a link to their own client page; their answers stay on
        # their own enrollment.
        client_id = getattr(enrollment, "partner_client_id", None)
        if client_id is None:
            return "-"
        url = reverse("admin:clients_client_change", args=[client_id])
        name = f"{enrollment.partner_first_name} {enrollment.partner_last_name}".strip()
        return format_html('<a href="{}">{}</a>', url, name)

    @admin.display(description="Urgent", boolean=True, ordering="is_urgent")
    def urgent(self, enrollment: Enrollment) -> bool:
        return enrollment.is_urgent

    @admin.display(description="Waitlist position", ordering="waitlist_position")
    def position(self, enrollment: Enrollment) -> int | str | None:
        position = getattr(enrollment, "waitlist_position", None)
        if position is None and enrollment.status == Enrollment.Status.WAITLISTED:
            # Offers pass over them until a person has spoken with them or they confirm.
            return "after a call (urgent)" if enrollment.is_urgent else "once they confirm"
        return position

    @admin.display(description="Signed up (Pacific)", ordering="created_at")
    def signed_up(self, enrollment: Enrollment) -> str:
        return pacific_display(enrollment.created_at)

    @admin.display(description="Offer or confirmation ends (Pacific)", ordering="offer_expires_at")
    def offer_ends(self, enrollment: Enrollment) -> str:
        return pacific_display(enrollment.offer_expires_at)

    @admin.display(description="Starts (Pacific)")
    def starts(self, enrollment: Enrollment) -> str:
        start = member_start(enrollment)
        return pacific_display(start.starts_at) if start else "-"

    # --- actions: each one calls a service per row and reports counts and refusals ----------

    def _apply(self, request, queryset: QuerySet, service: Callable, done: str, **kwargs) -> None:
        moved, refused, offers = 0, [], []
        for enrollment in queryset.select_related("client").order_by("pk"):
            try:
                result = service(enrollment_id=enrollment.pk, actor=request.user, **kwargs)
            except services.EnrollmentError as error:
                refused.append(f"#{enrollment.pk} {enrollment.client}: {error}")
            else:
                moved += 1
                offers += getattr(result, "offers_made", [])
        if moved:
            noun = "enrollment" if moved == 1 else "enrollments"
            followed = offers_followed(offers)
            text = f"{moved} {noun} {done}" + (f"; {followed}." if followed else ".")
            self.message_user(request, text, messages.SUCCESS)
        for line in refused:
            self.message_user(request, f"Not changed: {line}", messages.WARNING)

    @admin.action(description="Move to screening", permissions=["change"])
    def move_to_screening(self, request, queryset):
        self._apply(request, queryset, services.enrollment_screen, "moved to screening")

    @admin.action(description="Enroll (confirms the place by email)", permissions=["change"])
    def enroll(self, request, queryset):
        self._apply(request, queryset, services.enrollment_enroll, "enrolled")

    @admin.action(description="Decline with a reason…", permissions=["change"])
    def decline(self, request, queryset):
        form = DeclineForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            self._apply(
                request,
                queryset,
                services.enrollment_decline,
                "declined",
                reason=form.cleaned_data["reason"],
            )
            return None
        return TemplateResponse(
            request,
            "enrollment/admin_action_ask.html",
            {
                **self.admin_site.each_context(request),
                "title": "Decline with a reason",
                "intro": (
                    "These places will be declined. Each person gets a short, kind email with "
                    "no reason in it; the reason you give stays in the enrollment's history."
                ),
                "action": "decline",
                "submit_label": "Decline",
                "opts": self.model._meta,
                "form": form,
                "enrollments": queryset.select_related("client", "cohort__group"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description="Move to the waitlist", permissions=["change"])
    def move_to_waitlist(self, request, queryset):
        self._apply(request, queryset, services.enrollment_waitlist, "moved to the waitlist")

    @admin.action(description="Offer a free seat", permissions=["change"])
    def offer_seat(self, request, queryset):
        self._apply(request, queryset, services.offer_make, "offered a seat")

    @admin.action(
        description="Accept the offer (the client said yes by phone)", permissions=["change"]
    )
    def accept_offer(self, request, queryset):
        self._apply(request, queryset, services.offer_accept, "accepted for the client")

    @admin.action(description="Withdraw (the client asked to leave)", permissions=["change"])
    def withdraw(self, request, queryset):
        # A partner in a couples group: the coordinator is asked whether the other stays.
        return withdraw_action(self, request, queryset)


@admin.register(GroupAgreement)
class GroupAgreementAdmin(admin.ModelAdmin):
    list_display = ["version", "group", "cohort", "created_at"]
    list_filter = ["group"]
    list_select_related = ["group", "cohort__group"]

    def get_readonly_fields(self, request, obj=None):
        # Once someone has agreed to a version, its words stay as they were: add a new one.
        if obj is not None and Enrollment.objects.filter(agreement=obj).exists():
            return ["group", "cohort", "version", "text", "online_text"]
        return []
