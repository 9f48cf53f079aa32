"""The coordinator's triage of clients and leads. Status moves go through clients.services;
opening a client's or a lead's page is recorded in the access log."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from .admin_access import ClientDataAdminMixin
from .admin_history import ChangeHistoryAdminMixin
from .admin_privacy import privacy_urls
from .forms import GetStartedForm
from .models import Client, ClientAccessLog, Lead, LeadEvent
from .services import LeadMoveError, client_access_record, lead_intake_create, lead_move

MOVED = "{count} lead(s) moved to {status}."
NOT_MOVED = "{count} left as they were: {reasons}"
PHONE_LEAD_SAVED = "Saved {name}'s request from the phone call."


def _overdue_cutoff():
    return timezone.now() - timedelta(hours=settings.LEAD_OVERDUE_HOURS)


class NeedsAttentionFilter(admin.SimpleListFilter):
    title = "needs attention"
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [
            ("new", "New, not yet contacted"),
            ("overdue", f"Overdue (new for more than {settings.LEAD_OVERDUE_HOURS} hours)"),
            ("urgent", "Priority (asked for a same-day call back)"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "new":
            return queryset.filter(status=Lead.Status.NEW)
        if self.value() == "overdue":
            return queryset.filter(status=Lead.Status.NEW, created_at__lt=_overdue_cutoff())
        if self.value() == "urgent":
            return queryset.filter(is_urgent=True)
        return queryset


class LeadEventInline(admin.TabularInline):
    model = LeadEvent
    extra = 0
    can_delete = False
    fields = ["at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _move_action(to_status: str, label: str):
    def action(modeladmin, request, queryset):
        moved, reasons = 0, []
        for lead_id in queryset.values_list("pk", flat=True):
            try:
                lead_move(lead_id=lead_id, to_status=to_status, actor=request.user)
            except LeadMoveError as exc:
                reasons.append(str(exc))
            else:
                moved += 1
        if moved:
            modeladmin.message_user(
                request, MOVED.format(count=moved, status=label.lower()), messages.SUCCESS
            )
        if reasons:
            modeladmin.message_user(
                request,
                NOT_MOVED.format(count=len(reasons), reasons="; ".join(sorted(set(reasons)))),
                messages.WARNING,
            )

    action.__name__ = f"move_to_{to_status}"
    return admin.action(description=f"Mark as {label.lower()}", permissions=["change"])(action)


class PhoneLeadForm(GetStartedForm):
    """A request the coordinator types in during a call: same fields, and they judge urgency."""

    crisis = None
    is_urgent = forms.BooleanField(
        label="Priority: needs a same-day call back",
        required=False,
        help_text="For example, the caller mentioned thoughts of harming themselves or others.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].required = False


@admin.register(Lead)
class LeadAdmin(ClientDataAdminMixin, ChangeHistoryAdminMixin, admin.ModelAdmin):
    list_display = [
        "priority",
        "received",
        "client_name",
        "source",
        "interest",
        "status",
        "waiting",
    ]
    list_display_links = ["received", "client_name"]
    list_filter = [NeedsAttentionFilter, "status", "source", "interest"]
    list_select_related = ["client", "interested_group"]
    search_fields = ["client__first_name", "client__last_name", "client__email", "client__phone"]
    ordering = ["-is_urgent", "-created_at"]
    inlines = [LeadEventInline]
    actions = [
        _move_action(Lead.Status.CONTACTED, "Contacted"),
        _move_action(Lead.Status.ENROLLED, "Enrolled"),
        _move_action(Lead.Status.WAITLISTED, "Waitlisted"),
        _move_action(Lead.Status.REFERRED_OUT, "Referred out"),
        _move_action(Lead.Status.NOT_A_FIT, "Not a fit"),
        _move_action(Lead.Status.NO_RESPONSE, "No response"),
    ]
    fields = [
        "client_link",
        "contact",
        "status",
        "is_urgent",
        "source",
        "interest",
        "interested_group",
        "preferred_times",
        "heard_about",
        "message",
        "created_at",
        "status_changed_at",
    ]
    readonly_fields = [
        "client_link",
        "contact",
        "status",
        "source",
        "created_at",
        "status_changed_at",
    ]

    @admin.display(description="Priority", ordering="-is_urgent")
    def priority(self, obj: Lead) -> str:
        return "Call today" if obj.is_urgent else ""

    @admin.display(description="Received", ordering="created_at")
    def received(self, obj: Lead) -> str:
        return timezone.localtime(obj.created_at).strftime("%a %b %-d, %-I:%M %p")

    @admin.display(description="Client", ordering="client__first_name")
    def client_name(self, obj: Lead) -> str:
        return str(obj.client)

    @admin.display(description="Waiting")
    def waiting(self, obj: Lead) -> str:
        if obj.status != Lead.Status.NEW:
            return ""
        hours = int((timezone.now() - obj.created_at).total_seconds() // 3600)
        label = f"{hours} h" if hours < 48 else f"{hours // 24} days"
        return f"{label} (overdue)" if hours >= settings.LEAD_OVERDUE_HOURS else label

    @admin.display(description="Client")
    def client_link(self, obj: Lead):
        url = reverse("admin:clients_client_change", args=[obj.client_id])
        return format_html('<a href="{}">{}</a>', url, obj.client)

    @admin.display(description="Contact")
    def contact(self, obj: Lead):
        c = obj.client
        return format_html(
            "{} &middot; {} &middot; prefers {} &middot; {} {}",
            c.email,
            c.phone or "no phone",
            c.get_preferred_contact_display().lower(),
            c.city,
            c.state,
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        lead = self.get_object(request, object_id)
        if lead is not None and request.method == "GET":
            client_access_record(
                client_id=lead.client_id, user=request.user, where=f"admin lead #{lead.pk}"
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:clients_lead_phone"))

    def get_urls(self):
        return [
            path("phone/", self.admin_site.admin_view(self.phone_view), name="clients_lead_phone"),
            *super().get_urls(),
        ]

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


class LeadInline(admin.TabularInline):
    model = Lead
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["created_at", "source", "interest", "status", "is_urgent"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Client)
class ClientAdmin(ClientDataAdminMixin, ChangeHistoryAdminMixin, admin.ModelAdmin):
    # Contact details only on the client's own page, which records who opened it.
    list_display = ["__str__", "preferred_contact", "state", "created_at"]
    search_fields = ["first_name", "last_name", "preferred_name", "email", "phone"]
    list_filter = ["state", "preferred_contact"]
    inlines = [LeadInline]
    readonly_fields = ["created_at", "updated_at"]
    access_client_attr = "pk"
    history_client_attr = "pk"

    def get_urls(self):
        # Export and erase (data rights) live in admin_privacy: admin:clients_client_export
        # and admin:clients_client_erase.
        return [*privacy_urls(self), *super().get_urls()]

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        client = self.get_object(request, object_id)
        if client is not None and request.method == "GET":
            client_access_record(
                client_id=client.pk, user=request.user, where=f"admin client #{client.pk}"
            )
        return super().change_view(request, object_id, form_url, extra_context)


class AccessLogClientFilter(admin.SimpleListFilter):
    """Filter by one client, by id: reached from the link on a client's page
    (`access_log_url`), never a drop-down of every client's name."""

    title = "client"
    parameter_name = "client"

    def lookups(self, request, model_admin):
        value = self.value()
        return [(value, f"Client #{value}")] if value and value.isdigit() else []

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(client_id=int(self.value()))
        return queryset


def access_log_url(client_id: int) -> str:
    """The access log filtered to one client, for links from the client's page."""
    return f"{reverse('admin:clients_clientaccesslog_changelist')}?client={client_id}"


@admin.register(ClientAccessLog)
class ClientAccessLogAdmin(admin.ModelAdmin):
    """Read-only: who opened whose details, for reviews and requests."""

    # Client ids, not names: reading the log must not itself show who the clients are.
    list_display = ["viewed_at", "user", "action", "client_ref", "where", "result_count"]
    list_filter = [AccessLogClientFilter, "action", "user"]
    list_select_related = ["user"]

    @admin.display(description="Client", ordering="client_id")
    def client_ref(self, obj: ClientAccessLog) -> str:
        return f"#{obj.client_id}" if obj.client_id else "-"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
