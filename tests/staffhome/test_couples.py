"""Couples on the coordinator's pages: each partner's client page links to the other,
Today says when a single free seat waits for its pair and which couples wait for a
partner's own confirmation, with the deadline."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from clients.models import ClientAccessLog
from enrollment.models import Couple
from tests.couples import couple_in, partner_stayed_alone
from tests.factories import CohortFactory
from tests.factories.consultations import pacific

pytestmark = pytest.mark.django_db
MONDAY_9 = pacific(2026, 12, 7, 9)


@pytest.fixture
def staff(client, coordinator, time_machine):
    time_machine.move_to(MONDAY_9, tick=False)
    client.force_login(coordinator)
    return client


@pytest.fixture
def couples_cohort():
    return CohortFactory(
        group__name="Relationship skills for couples",
        group__focus="couples",
        first_session_date=dt.date(2027, 1, 9),
        capacity=6,
    )


def text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def squash(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", page).split())


def client_page(staff, person) -> str:
    return text(staff.get(reverse("admin:clients_client_change", args=[person.pk])))


def test_each_partners_client_page_links_to_the_other(staff, couples_cohort):
    ana, luis = couple_in(
        couples_cohort, first=("Ana", "Luis"), enrolled=True, client__last_name="Reyes"
    )

    ana_page = client_page(staff, ana.client)
    luis_page = client_page(staff, luis.client)

    luis_url = reverse("admin:clients_client_change", args=[luis.client_id])
    ana_url = reverse("admin:clients_client_change", args=[ana.client_id])
    assert f'As a couple with <a href="{luis_url}">Luis Reyes</a>' in ana_page
    assert f'As a couple with <a href="{ana_url}">Ana Reyes</a>' in luis_page


def test_a_partners_answers_stay_on_their_own_enrollment(staff, couples_cohort):
    ana, luis = couple_in(
        couples_cohort,
        first=("Ana", "Luis"),
        screening=True,
        a_urgent=True,
        a_hopes="Ana's private hopes",
    )

    luis_place = text(staff.get(reverse("admin:enrollment_enrollment_change", args=[luis.pk])))
    ana_place = text(staff.get(reverse("admin:enrollment_enrollment_change", args=[ana.pk])))

    assert "Ana's private hopes" in ana_place
    assert "Ana's private hopes" not in luis_place
    assert "Ana" in luis_place  # the partner's name, and a link to their page


@pytest.mark.parametrize("couples", [1, 10])
def test_the_client_page_reads_the_partner_in_the_same_queries(
    staff, django_assert_max_num_queries, couples
):
    ana = None
    for _ in range(couples):
        cohort = CohortFactory(group__focus="couples", sessions=False)
        place, _partner = couple_in(cohort, enrolled=True)
        if ana is None:
            ana = place.client
        else:
            place.client = ana
            place.save(update_fields=["client"])

    with django_assert_max_num_queries(12):
        page = client_page(staff, ana)

    assert page.count("As a couple with") == couples


def test_the_enrollment_list_names_each_partner_in_one_query_for_any_number(
    staff, couples_cohort, django_assert_max_num_queries
):
    for _ in range(3):
        couple_in(couples_cohort, enrolled=True)
    url = reverse("admin:enrollment_enrollment_changelist")

    with django_assert_max_num_queries(14):
        page = text(staff.get(url))

    assert page.count('<td class="field-partner"><a href="/staff/clients/client/') == 6


def test_the_cohort_fill_page_counts_couples_and_an_odd_free_seat(staff, couples_cohort):
    couple_in(couples_cohort, enrolled=True)
    couple_in(couples_cohort, waitlisted=True)
    partner_stayed_alone(couples_cohort)

    page = text(staff.get(reverse("admin:enrollment_cohortfill_changelist")))

    assert "1 seated, 1 waiting, 1 partner(s) on their own; 1 free seat waits for its pair" in page


def test_today_says_a_single_free_seat_waits_for_its_pair(staff, couples_cohort):
    couple_in(couples_cohort, enrolled=True)
    partner_stayed_alone(couples_cohort)
    even = CohortFactory(group__focus="couples", capacity=6, first_session_date=dt.date(2027, 1, 9))
    couple_in(even, enrolled=True)

    page = squash(text(staff.get("/staff/")))

    assert "1 couples group with a single free seat waiting for its pair" in page
    assert "Relationship skills for couples, starts Sat Jan 9: 3 of 6 seats taken" in page


def test_today_lists_couples_waiting_for_a_partners_confirmation_with_the_deadline(
    staff, couples_cohort
):
    ana, luis = couple_in(couples_cohort, first=("Ana", "Luis"), a_screening=True, b_placed=True)
    Couple.objects.filter(pk=ana.couple_id).update(confirm_by=pacific(2026, 12, 10, 9))

    page = squash(text(staff.get("/staff/")))

    assert "1 couple waiting for a partner's confirmation" in page
    assert (
        "Luis (with Ana), Relationship skills for couples: confirm by Thu Dec 10, 9:00 AM" in page
    )
    seen = set(ClientAccessLog.objects.values_list("client_id", flat=True))
    assert {ana.client_id, luis.client_id} <= seen


def test_today_stays_flat_with_many_couples_waiting(staff, django_assert_max_num_queries):
    for _ in range(8):
        cohort = CohortFactory(group__focus="couples", capacity=6, sessions=True)
        couple_in(cohort, a_screening=True, b_placed=True)

    with django_assert_max_num_queries(17):
        response = staff.get("/staff/")

    assert response.status_code == 200


def test_a_couple_placed_by_the_coordinator_is_one_couple_waiting_not_two(staff, couples_cohort):
    # Neither partner has confirmed yet: both places wait, but it is one couple.
    couple_in(couples_cohort, first=("Teresa", "Rafa"), a_placed=True, b_placed=True)

    page = squash(text(staff.get("/staff/")))

    assert "1 couple waiting for a partner's confirmation" in page
    assert page.count("(with ") == 1
