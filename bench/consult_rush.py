"""`consult_rush`: 50 people book 5 consultation times at once, over HTTP, on PostgreSQL.

gunicorn (2 sync workers) serves the real booking page. Each simulated visitor opens the
page (getting its CSRF cookie and token, like a browser), waits at a barrier, then posts the
form for one of the first 5 free times: 10 visitors per time. Counted: bookings made (a
redirect to the confirmation), kind refusals ("That time was just taken"), 5xx, anything
else, and the 95th percentile of the posts. Targets: exactly 5 booked, 45 kind refusals, 0 5xx.
"""

from __future__ import annotations

import html
import http.client
import re
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie

from bench._server import gunicorn, percentile
from bench.slots import prepare

VISITORS = 50
TIMES = 5
PAGE = "/consultation/"

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_SLOT = re.compile(r'name="slot" id="slot-[^"]+" value="([^"]+)"')


class Visitor:
    """One browser: its own connection and cookies."""

    def __init__(self, base: str) -> None:
        host, port = urllib.parse.urlsplit(base).netloc.split(":")
        assert host == "127.0.0.1", "loopback only"
        self.connection = http.client.HTTPConnection(host, int(port), timeout=60)
        self.cookies: dict[str, str] = {}

    def _remember(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            self.cookies.update({name: morsel.value for name, morsel in cookie.items()})

    def _headers(self) -> dict[str, str]:
        jar = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {"Cookie": jar} if jar else {}

    def get(self, path: str) -> tuple[int, str]:
        self.connection.request("GET", path, headers=self._headers())
        response = self.connection.getresponse()
        body = response.read().decode()
        self._remember(response)
        return response.status, body

    def post(self, path: str, form: dict[str, str]) -> tuple[int, str]:
        headers = {
            **self._headers(),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        self.connection.request("POST", path, body=urllib.parse.urlencode(form), headers=headers)
        response = self.connection.getresponse()
        body = response.read().decode()
        self._remember(response)
        return response.status, body


def populate() -> None:
    from datetime import time as clock

    from django.contrib.auth import get_user_model

    from consultations.models import Coordinator, WorkingHours

    user = get_user_model().objects.create(username="coordinator", is_staff=True)
    coordinator = Coordinator.objects.create(
        user=user, display_name="Dana", buffer_minutes=0, min_notice_hours=1, horizon_days=21
    )
    WorkingHours.objects.bulk_create(
        WorkingHours(coordinator=coordinator, weekday=d, start_time=clock(9), end_time=clock(17))
        for d in range(7)
    )


def run() -> list[str]:
    prepare()
    from consultations.models import Consultation
    from consultations.services import SLOT_TAKEN

    populate()
    with gunicorn(workers=2) as base:
        visitors = [Visitor(base) for _ in range(VISITORS)]
        forms = []
        for i, visitor in enumerate(visitors):
            status, page = visitor.get(PAGE)
            assert status == 200, f"GET {PAGE} answered {status}"
            times = _SLOT.findall(page)[:TIMES]
            assert len(times) == TIMES, "fewer free times than needed"
            forms.append(
                {
                    "csrfmiddlewaretoken": _TOKEN.search(page).group(1),
                    "slot": times[i % TIMES],
                    "first_name": f"Visitor{i}",
                    "email": f"visitor{i}@bench.example",
                    "phone": "951-555-0100",
                    "mode": "phone",
                    "state": "CA",
                    "interest": "not_sure",
                    "note": "",
                }
            )

        barrier = threading.Barrier(VISITORS)
        results: list[tuple[int, str, float]] = [(0, "", 0.0)] * VISITORS

        def book(i: int) -> None:
            barrier.wait(timeout=30)
            started = time.perf_counter()
            try:
                status, body = visitors[i].post(PAGE, forms[i])
            except OSError as exc:
                status, body = 599, str(exc)
            results[i] = (status, body, (time.perf_counter() - started) * 1000)

        threads = [threading.Thread(target=book, args=(i,)) for i in range(VISITORS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    booked = sum(1 for status, _, _ in results if status == 302)
    refused = sum(
        1 for status, body, _ in results if status == 200 and SLOT_TAKEN in html.unescape(body)
    )
    errors = sum(1 for status, _, _ in results if status >= 500)
    other = VISITORS - booked - refused - errors
    p95 = percentile([ms for _, _, ms in results], 95)
    rows = Consultation.objects.filter(status="booked").count()
    line = (
        f"consult_rush: booked={booked} refused={refused} 5xx={errors} p95={p95:.0f}ms "
        f"({VISITORS} concurrent posts for {TIMES} times; {rows} rows booked"
        + (f"; {other} other answers" if other else "")
        + "; targets: booked=5 refused=45 5xx=0)"
    )
    return [line]


if __name__ == "__main__":
    for line in run():
        print(line)
