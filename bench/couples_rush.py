"""`couples_rush`: 100 couples sign up for a couples group with 6 couples' places (12 seats)
at once, over HTTP, on PostgreSQL.

The same set-up as `signup_rush` (gunicorn with 2 sync workers, each visitor opening the form
with its own cookies, then every post at once on its own connection), through the real
couples sign-up form: the person's own details and their partner's first name and email.
Counted from the database afterwards: couples seated (both partners holding a seat),
couples waitlisted together, split couples (one partner with a seat, one without), and 5xx.
Targets: 6 seated, 94 waitlisted as couples, 0 split, 0 5xx.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from bench._server import gunicorn, percentile, setup_django
from bench.signup_rush import Visitor, form_for, post_all

COUPLES = 100
PLACES = 6
WORKERS = int(os.environ.get("COUPLES_RUSH_WORKERS", "2"))
IN_FLIGHT = int(os.environ.get("COUPLES_RUSH_IN_FLIGHT", str(COUPLES)))


def populate() -> int:
    """An online couples group three weeks out with 2 x PLACES seats; returns its cohort id."""
    import datetime as dt

    from bench._practice import bench_cohort, bench_therapist

    cohort = bench_cohort(
        "Couples rush group",
        capacity=2 * PLACES,
        therapist=bench_therapist("bench-couples"),
        couples=True,
        start_time=dt.time(10, 0),
    )
    return cohort.pk


@dataclass(frozen=True)
class Rush:
    seated: int
    waitlisted: int
    split: int
    errors: int
    p50: float
    p95: float


def rush() -> Rush:
    setup_django()
    cohort_id = populate()
    from django.db.models import Count, Q

    from enrollment.models import Couple

    path = f"/enroll/{cohort_id}/"
    # Every couple posts from 127.0.0.1: the per-address throttle (measured by `abuse`) would
    # turn most of them away, and this bench is about seats.
    with gunicorn(workers=WORKERS, THROTTLE_ENABLED="false") as base:
        requests = []
        for i in range(COUPLES):
            visitor = Visitor(base)
            status, page = visitor.get(path)
            assert status == 200, f"GET {path} answered {status}"
            form = form_for(i, page, email=f"signer{i}@bench.example")
            form.update(partner_first_name=f"Partner{i}", partner_email=f"partner{i}@bench.example")
            requests.append(visitor.raw_post(path, form))
        results = post_all(base, requests, IN_FLIGHT)

    couples = Couple.objects.filter(cohort_id=cohort_id).annotate(
        seats=Count("partners", filter=Q(partners__holds_seat=True)),
        waiting=Count("partners", filter=Q(partners__status="waitlisted")),
    )
    times = [ms for _, ms in results]
    return Rush(
        seated=couples.filter(seats=2).count(),
        waitlisted=couples.filter(waiting=2).count(),
        split=couples.filter(seats=1).count(),
        errors=sum(1 for status, _ in results if status >= 500),
        p50=percentile(times, 50),
        p95=percentile(times, 95),
    )


def run() -> list[str]:
    r = rush()
    return [
        f"couples_rush: seated={r.seated} waitlisted={r.waitlisted} split={r.split} "
        f"5xx={r.errors} p50={r.p50:.0f}ms p95={r.p95:.0f}ms ({COUPLES} couples, "
        f"{IN_FLIGHT} in flight, {PLACES} couples' places, gunicorn {WORKERS} workers, "
        f"PostgreSQL; targets: seated={PLACES} waitlisted={COUPLES - PLACES} split=0 5xx=0)"
    ]


if __name__ == "__main__":
    for line in run():
        print(line)
