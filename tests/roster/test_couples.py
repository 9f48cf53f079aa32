"""Couples on a therapist's pages: partners side by side, each with their own row,
attendance and details, and nothing of one partner's answers on the other's row."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.couples import couple_in
from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


def cards(page: str) -> list[str]:
    return page.split('class="card member ')[1:]


def roster(client, cohort) -> str:
    response = client.get(reverse("roster:cohort", args=[cohort.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_partners_sit_side_by_side_and_each_names_the_other(as_user, therapist, running_cohort):
    EnrollmentFactory(cohort=running_cohort, enrolled=True, client__first_name="Bea")
    EnrollmentFactory(cohort=running_cohort, enrolled=True, client__first_name="Mia")
    ana, zed = couple_in(running_cohort, first=("Ana", "Zed"), enrolled=True)

    page = roster(as_user(therapist.user), running_cohort)

    names = [card.split('<h3 class="h5 mb-1">')[1].split(" ")[0] for card in cards(page)]
    assert names == ["Ana", "Zed", "Bea", "Mia"]
    ana_card, zed_card = cards(page)[:2]
    assert f'Couple, with <a href="#member-{zed.pk}">Zed' in ana_card
    assert f'Couple, with <a href="#member-{ana.pk}">Ana' in zed_card
    assert "Couple, with" not in cards(page)[2]


def test_one_partners_safety_flag_stays_on_their_own_row(as_user, therapist, running_cohort):
    couple_in(running_cohort, first=("Ana", "Luis"), screening=True, a_urgent=True)

    page = roster(as_user(therapist.user), running_cohort)

    ana_card, luis_card = cards(page)
    assert "Urgent: safety follow-up" in ana_card
    assert "Urgent" not in luis_card


def test_each_partner_has_their_own_attendance_row(as_user, therapist, running_cohort):
    couple_in(running_cohort, first=("Ana", "Luis"), enrolled=True)
    session = running_cohort.sessions.order_by("starts_at").first()

    response = as_user(therapist.user).get(reverse("roster:attendance", args=[session.pk]))

    assert response.status_code == 200
    assert [m.client.first_name for m in response.context["page"].members] == ["Ana", "Luis"]


def test_the_csv_names_each_partner_on_the_others_row_and_nothing_more(
    as_user, therapist, running_cohort
):
    couple_in(
        running_cohort,
        first=("Ana", "Luis"),
        enrolled=True,
        a_urgent=True,
        a_hopes="Private hopes of Ana",
        client__last_name="Reyes",
    )

    response = as_user(therapist.user).get(reverse("roster:cohort_csv", args=[running_cohort.pk]))

    header, *body = list(csv.reader(io.StringIO(response.content.decode())))
    partner = header.index("Partner")
    assert [(row[1], row[partner]) for row in body] == [
        ("Ana", "Luis Reyes"),
        ("Luis", "Ana Reyes"),
    ]
    assert "Private hopes" not in response.content.decode()


def test_the_print_sheet_names_the_partner(as_user, therapist, running_cohort):
    couple_in(running_cohort, first=("Ana", "Luis"), enrolled=True)
    session = running_cohort.sessions.order_by("starts_at").first()

    page = as_user(therapist.user).get(reverse("roster:print", args=[session.pk]))

    assert 'Ana <span class="small fw-normal">(with Luis)' in page.content.decode()


def _count(client, cohort) -> int:
    with CaptureQueriesContext(connection) as queries:
        roster(client, cohort)
    return len(queries)


def test_the_roster_reads_partners_without_a_query_per_couple(as_user, therapist, running_cohort):
    client = as_user(therapist.user)
    couple_in(running_cohort, first=("Ana", "Luis"), enrolled=True)
    one = _count(client, running_cohort)
    for _ in range(3):
        couple_in(running_cohort, enrolled=True)

    assert _count(client, running_cohort) == one
