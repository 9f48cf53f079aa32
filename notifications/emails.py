"""The one kind notifications owns: a test message staff send to check outgoing mail."""

from django.utils import timezone

from notifications.kinds import Kind

from .registry import register, render_email


@register(Kind.STAFF_TEST_EMAIL)
def staff_test_email(notification):
    return render_email(
        Kind.STAFF_TEST_EMAIL,
        {"requested_at": timezone.localtime(notification.created_at)},
    )
