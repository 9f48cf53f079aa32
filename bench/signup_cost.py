"""`signup_cost`: one sign-up as a multiple of a bare request, in the same process and run.

Printed next to `signup_rush`, whose p95 is in milliseconds and so holds only on the machine
it ran on; a ratio holds on any. In-process (Django's test client, every middleware), on
PostgreSQL: each visitor opens the form, then posts it as a browser does (only the post is
timed), for a cohort with room for all of them; the bare view is timed between posts.
Target: at most 10.

Two more lines say where the cost sits, in the same unit:
- the same post with the sign-up service left out: the request, the form, the cohort read
  and the redirect, which any sign-up pays before it writes anything;
- as many statements as the sign-up sends, each a one-row INSERT in plain SQL, in one durable
  transaction: a lower bound for what the database takes for them without Django building
  them (PostgreSQL only, as every bench here).
"""

from __future__ import annotations

import statistics
import time
from unittest import mock
from urllib.parse import urlencode

from bench.pages import demo_practice, in_process_browser, median_time

TARGET_MULTIPLE = 10
SIGNUPS = 60
WARM_UP = 5
FORM_ENCODED = "application/x-www-form-urlencoded"  # the form sets no enctype


def _cohort_path() -> str:
    """A published cohort with room for every sign-up this bench makes."""
    from bench._practice import bench_cohort

    cohort = bench_cohort("Bench sign-ups", capacity=(SIGNUPS + WARM_UP) * 3)
    return f"/enroll/{cohort.pk}/"


def _post_times(path: str, bare_path: str, label: str) -> tuple[float, float]:
    """Median seconds of a sign-up post and of the bare view timed between posts."""
    from bench.signup_rush import form_for

    posts, bares = [], []
    bare_browser = in_process_browser()
    for i in range(SIGNUPS + WARM_UP):
        browser = in_process_browser()
        page = browser.get(path).content.decode()
        body = urlencode(form_for(i, page, email=f"{label}{i}@bench.example"))
        began = time.perf_counter()
        response = browser.post(path, body, content_type=FORM_ENCODED)
        elapsed = time.perf_counter() - began
        assert response.status_code == 302, f"sign-up {i} answered {response.status_code}"
        if i >= WARM_UP:  # the first few warm up imports and statements
            posts.append(elapsed)
            bares.append(median_time(bare_browser, bare_path, 5))
    return statistics.median(posts), statistics.median(bares)


def _statements(path: str) -> int:
    """How many statements one sign-up post sends (transaction control left out)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.signup_rush import form_for

    browser = in_process_browser()
    page = browser.get(path).content.decode()
    body = urlencode(form_for(0, page, email="counted@bench.example"))
    with CaptureQueriesContext(connection) as queries:
        browser.post(path, body, content_type=FORM_ENCODED)
    verbs = {"SELECT", "INSERT", "UPDATE", "DELETE"}
    return sum(query["sql"].split(None, 1)[0].upper() in verbs for query in queries)


def _without_service(path: str, bare_path: str) -> float:
    """The post's multiple of a bare request when the service returns at once."""
    from enrollment.models import Enrollment
    from enrollment.services import SignupResult

    done = SignupResult(Enrollment.objects.order_by("pk").last(), created=True)
    with mock.patch("enrollment.views.services.enrollment_request", return_value=done):
        post, bare = _post_times(path, bare_path, "stub")
    return post / bare


def _plain_sql(statements: int, bare_path: str) -> float:
    """`statements` one-row INSERTs in plain SQL, committed durably, as a multiple of a bare
    request: a lower bound for the sign-up's own statements (its reads and its one row lock
    cost about as much; its tables have more columns, indexes and foreign keys)."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, note text)"
        )

    def write() -> None:
        with transaction.atomic(durable=True), connection.cursor() as cursor:
            for _ in range(statements):
                cursor.execute("INSERT INTO bench_rows (note) VALUES (%s)", ["a row"])

    times, bares = [], []
    bare_browser = in_process_browser()
    for i in range(SIGNUPS + WARM_UP):
        began = time.perf_counter()
        write()
        elapsed = time.perf_counter() - began
        if i >= WARM_UP:
            times.append(elapsed)
            bares.append(median_time(bare_browser, bare_path, 5))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_rows")
    return statistics.median(times) / statistics.median(bares)


def run() -> list[str]:
    bare_path = demo_practice()
    path = _cohort_path()
    post, bare = _post_times(path, bare_path, "cost")
    multiple = post / bare
    statements = _statements(path)
    return [
        f"signup_cost: one sign-up POST {post * 1000:.1f} ms = {multiple:.1f} bare requests "
        f"(in-process, PostgreSQL, median of {SIGNUPS}, each after opening the form; target <= "
        f"{TARGET_MULTIPLE}): " + ("ok" if multiple <= TARGET_MULTIPLE else "OVER"),
        f"signup_cost:   the same POST with the sign-up service left out: "
        f"{_without_service(path, bare_path):.1f} bare requests",
        f"signup_cost:   as many statements ({statements}) as one-row INSERTs in plain SQL, in one "
        f"durable transaction: {_plain_sql(statements, bare_path):.1f} bare requests",
    ]


if __name__ == "__main__":
    for line in run():
        print(line)
