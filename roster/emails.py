"""The missed-sessions email: one function per message, rendered at send time.

It says only that someone missed meetings and where to sign in: no name, no group, nothing
that a glance at a phone's lock screen could give away.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from notifications.kinds import Kind
from notifications.models import Notification
from notifications.registry import EmailContent, register, render_email

from .models import MissedSessionsFlag

_WHAT = {
    MissedSessionsFlag.Reason.IN_A_ROW: "missed two meetings in a row",
    MissedSessionsFlag.Reason.IN_COHORT: "missed three meetings",
}


@register(Kind.MISSED_SESSIONS)
def _missed_sessions(notification: Notification) -> EmailContent | None:
    flag = notification.related
    if flag is None or not flag.is_open:
        return None  # they came back, or the coordinator handled it before this went out
    for_coordinator = notification.key.endswith(":coordinator")
    if for_coordinator:
        path = reverse("admin:roster_missedsessionsflag_changelist")
    else:
        path = reverse("roster:cohort", args=[flag.enrollment.cohort_id])
    return render_email(
        Kind.MISSED_SESSIONS,
        {
            "what": _WHAT[flag.reason],
            "for_coordinator": for_coordinator,
            "link": settings.SITE_URL + reverse("login") + "?next=" + path,
        },
    )
