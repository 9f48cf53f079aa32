"""Staff view of outgoing email: what is due, what went out, what failed or got stuck.

Everything is read-only; the actions call the same services as the rest of the site.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html

from groups_site.admin_search import KeyedSearchAdminMixin
from groups_site.timezones import pacific_display

from .models import Notification
from .querysets import STUCK_AFTER
from .services import notification_staff_test, notifications_cancel_selected, notifications_retry

STUCK_LABEL = f"Stuck: sending for more than {int(STUCK_AFTER.total_seconds() // 60)} minutes"
STUCK_NEVER_TRIED = "Stuck, never tried: safe to send again"
STUCK_MAYBE_SENT = "Stuck, may have gone out: check before sending again"
RETRIED = "{count} email(s) will be sent again within a minute."
RETRY_SKIPPED = (
    "{count} skipped: only failed emails, and emails stuck in sending, can be sent again."
)
CANCELLED = "{count} email(s) cancelled; they will not be sent."
CANCEL_SKIPPED = "{count} skipped: emails already sent, or being sent right now, stay as they are."
TEST_SCHEDULED = (
    "A test email to {email} is scheduled and goes out within a minute; "
    "its row is at the top of this list."
)
CANCELLED_BY_STAFF = "Cancelled by staff ({user})."


def mask_email(email: str) -> str:
    """d***@example.org: enough to tell rows apart on a shared screen, not to read it out."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def pacific(value) -> str:
    return pacific_display(value, "%a %b %-d, %Y %-I:%M %p %Z")


class StuckFilter(admin.SimpleListFilter):
    title = "stuck"
    parameter_name = "stuck"

    def lookups(self, request, model_admin):
        return [
            ("yes", STUCK_LABEL),
            ("never_tried", STUCK_NEVER_TRIED),
            ("maybe_sent", STUCK_MAYBE_SENT),
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        stuck = queryset.stuck(timezone.now())
        if self.value() == "never_tried":
            return stuck.filter(maybe_sent=False)
        if self.value() == "maybe_sent":
            return stuck.filter(maybe_sent=True)
        return stuck


class KindFilter(admin.SimpleListFilter):
    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        kinds = Notification.objects.order_by("kind").values_list("kind", flat=True).distinct()
        return [(kind, kind.replace("_", " ")) for kind in kinds]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


class TestEmailForm(forms.Form):
    email = forms.EmailField(
        label="Send the test to",
        help_text="Any address you can read. The message says only that it is a test.",
    )


@admin.register(Notification)
class NotificationAdmin(KeyedSearchAdminMixin, admin.ModelAdmin):
    # Searching by an email address: the address is posted, never put in the URL.
    list_display = [
        "what",
        "recipient",
        "due",
        "state",
        "attempts",
        "error",
        "sent",
    ]
    list_filter = ["status", KindFilter, StuckFilter]
    list_select_related = ["content_type"]
    search_fields = ["=to_email", "key"]
    ordering = ["-due_at", "-pk"]
    list_per_page = 50
    actions = ["retry", "cancel"]
    change_list_template = "admin/notifications/notification/change_list.html"
    fields = [
        "kind",
        "key",
        "to_email",
        "related_object",
        "due",
        "state",
        "attempts",
        "last_error",
        "created",
        "claimed",
        "sent",
    ]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # rows come from services; the test email has its own form

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # A row is read as it is; changing it happens only through the list's actions.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # the history of what was sent stays

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).with_crash_hint()

    @admin.display(description="status", ordering="status")
    def state(self, obj: Notification) -> str:
        stuck = (
            obj.status == Notification.Status.SENDING
            and obj.claimed_at is not None
            and obj.claimed_at <= timezone.now() - STUCK_AFTER
        )
        if not stuck:
            return obj.get_status_display()
        if obj.maybe_sent:
            return "Stuck: may have gone out"
        return "Stuck: never tried"

    @admin.display(description="kind", ordering="kind")
    def what(self, obj: Notification) -> str:
        return obj.kind.replace("_", " ")

    @admin.display(description="to")
    def recipient(self, obj: Notification) -> str:
        return mask_email(obj.to_email)

    @admin.display(description="due (Pacific)", ordering="due_at")
    def due(self, obj: Notification) -> str:
        return pacific(obj.due_at)

    @admin.display(description="sent (Pacific)", ordering="sent_at")
    def sent(self, obj: Notification) -> str:
        return pacific(obj.sent_at)

    @admin.display(description="created (Pacific)")
    def created(self, obj: Notification) -> str:
        return pacific(obj.created_at)

    @admin.display(description="claimed by a worker (Pacific)")
    def claimed(self, obj: Notification) -> str:
        return pacific(obj.claimed_at)

    @admin.display(description="last error")
    def error(self, obj: Notification) -> str:
        return obj.last_error[:60] + ("..." if len(obj.last_error) > 60 else "")

    @admin.display(description="about")
    def related_object(self, obj: Notification):
        if obj.content_type_id is None:
            return "-"
        label = f"{obj.content_type.name} #{obj.object_id}"
        try:
            url = reverse(
                f"admin:{obj.content_type.app_label}_{obj.content_type.model}_change",
                args=[obj.object_id],
            )
        except NoReverseMatch:
            return label
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.action(description="Send again (failed or stuck emails)", permissions=["change"])
    def retry(self, request: HttpRequest, queryset) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        count = notifications_retry(notification_ids=ids)
        self.message_user(request, RETRIED.format(count=count), messages.SUCCESS)
        if skipped := len(ids) - count:
            self.message_user(request, RETRY_SKIPPED.format(count=skipped), messages.WARNING)

    @admin.action(description="Cancel (not sent yet)", permissions=["change"])
    def cancel(self, request: HttpRequest, queryset) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        count = notifications_cancel_selected(
            notification_ids=ids, reason=CANCELLED_BY_STAFF.format(user=request.user.get_username())
        )
        self.message_user(request, CANCELLED.format(count=count), messages.SUCCESS)
        if skipped := len(ids) - count:
            self.message_user(request, CANCEL_SKIPPED.format(count=skipped), messages.WARNING)

    def get_urls(self):
        return [
            path(
                "send-test/",
                self.admin_site.admin_view(self.send_test_view),
                name="notifications_notification_send_test",
            ),
            *super().get_urls(),
        ]

    def send_test_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("notifications.add_notification"):
            raise PermissionDenied
        form = TestEmailForm(request.POST or None, initial={"email": request.user.email})
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"]
            notification_staff_test(to_email=email)
            self.message_user(request, TEST_SCHEDULED.format(email=email), messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:notifications_notification_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Send a test email",
            "form": form,
        }
        return TemplateResponse(request, "admin/notifications/send_test.html", context)

    def changelist_view(self, request: HttpRequest, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "title": "Emails and reminders",
            "can_send_test": request.user.has_perm("notifications.add_notification"),
        }
        return super().changelist_view(request, extra_context)
