"""Email kinds of couples groups, registered with notifications.registry.

Each partner's email is about their own place only: it never says what the other partner
answered, nor where the other's place stands beyond "both places". Subjects name nothing
but the practice.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from groups_site.dates import pacific_when
from notifications.kinds import Kind
from notifications.registry import EmailContent, register

from . import services
from .emails import _enrollment, _render
from .links import confirm_url
from .models import Couple, Enrollment

S = Enrollment.Status


@register(Kind.ENROLLMENT_COUPLE_INVITE, to_client=True)
def _couple_invite(notification) -> EmailContent | None:
    """To the partner who did not sign up: confirm your own place from your own link."""
    enrollment = _enrollment(notification)
    if enrollment is None or not services.needs_confirmation(enrollment):
        return None
    couple = Couple.objects.filter(pk=enrollment.couple_id).first()
    deadline = couple.confirm_by if couple else None
    if deadline is None or deadline <= timezone.now():
        return None
    return _render(
        Kind.ENROLLMENT_COUPLE_INVITE,
        enrollment,
        waitlisted=enrollment.status == S.WAITLISTED,
        confirm_url=confirm_url(enrollment.pk),
        expires=pacific_when(deadline),
    )


@register(Kind.ENROLLMENT_COUPLE_ENDED, to_client=True)
def _couple_ended(notification) -> EmailContent | None:
    """Both places ended (a partner left, declined, or did not confirm in time): told kindly,
    with no detail about the other partner."""
    enrollment = _enrollment(notification)
    if enrollment is None or enrollment.status != S.WITHDRAWN:
        return None
    return _render(
        Kind.ENROLLMENT_COUPLE_ENDED,
        enrollment,
        signup_url=settings.SITE_URL + reverse("enrollment:signup", args=[enrollment.cohort_id]),
    )
