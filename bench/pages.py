"""`pages`: every public page rendered in-process, without the page cache, against a bare view.

The demo practice (`seed_demo`) on PostgreSQL. Each page is fetched with Django's test client,
so it goes through every middleware, as the bare view (a plain HttpResponse, no template, no
query) does in the same process and run. The page cache is a dummy cache here: every fetch
renders. Each time is the median of many fetches, taken in rounds that alternate with the bare
view, so a noisy neighbour on the machine slows both alike. A ratio holds on any machine; the
milliseconds do not.

`python -m bench pages` runs only this part.
Targets: every page at least 0.05x the bare view (at most 20 bare views); the consultation
picker at most 20 KB of HTML. The sign-up's cost is `signup_cost`, next to `signup_rush`.
"""

from __future__ import annotations

import os
import statistics
import time

from bench._server import setup_django

ROUNDS = int(os.environ.get("BENCH_PAGE_ROUNDS", "5"))
PER_ROUND = int(os.environ.get("BENCH_PAGE_FETCHES", "20"))
TARGET_RATIO = 0.05
PICKER_TARGET_KB = 20


def in_process_browser():
    """A browser on loopback: ALLOWED_HOSTS holds 127.0.0.1, as behind gunicorn."""
    from django.test import Client as Browser

    return Browser(SERVER_NAME="127.0.0.1")


def _paths() -> dict[str, str]:
    """The public pages of the demo practice, one real address each."""
    from django.utils import timezone

    from cohorts.models import Cohort, Therapist, TherapyGroup
    from consultations.links import manage_path as call_path
    from consultations.models import Consultation
    from enrollment.links import manage_path as place_path
    from enrollment.models import LIVE, Enrollment

    browser = in_process_browser()
    now = timezone.now()
    signup = next(
        f"/enroll/{pk}/"
        for pk in Cohort.objects.filter(status="published", first_session_date__gt=now.date())
        .order_by("first_session_date")
        .values_list("pk", flat=True)
        if b'name="first_name"' in browser.get(f"/enroll/{pk}/").content
    )
    group = TherapyGroup.objects.filter(cohorts__status="published").order_by("pk").first()
    therapist = Therapist.objects.order_by("pk").first()
    place = Enrollment.objects.filter(status__in=LIVE).order_by("pk").first()
    call = Consultation.objects.live().filter(starts_at__gt=now).order_by("starts_at").first()
    return {
        "home": "/",
        "catalogue": "/groups/",
        "group page": f"/groups/{group.slug}/",
        "therapist page": f"/therapists/{therapist.slug}/",
        "FAQ": "/faq/",
        "get started": "/get-started/",
        "sign-up form": signup,
        "consultation picker": "/consultation/",
        "my enrollment": place_path(place.pk),
        "consultation page": call_path(call.pk),
    }


def _fetch_time(browser, path: str) -> float:
    began = time.perf_counter()
    response = browser.get(path)
    elapsed = time.perf_counter() - began
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    return elapsed


def median_time(browser, path: str, count: int) -> float:
    return statistics.median(_fetch_time(browser, path) for _ in range(count))


def measure(paths: dict[str, str], bare_path: str) -> tuple[float, dict[str, float]]:
    """Median seconds of the bare view and of each page, in alternating rounds."""
    browser = in_process_browser()
    for path in [bare_path, *paths.values()]:  # imports, regexes, the template cache
        for _ in range(3):
            _fetch_time(browser, path)
    bare_rounds: list[float] = []
    page_rounds: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(ROUNDS):
        for name, path in paths.items():
            bare_rounds.append(median_time(browser, bare_path, PER_ROUND))
            page_rounds[name].append(median_time(browser, path, PER_ROUND))
    bare = statistics.median(bare_rounds)
    return bare, {name: statistics.median(times) for name, times in page_rounds.items()}


def queries_and_size(path: str) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    browser = in_process_browser()
    browser.get(path)  # the session and CSRF cookie a returning visitor would have
    with CaptureQueriesContext(connection) as queries:
        response = browser.get(path)
    return len(queries), len(response.content)


def demo_practice() -> str:
    """A fresh demo practice in this process, no page cache and no throttle; the bare path."""
    setup_django(CACHE_URL="dummycache://", THROTTLE_ENABLED="false")
    from django.conf import settings
    from django.core.management import call_command

    from bench import bare_app

    # Also when an earlier bench in this process set Django up with the real cache: a page
    # stored for 0 seconds is never served from the cache.
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.THROTTLE_ENABLED = False

    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return "/" + bare_app.BARE_PATH


def run() -> list[str]:
    bare_path = demo_practice()
    paths = _paths()
    bare, times = measure(paths, bare_path)

    lines = [
        f"pages: in-process, no page cache, demo practice on PostgreSQL; bare view "
        f"{bare * 1000:.2f} ms (median of {ROUNDS}x{PER_ROUND} per page; "
        f"target: each page >= {TARGET_RATIO}x the bare view)",
        f"  {'page':<20} {'ms':>7} {'ratio':>7} {'bare views':>10} {'queries':>8} {'HTML KB':>8}",
    ]
    worst = 1.0
    for name, path in paths.items():
        queries, size = queries_and_size(path)
        ratio = bare / times[name]
        worst = min(worst, ratio)
        flag = "" if ratio >= TARGET_RATIO else "  SLOW"
        if name == "consultation picker" and size > PICKER_TARGET_KB * 1024:
            flag += f"  OVER {PICKER_TARGET_KB} KB"
        lines.append(
            f"  {name:<20} {times[name] * 1000:>7.2f} {ratio:>7.3f} {1 / ratio:>10.1f} "
            f"{queries:>8} {size / 1024:>8.1f}{flag}"
        )
    lines.append(
        f"pages: slowest at {worst:.3f}x the bare view: "
        + ("ok" if worst >= TARGET_RATIO else "UNDER TARGET")
    )
    return lines


if __name__ == "__main__":
    for line in run():
        print(line)
