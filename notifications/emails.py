"""The one kind notifications owns: a test message staff send to check outgoing mail."""

from django.utils import timezone

from .registry import register, render_email
from .services import TEST_EMAIL_KIND


@register(TEST_EMAIL_KIND)
def staff_test_email(notification):
    return render_email(
        TEST_EMAIL_KIND,
        {"requested_at": timezone.localtime(notification.created_at)},
    )
