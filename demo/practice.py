"""Demo data that looks like the real practice, for `manage.py seed_demo` and `make run`.

Idempotent: offices, groups, therapists and staff are matched on slugs and usernames, and a
group's demo cohorts on their order, so running it again changes and duplicates nothing
(existing demo cohorts keep their dates; `make clean` starts over). Demo members are placed
by the coordinator and confirm their place through the enrollment services, at a time before
their group began, so each place has its history, its agreement and its lead, as a real
one would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone, translation

from cohorts.models import Cohort, Office, Therapist, TherapyGroup
from cohorts.services import cohort_generate_sessions
from enrollment.demo_seats import seat
from groups_site.timezones import PACIFIC, on_or_after
from pages import initial_content
from pages.models import FaqEntry, FaqSection, GuideRow, GuideSection
from security.roles import COORDINATOR, THERAPIST, staff_roles_sync

from .content import ANYONE, GROUPS, MEN, OFFICES, SURNAMES, THERAPISTS, WOMEN
from .content_es import GROUPS_ES, OFFICES_ES, THERAPISTS_ES


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    role: str
    name: str


# Same username as consultations.demo, which adds availability to this user.
COORDINATOR_LOGIN = Login("coordinator", "demo-coordinator-2026", COORDINATOR, "Dana Brooks")
THERAPIST_LOGINS = (
    Login("elena", "demo-elena-2026", THERAPIST, "Elena Marquez"),
    Login("marcus", "demo-marcus-2026", THERAPIST, "Marcus Reed"),
    Login("jordan", "demo-jordan-2026", THERAPIST, "Jordan Avery"),
)
LOGINS = (COORDINATOR_LOGIN, *THERAPIST_LOGINS)


def _cohort_specs(today: date) -> dict[str, list[dict]]:
    """Each group's demo cohorts, in order; `filled` seats get enrolled demo clients."""
    soon = today + timedelta(days=10)
    return {
        "womens-group": [
            # Running and full: shows "Enrollment closed - next cohort ...". Five meetings, so
            # it ends the week before the next one starts and its therapists are never
            # booked twice on one evening.
            {
                "first": soon - timedelta(weeks=5),
                "count": 5,
                "at": time(18, 30),
                "lead": "elena",
                "co": "jordan",
                "capacity": 8,
                "filled": 8,
            },
            # Starts in ten days with one seat left.
            {
                "first": soon,
                "at": time(18, 30),
                "lead": "elena",
                "co": "jordan",
                "capacity": 8,
                "filled": 7,
            },
        ],
        "calm-conversations": [
            # Full: visitors can join the waitlist.
            {
                "first": on_or_after(today + timedelta(days=17), 3),
                "at": time(18, 0),
                "lead": "marcus",
                "capacity": 8,
                "filled": 8,
            },
            # Next season.
            {
                "first": on_or_after(today + timedelta(days=110), 3),
                "at": time(18, 0),
                "lead": "marcus",
                "capacity": 8,
                "filled": 1,
            },
        ],
        "couples-skills": [
            {
                "first": on_or_after(today + timedelta(days=31), 5),
                "at": time(10, 0),
                "lead": "jordan",
                "co": "elena",
                "capacity": 12,
                "filled": 4,
                "count": 6,
            },
            # A draft the coordinator can publish in admin.
            {
                "first": on_or_after(today + timedelta(days=120), 5),
                "at": time(10, 0),
                "lead": "jordan",
                "co": "elena",
                "capacity": 12,
                "filled": 0,
                "count": 6,
                "draft": True,
            },
        ],
        "calma-en-espanol": [
            # Held in Spanish, on Saturday afternoons after the couples group.
            {
                "first": on_or_after(today + timedelta(days=24), 5),
                "at": time(13, 0),
                "lead": "elena",
                "capacity": 8,
                "filled": 3,
            },
        ],
        "mens-group": [
            # Open and rolling since six weeks ago; new members every four weeks.
            {
                "first": on_or_after(today - timedelta(weeks=6), 1),
                "at": time(19, 0),
                "lead": "marcus",
                "capacity": 10,
                "filled": 6,
                "count": 8,
            },
        ],
    }


def _staff_user(login: Login):
    User = get_user_model()
    first, last = login.name.split(" ", 1)
    user, created = User.objects.get_or_create(
        username=login.username,
        defaults={"first_name": first, "last_name": last, "email": f"{login.username}@example.org"},
    )
    if created or not user.check_password(login.password):
        user.set_password(login.password)
    user.is_staff = True
    user.is_active = True
    user.save()
    user.groups.add(Group.objects.get(name=login.role))
    return user


def _clients(prefix: str, names: list[str], count: int):
    from clients.models import Client

    rows = []
    for i in range(count):
        first = names[i % len(names)]
        last = SURNAMES[(i * 5 + len(prefix)) % len(SURNAMES)]
        client, _ = Client.objects.get_or_create(
            email=f"{prefix}-{i + 1:02d}@example.org",
            defaults={"first_name": first, "last_name": last, "state": "CA", "city": "Riverside"},
        )
        rows.append(client)
    return rows


def seed(*, now: datetime | None = None) -> list[Login]:
    now = now or timezone.now()
    # The plain field names write the English columns; the Spanish ones are named outright.
    with translation.override("en"):
        coordinator, fills = _practice(now=now)
        # Each place in its own transaction, as the enrollment services hold theirs.
        for cohort, clients in fills:
            seat(cohort, clients, actor=coordinator, now=now)
    return list(LOGINS)


def spanish(fields: dict) -> dict:
    """The Spanish columns (modeltranslation's `<field>_es`) of the given Spanish text."""
    return {f"{name}_es": value for name, value in fields.items()}


@transaction.atomic
def _practice(*, now: datetime):
    """Staff, offices, therapists, groups and cohorts; returns the coordinator and, for each
    cohort, the demo clients who fill its seats."""
    today = now.astimezone(PACIFIC).date()
    staff_roles_sync()
    coordinator = _staff_user(COORDINATOR_LOGIN)

    offices = {
        slug: Office.objects.update_or_create(
            slug=slug, defaults={**fields, **spanish(OFFICES_ES[slug])}
        )[0]
        for slug, fields in OFFICES.items()
    }
    therapists = {}
    for login in THERAPIST_LOGINS:
        user = _staff_user(login)
        fields = THERAPISTS[login.username]
        therapists[login.username] = Therapist.objects.update_or_create(
            slug=fields["slug"],
            defaults={**fields, **spanish(THERAPISTS_ES[login.username]), "user": user},
        )[0]
    groups = {}
    for slug, fields in GROUPS.items():
        office = offices.get(fields["office"]) if fields["office"] else None
        groups[slug] = TherapyGroup.objects.update_or_create(
            slug=slug, defaults={**fields, **spanish(GROUPS_ES[slug]), "office": office}
        )[0]

    # The FAQ and the guide page, in both languages, if a flush emptied them.
    initial_content.load(FaqSection, FaqEntry, GuideSection, GuideRow)

    names = {"mens-group": MEN, "womens-group": WOMEN}
    fills = []
    for slug, specs in _cohort_specs(today).items():
        group = groups[slug]
        existing = list(Cohort.objects.filter(group=group).order_by("pk"))
        for index, spec in enumerate(specs):
            if index < len(existing):
                cohort = existing[index]
            else:
                cohort = Cohort.objects.create(
                    group=group,
                    lead_therapist=therapists[spec["lead"]],
                    co_therapist=therapists.get(spec.get("co", "")),
                    first_session_date=spec["first"],
                    weekday=spec["first"].weekday(),
                    start_time=spec["at"],
                    session_count=spec.get("count", 8),
                    capacity=spec["capacity"],
                    min_to_run=min(4, spec["capacity"]),
                    status=Cohort.Status.DRAFT if spec.get("draft") else Cohort.Status.PUBLISHED,
                )
                cohort_generate_sessions(cohort=cohort, now=now)
            prefix = f"demo-{slug}-{index + 1}"
            fills.append((cohort, _clients(prefix, names.get(slug, ANYONE), spec["filled"])))
    return coordinator, fills
