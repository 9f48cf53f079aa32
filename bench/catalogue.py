"""Catalogue throughput against a bare Django view on the same gunicorn (loopback only).

50 published cohorts on PostgreSQL, an anonymous visitor, wrk with 2 threads and 16
connections; each figure is the median of 3 runs. The catalogue is served from the public
page cache after its first render, as a visitor would see it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import urllib.request

from bench._server import gunicorn, median, setup_django

COHORTS = 50
RUNS = 3
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    # Debian's package; the machine reaches its registry.
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True)
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
    return shutil.which("wrk") or "wrk"


def wrk(binary: str, url: str) -> float:
    assert url.startswith("http://127.0.0.1:"), "loopback only"
    out = subprocess.run(
        [binary, "-t2", "-c16", f"-d{SECONDS}s", url],
        check=True,
        capture_output=True,
        text=True,
        timeout=SECONDS + 30,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{url} answered {errors.group(1)} errors:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def populate(count: int = COHORTS) -> None:
    """A practice with `count` upcoming published cohorts, some seats taken."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from clients.models import Client
    from cohorts.models import Cohort, Office, Therapist, TherapyGroup
    from cohorts.services import cohort_generate_sessions
    from enrollment.models import Enrollment

    now = timezone.now()
    office = Office.objects.create(
        name="Riverside office",
        slug="riverside",
        street="1 Main St",
        city="Riverside",
        postal_code="92501",
    )
    therapists = [
        Therapist.objects.create(
            user=get_user_model().objects.create(username=f"bench{i}", is_staff=True),
            display_name=f"Therapist {i}",
            slug=f"therapist-{i}",
            credentials="LMFT",
        )
        for i in range(3)
    ]
    groups = []
    for i, focus in enumerate(["mens", "womens", "mixed", "couples", "mixed"]):
        in_person = i % 2 == 0
        groups.append(
            TherapyGroup.objects.create(
                name=f"Group {i}",
                slug=f"group-{i}",
                focus=focus,
                topic="Relationships",
                summary="A calm weekly group.",
                who_it_is_for="Adults.",
                what_to_expect="Weekly meetings.",
                format="in_person" if in_person else "online",
                office=office if in_person else None,
                kind="open" if i == 4 else "closed",
            )
        )
    clients = [
        Client.objects.create(email=f"bench{i}@example.org", first_name=f"C{i}") for i in range(10)
    ]
    for i in range(count):
        first = now.date() + dt.timedelta(days=3 + i)
        cohort = Cohort.objects.create(
            group=groups[i % len(groups)],
            lead_therapist=therapists[i % 3],
            co_therapist=therapists[(i + 1) % 3] if i % 2 else None,
            first_session_date=first,
            weekday=first.weekday(),
            start_time=dt.time(18, 30) if i % 3 else dt.time(10, 0),
            capacity=8,
            min_to_run=4,
            status="published",
        )
        cohort_generate_sessions(cohort=cohort, now=now)
        for client in clients[: i % 6]:
            Enrollment.objects.create(client=client, cohort=cohort, status="enrolled")


def run() -> list[str]:
    binary = ensure_wrk()
    setup_django()
    populate()
    with gunicorn(app="bench.bare_app:application") as base:
        catalogue_url, bare_url = base + "/groups/", base + "/bench/bare/"
        body = urllib.request.urlopen(catalogue_url, timeout=10).read().decode()
        shown = body.count('class="card cohort-card')
        assert shown == COHORTS, f"the catalogue shows {shown} cohorts, not {COHORTS}"
        for _ in range(20):  # every worker renders once and fills its cache
            urllib.request.urlopen(catalogue_url, timeout=10).read()
        catalogue, bare = [], []
        for _ in range(RUNS):
            catalogue.append(wrk(binary, catalogue_url))
            bare.append(wrk(binary, bare_url))
    cat, ref = median(catalogue), median(bare)
    return [
        f"catalogue: {cat:.0f} req/s vs bare {ref:.0f} req/s = ratio {cat / ref:.2f} "
        f"(median of {RUNS}, {COHORTS} cohorts, PostgreSQL, target >= 0.5)"
    ]
