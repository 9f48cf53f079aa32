"""Staff session limits: STAFF_SESSION_IDLE_MINUTES without a request, STAFF_SESSION_MAX_HOURS
after sign-in. Times are whole seconds since the epoch, kept in the session itself."""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest

SIGNED_IN_KEY = "_staff_signed_in_at"
LAST_SEEN_KEY = "_staff_last_seen"


def session_mark_signed_in(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[SIGNED_IN_KEY] = now
    request.session[LAST_SEEN_KEY] = now


def session_expired(request: HttpRequest) -> bool:
    """True when the signed-in session is past either limit; else note this request."""
    now = int(time.time())
    session = request.session
    signed_in = session.get(SIGNED_IN_KEY)
    last_seen = session.get(LAST_SEEN_KEY)
    if signed_in is None:
        # A session from before these limits: they start counting now.
        session[SIGNED_IN_KEY] = signed_in = now
    if now - signed_in > settings.STAFF_SESSION_MAX_HOURS * 3600:
        return True
    if last_seen is not None and now - last_seen > settings.STAFF_SESSION_IDLE_MINUTES * 60:
        return True
    # Writing the session on every request would cost queries each time; once in
    # STAFF_SESSION_TOUCH_SECONDS (a minute) is precise enough for a 30-minute limit.
    if last_seen is None or now - last_seen >= settings.STAFF_SESSION_TOUCH_SECONDS:
        session[LAST_SEEN_KEY] = now
    return False
