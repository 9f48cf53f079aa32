"""`abuse`: one address floods the intake form, and one email tries to book 200 calls.

gunicorn (2 sync workers) serves the production shape, with the throttles on and counted
in Redis (CACHE_URL), as docker-compose runs it. Eight browsers from one address post 200
intake requests (every tenth answers yes to the safety question): counted are the requests
accepted, the 429s, any 5xx, and the coordinator alert rows written. Then one email posts
200 bookings for different times, with the booking throttle raised so the one-call rule is
what answers: counted are the calls booked, the refusals, any 5xx and the email's upcoming
calls. Targets: intake accepted <= the limit, 5xx = 0, alerts <= 2; upcoming calls <= 1.
"""

from __future__ import annotations

import html
import re
import threading
import time

from bench._server import gunicorn
from bench.consult_rush import Visitor
from bench.consult_rush import populate as populate_coordinator
from bench.slots import prepare
from notifications.kinds import Kind

POSTS = 200
BROWSERS = 8
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_SLOT = re.compile(r'name="slot" id="slot-[^"]+" value="([^"]+)"')


def _flood(base: str, path: str, forms: list[dict]) -> list[tuple[int, str]]:
    """Post `forms` from BROWSERS browsers at once (one address: loopback)."""
    visitors = [Visitor(base) for _ in range(BROWSERS)]
    tokens = []
    for visitor in visitors:
        status, page = visitor.get(path)
        assert status == 200, f"GET {path} answered {status}"
        tokens.append(_TOKEN.search(page).group(1))
    results: list[tuple[int, str]] = [(0, "")] * len(forms)

    def work(b: int) -> None:
        for i in range(b, len(forms), BROWSERS):
            try:
                status, body = visitors[b].post(
                    path, {**forms[i], "csrfmiddlewaretoken": tokens[b]}
                )
            except OSError as exc:
                status, body = 599, str(exc)
            results[i] = (status, body)

    threads = [threading.Thread(target=work, args=(b,)) for b in range(BROWSERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


def _intake_forms() -> list[dict]:
    return [
        {
            "first_name": f"Stranger{i}",
            "email": f"stranger{i}@bench.example",
            "preferred_contact": "email",
            "state": "CA",
            "interest": "not_sure",
            "crisis": "yes" if i % 10 == 9 else "no",
        }
        for i in range(POSTS)
    ]


def _booking_forms(base: str) -> list[dict]:
    status, page = Visitor(base).get("/consultation/")
    times = _SLOT.findall(page)
    assert status == 200 and times, "no free times on the booking page"
    return [
        {
            "slot": times[i % len(times)],
            "first_name": "Same",
            "email": "same.person@bench.example",
            "phone": "951-555-0100",
            "mode": "phone",
            "state": "CA",
            "interest": "not_sure",
        }
        for i in range(POSTS)
    ]


def run() -> list[str]:
    prepare()
    from django.conf import settings
    from django.utils import timezone

    from clients.models import Lead
    from consultations.models import Consultation
    from consultations.services import ALREADY_BOOKED, SLOT_TAKEN
    from notifications.models import Notification

    populate_coordinator()
    server = {
        "THROTTLE_ENABLED": "true",
        "CACHE_URL": "redis://127.0.0.1:6379/0",
        # Counter keys are keyed hashes: a key of its own means an earlier run's counters
        # (which expire within a day) never count in this one.
        "SECRET_KEY": f"bench-abuse-{time.time_ns()}-0123456789abcdefghijklmnopqrstuvwxyz",
        "THROTTLE_RATES": "booking=1000/h,booking_email=1000/d",
    }
    with gunicorn(workers=2, **server) as base:
        started = time.perf_counter()
        intake = _flood(base, "/get-started/", _intake_forms())
        seconds = time.perf_counter() - started
        leads = Lead.objects.count()
        bookings = _flood(base, "/consultation/", _booking_forms(base))

    accepted = sum(1 for status, _ in intake if status == 302)
    throttled = sum(1 for status, _ in intake if status == 429)
    errors = sum(1 for status, _ in intake if status >= 500)
    alerts = Notification.objects.filter(
        kind__in=[Kind.LEAD_NEW_ALERT, Kind.LEAD_URGENT_ALERT]
    ).count()
    limit = settings.THROTTLE_RATES["intake"]
    intake_line = (
        f"abuse: intake from one address: accepted={accepted} 429={throttled} 5xx={errors} "
        f"coordinator_alerts={alerts} leads={leads} "
        f"({POSTS} posts in {seconds:.1f}s; limit {limit} per address; "
        "targets: accepted<=5 5xx=0 alerts<=2)"
    )
    # A repeat of the time this browser just booked lands on its own booking (a 302 too),
    # so the rows are counted, not the redirects.
    mine = Consultation.objects.filter(client__email__iexact="same.person@bench.example")
    booked = mine.count()
    one_call = sum(1 for s, b in bookings if s == 200 and ALREADY_BOOKED in html.unescape(b))
    taken = sum(1 for s, b in bookings if s == 200 and SLOT_TAKEN in html.unescape(b))
    booking_errors = sum(1 for status, _ in bookings if status >= 500)
    upcoming = mine.upcoming(timezone.now()).count()
    booking_line = (
        f"abuse: bookings by one email: booked={booked} refused_one_call={one_call} "
        f"refused_taken={taken} 5xx={booking_errors} upcoming_calls={upcoming} "
        f"({POSTS} posts; booking throttle raised so the one-call rule answers; "
        "targets: upcoming_calls<=1 5xx=0)"
    )
    return [intake_line, booking_line]


if __name__ == "__main__":
    for line in run():
        print(line)
