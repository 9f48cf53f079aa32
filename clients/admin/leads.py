"""The coordinator's lead list and a lead's own page. Every change goes through
clients.services; opening a lead's page is recorded in the access log."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language_info

from ..admin_access import ClientDataAdminMixin
from ..admin_history import ChangeHistoryAdminMixin
from ..models import Lead
from ..selectors import RANK_LABELS, leads_ranked
from ..services import (
    LEAD_MOVES,
    LeadMoveError,
    client_access_record,
    client_call_log,
    lead_assign,
    lead_follow_up_set,
    lead_intake_create,
    lead_move,
)
from . import lead_actions
from .export import leads_csv_response
from .forms import CallForm, MoveForm, PhoneLeadForm, PlanForm
from .lead_filters import AssigneeFilter, NeedsActionFilter, attention

PHONE_LEAD_SAVED = "Saved {name}'s request from the phone call."
MOVED_ONE = "Moved to {status}."
CALL_LOGGED = "Call logged."
PLAN_SAVED = "Saved: {what}."
NOTHING_CHANGED = "Nothing changed."
L = Lead.Status


def _day(value) -> str:
    return f"{value:%a %b %-d}" if value else ""


@admin.register(Lead)
class LeadAdmin(ClientDataAdminMixin, ChangeHistoryAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "interest_shown",
        "status",
        "age",
        "last_contact",
        "next_follow_up",
        "owner",
    ]
    list_display_links = ["name"]
    list_filter = [NeedsActionFilter, AssigneeFilter, "status", "source", "interest"]
    search_fields = ["client__first_name", "client__last_name", "client__email", "client__phone"]
    # The list must stay a fixed handful of queries: no full count beside the filtered one.
    show_full_result_count = False
    actions = lead_actions.ACTIONS
    change_form_template = "clients/admin/lead_change_form.html"
    change_list_template = "clients/admin/lead_change_list.html"
    fields = [
        "client_link",
        "contact",
        "status",
        "is_urgent",
        "assignee",
        "follow_up_on",
        "first_contacted_at",
        "last_contacted_at",
        "source",
        "interest",
        "interested_group",
        "preferred_times",
        "heard_about",
        "message",
        "created_at",
        "status_changed_at",
    ]
    # Every field is changed through a service (buttons, the call log, the plan form), so
    # each change has its timeline entry; a crisis flag is never cleared by a stray edit.
    readonly_fields = [
        "client_link",
        "contact",
        "status",
        "is_urgent",
        "interest",
        "interested_group",
        "preferred_times",
        "heard_about",
        "message",
        "assignee",
        "follow_up_on",
        "first_contacted_at",
        "last_contacted_at",
        "source",
        "created_at",
        "status_changed_at",
    ]

    def get_queryset(self, request):
        return leads_ranked(attention(request))

    def get_ordering(self, request):
        return ["action_rank", "created_at"]

    @admin.display(description="Name", ordering="client__first_name")
    def name(self, obj: Lead):
        flag = RANK_LABELS.get(getattr(obj, "action_rank", None), "")
        if flag:
            return format_html("{} <strong>({})</strong>", obj.client, flag.lower())
        return str(obj.client)

    @admin.display(description="Interest", ordering="interest")
    def interest_shown(self, obj: Lead) -> str:
        if obj.interested_group_id:
            return obj.interested_group.name
        return obj.get_interest_display()

    @admin.display(description="Age", ordering="created_at")
    def age(self, obj: Lead) -> str:
        hours = int((timezone.now() - obj.created_at).total_seconds() // 3600)
        return f"{hours} h" if hours < 48 else f"{hours // 24} days"

    @admin.display(description="Last contact", ordering="last_contacted_at")
    def last_contact(self, obj: Lead) -> str:
        if obj.last_contacted_at is None:
            return "never"
        return _day(timezone.localtime(obj.last_contacted_at))

    @admin.display(description="Next follow-up", ordering="follow_up_on")
    def next_follow_up(self, obj: Lead) -> str:
        return _day(obj.follow_up_on)

    @admin.display(description="Owner", ordering="assignee__first_name")
    def owner(self, obj: Lead) -> str:
        if obj.assignee is None:
            return ""
        return obj.assignee.get_full_name() or obj.assignee.get_username()

    @admin.display(description="Client")
    def client_link(self, obj: Lead):
        url = reverse("admin:clients_client_change", args=[obj.client_id])
        return format_html('<a href="{}">{}</a>', url, obj.client)

    @admin.display(description="Contact")
    def contact(self, obj: Lead):
        c = obj.client
        return format_html(
            "{} &middot; {} &middot; prefers {} &middot; emails in {} &middot; {} {}",
            c.email,
            c.phone or "no phone",
            c.get_preferred_contact_display().lower(),
            # The English name ("Spanish"): staff pages stay English.
            get_language_info(c.language)["name"],
            c.city,
            c.state,
        )

    def has_delete_permission(self, request, obj=None):
        return False

    # --- a lead's own page ------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        lead = getattr(response, "context_data", {}).get("original")
        if lead is not None and request.method == "GET":
            client_access_record(
                client_id=lead.client_id, user=request.user, where=f"admin lead #{lead.pk}"
            )
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            from staffhome.timeline import client_timeline

            context.update(
                moves=[(s, L(s).label) for s in sorted(LEAD_MOVES.get(obj.status, ()))],
                move_form=MoveForm(),
                call_form=CallForm(prefix="call"),
                plan_form=PlanForm(
                    prefix="plan",
                    initial={"assignee": obj.assignee_id, "follow_up_on": obj.follow_up_on},
                ),
                timeline=client_timeline(client_id=obj.client_id),
                needs=RANK_LABELS.get(
                    leads_ranked(attention(request))
                    .values_list("action_rank", flat=True)
                    .get(pk=obj.pk)
                ),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def add_view(self, request, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:clients_lead_phone"))

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("phone/", wrap(self.phone_view), name="clients_lead_phone"),
            path("export/", wrap(self.export_view), name="clients_lead_export"),
            path("<int:lead_id>/move/", wrap(self.move_view), name="clients_lead_move"),
            path("<int:lead_id>/call/", wrap(self.call_view), name="clients_lead_call"),
            path("<int:lead_id>/plan/", wrap(self.plan_view), name="clients_lead_plan"),
            *super().get_urls(),
        ]

    def _post_lead(self, request: HttpRequest, lead_id: int) -> Lead:
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        return get_object_or_404(Lead, pk=lead_id)

    def _back(self, lead: Lead) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:clients_lead_change", args=[lead.pk]))

    def move_view(self, request: HttpRequest, lead_id: int) -> HttpResponse:
        lead = self._post_lead(request, lead_id)
        form = MoveForm(request.POST)
        if not form.is_valid() or form.cleaned_data["to_status"] not in L.values:
            self.message_user(request, "Choose one of the buttons.", messages.ERROR)
            return self._back(lead)
        to = form.cleaned_data["to_status"]
        try:
            lead_move(
                lead_id=lead.pk, to_status=to, actor=request.user, note=form.cleaned_data["note"]
            )
        except LeadMoveError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(
                request, MOVED_ONE.format(status=L(to).label.lower()), messages.SUCCESS
            )
        return self._back(lead)

    def call_view(self, request: HttpRequest, lead_id: int) -> HttpResponse:
        lead = self._post_lead(request, lead_id)
        form = CallForm(request.POST, prefix="call")
        if not form.is_valid():
            errors = "; ".join(e for errs in form.errors.values() for e in errs)
            self.message_user(request, f"Call not logged: {errors}", messages.ERROR)
            return self._back(lead)
        try:
            client_call_log(
                client_id=lead.client_id,
                lead_id=lead.pk,
                note=form.cleaned_data["note"],
                follow_up_on=form.cleaned_data["follow_up_on"],
                actor=request.user,
            )
        except LeadMoveError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(request, CALL_LOGGED, messages.SUCCESS)
        return self._back(lead)

    def plan_view(self, request: HttpRequest, lead_id: int) -> HttpResponse:
        lead = self._post_lead(request, lead_id)
        form = PlanForm(request.POST, prefix="plan")
        if not form.is_valid():
            self.message_user(request, "Not saved: check the owner and the date.", messages.ERROR)
            return self._back(lead)
        now = timezone.now()
        try:
            # One transaction: a refused date must not leave the new owner saved alone.
            with transaction.atomic():
                done = self._plan(lead, form.cleaned_data, user=request.user, now=now)
        except LeadMoveError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            if done:
                self.message_user(
                    request, PLAN_SAVED.format(what=" and ".join(done)), messages.SUCCESS
                )
            else:
                self.message_user(request, NOTHING_CHANGED, messages.INFO)
        return self._back(lead)

    @staticmethod
    def _plan(lead, data, *, user, now) -> list[str]:
        done = []
        if lead_assign(lead_id=lead.pk, assignee=data["assignee"], actor=user, now=now):
            done.append("owner")
        if lead_follow_up_set(lead_id=lead.pk, on=data["follow_up_on"], actor=user, now=now):
            done.append("next follow-up")
        return done

    def export_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        return leads_csv_response(changelist.get_queryset(request), user=request.user)

    def phone_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = PhoneLeadForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            lead = lead_intake_create(
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                phone=data["phone"],
                preferred_contact=data["preferred_contact"],
                state=data["state"],
                city=data["city"],
                interest=data["interest"],
                interested_group=data["interested_group"],
                message=data["message"],
                preferred_times=data["preferred_times"],
                heard_about=dict(form.fields["heard_about"].choices).get(data["heard_about"], "")
                if data["heard_about"]
                else "",
                is_urgent=data["is_urgent"],
                source=Lead.Source.PHONE,
                actor=request.user,
            )
            self.message_user(
                request, PHONE_LEAD_SAVED.format(name=lead.client.first_name), messages.SUCCESS
            )
            return HttpResponseRedirect(reverse("admin:clients_lead_change", args=[lead.pk]))
        return TemplateResponse(
            request,
            "clients/admin/phone_lead.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Enter a request from a phone call",
                "form": form,
            },
        )
