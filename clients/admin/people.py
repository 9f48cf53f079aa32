"""One page per client: contact details (the form), then every lead, consultation and place
in a group, attendance, emails, the timeline and the buttons to act. Opening it records who
viewed the client's details, as every client page does."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, path, reverse

from ..admin_access import ClientDataAdminMixin
from ..admin_history import ChangeHistoryAdminMixin
from ..admin_privacy import privacy_urls
from ..models import Client, ClientAccessLog, ClosedDay
from ..services import LeadMoveError, client_access_record, client_call_log, client_refer_out
from .forms import CallForm, ReferOutForm

CALL_LOGGED = "Call logged."
REFERRED = "{count} open request(s) closed as referred out."


def _place_url(client_id: int, *, waitlist: bool, couple: bool = False) -> str | None:
    # Placing a person is the enrollment app's page; until it exists the button is hidden.
    name = "enrollment_enrollment_place_couple" if couple else "enrollment_enrollment_place"
    try:
        url = reverse(f"admin:{name}")
    except NoReverseMatch:
        return None
    return f"{url}?client={client_id}" + ("&waitlist=1" if waitlist else "")


@admin.register(Client)
class ClientAdmin(ClientDataAdminMixin, ChangeHistoryAdminMixin, admin.ModelAdmin):
    # Contact details only on the client's own page, which records who opened it.
    list_display = ["__str__", "preferred_contact", "language", "state", "created_at"]
    search_fields = ["first_name", "last_name", "preferred_name", "email", "phone"]
    list_filter = ["state", "preferred_contact", "language"]
    readonly_fields = ["created_at", "updated_at"]
    change_form_template = "clients/admin/client_change_form.html"
    access_client_attr = "pk"
    history_client_attr = "pk"

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        client = getattr(response, "context_data", {}).get("original")
        if client is not None and request.method == "GET":
            client_access_record(
                client_id=client.pk, user=request.user, where=f"admin client #{client.pk}"
            )
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            from staffhome.client_page import client_page

            context.update(
                page=client_page(obj),
                call_form=CallForm(prefix="call"),
                refer_form=ReferOutForm(prefix="refer"),
                book_url=reverse("admin:consultations_consultation_book") + f"?client={obj.pk}",
                place_url=_place_url(obj.pk, waitlist=False),
                waitlist_url=_place_url(obj.pk, waitlist=True),
                couple_url=_place_url(obj.pk, waitlist=False, couple=True),
                couple_waitlist_url=_place_url(obj.pk, waitlist=True, couple=True),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:client_id>/call/", wrap(self.call_view), name="clients_client_call"),
            path("<int:client_id>/refer/", wrap(self.refer_view), name="clients_client_refer"),
            # Data rights (clients/admin_privacy.py): admin:clients_client_export and _erase.
            *privacy_urls(self),
            *super().get_urls(),
        ]

    def _post_client(self, request: HttpRequest, client_id: int) -> Client:
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        return get_object_or_404(Client, pk=client_id)

    def _back(self, client: Client) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:clients_client_change", args=[client.pk]))

    def call_view(self, request: HttpRequest, client_id: int) -> HttpResponse:
        client = self._post_client(request, client_id)
        form = CallForm(request.POST, prefix="call")
        if not form.is_valid():
            errors = "; ".join(e for errs in form.errors.values() for e in errs)
            self.message_user(request, f"Call not logged: {errors}", messages.ERROR)
            return self._back(client)
        client_call_log(
            client_id=client.pk,
            note=form.cleaned_data["note"],
            follow_up_on=form.cleaned_data["follow_up_on"],
            actor=request.user,
        )
        self.message_user(request, CALL_LOGGED, messages.SUCCESS)
        return self._back(client)

    def refer_view(self, request: HttpRequest, client_id: int) -> HttpResponse:
        client = self._post_client(request, client_id)
        form = ReferOutForm(request.POST, prefix="refer")
        try:
            if not form.is_valid():
                raise LeadMoveError("Please say where they were referred to.")
            count = client_refer_out(
                client_id=client.pk, note=form.cleaned_data["note"], actor=request.user
            )
        except LeadMoveError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(request, REFERRED.format(count=count), messages.SUCCESS)
        return self._back(client)


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


@admin.register(ClosedDay)
class ClosedDayAdmin(admin.ModelAdmin):
    """Days the practice is closed: a new lead's one business day skips them."""

    list_display = ["date", "note"]
    date_hierarchy = "date"
