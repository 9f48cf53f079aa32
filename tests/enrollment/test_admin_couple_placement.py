"""The coordinator places a couple from a client's page: two seats held together or both
on the waitlist, each partner emailed their own link, and each confirming alone."""

import pytest
from django.urls import reverse

from clients.models import Client, ClientAccessLog
from enrollment.admin_place_couple import PARTNER_NAME_NEEDED
from enrollment.agreements import agreement_for
from enrollment.links import manage_token
from enrollment.models import Couple, Enrollment, EnrollmentEvent
from enrollment.services import SAME_PERSON
from notifications.kinds import Kind
from notifications.models import Notification
from tests.couples import couple_in, partner_stayed_alone
from tests.factories import ClientFactory, CohortFactory, EnrollmentFactory

from .helpers import names_shown, text, visible_words

pytestmark = pytest.mark.django_db
S = Enrollment.Status
PLACE_COUPLE = reverse("admin:enrollment_enrollment_place_couple")


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def couples_cohort(db):
    return CohortFactory(capacity=4, group__name="Skills for Two", group__focus="couples")


@pytest.fixture
def paz(db):
    return ClientFactory(first_name="Paz", last_name="Luna", email="paz@mail.example")


def notes(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def saved() -> tuple:
    return (
        Enrollment.objects.count(),
        Couple.objects.count(),
        Notification.objects.count(),
        Client.objects.count(),
    )


def post(staff, person, cohort, **extra):
    data = {"client": person.pk, "cohort": cohort.pk, **extra}
    return staff.post(PLACE_COUPLE, data, follow=True)


def test_the_client_page_offers_to_place_the_person_as_a_couple(staff, paz):
    page = text(staff.get(reverse("admin:clients_client_change", args=[paz.pk])))

    assert f'href="{PLACE_COUPLE}?client={paz.pk}">Place as a couple</a>' in page
    waitlist = f'href="{PLACE_COUPLE}?client={paz.pk}&waitlist=1">Add a couple to a waitlist'
    assert waitlist in page


def test_the_page_lists_only_couples_groups_in_couples_places_and_records_the_view(
    staff, coordinator, paz, couples_cohort
):
    CohortFactory(group__name="Singles Only")
    couple_in(couples_cohort, enrolled=True)
    partner_stayed_alone(couples_cohort)

    response = staff.get(PLACE_COUPLE, {"client": paz.pk})

    page = text(response)
    assert "Place as a couple: Paz Luna" in page
    assert "Skills for Two" in page and "0 couples' places free" not in page
    assert "full (waitlist)" in page  # one odd seat is no place for a couple
    assert "Singles Only" not in page
    assert ClientAccessLog.objects.filter(client=paz, user=coordinator).count() == 1


def test_placing_a_couple_holds_two_seats_together_and_emails_each_partner(
    staff, coordinator, paz, couples_cohort
):
    response = post(
        staff, paz, couples_cohort, partner_email="Rio@Mail.example", partner_first_name="Rio"
    )

    [message] = notes(response)
    assert message.startswith(f"Paz Luna and Rio have two seats held together in {couples_cohort}")
    places = list(Enrollment.objects.order_by("pk"))
    assert [(p.client.first_name, p.status) for p in places] == [
        ("Paz", S.PLACED),
        ("Rio", S.PLACED),
    ]
    couple = Couple.objects.get()
    assert {p.couple_id for p in places} == {couple.pk}
    assert couple.confirm_by == places[0].offer_expires_at == places[1].offer_expires_at
    emails = Notification.objects.filter(kind=Kind.ENROLLMENT_PLACEMENT).order_by("pk")
    assert [e.to_email for e in emails] == ["paz@mail.example", "Rio@Mail.example"]
    assert [e.object_id for e in emails] == [p.pk for p in places]
    assert {e.actor for e in EnrollmentEvent.objects.all()} == {coordinator}
    assert Enrollment.history.filter(couple=couple).count() == 2


def test_an_existing_client_is_found_by_their_email(staff, paz, couples_cohort):
    rio = ClientFactory(first_name="Rio", email="rio@mail.example")

    post(staff, paz, couples_cohort, partner_email="RIO@mail.example")

    assert Enrollment.objects.get(client=rio).couple_id is not None
    assert Client.objects.count() == 2


def test_a_couple_never_takes_one_odd_seat_and_waits_together(staff, paz, couples_cohort):
    couple_in(couples_cohort, enrolled=True)
    partner_stayed_alone(couples_cohort)  # one seat left

    response = post(
        staff, paz, couples_cohort, partner_email="rio@mail.example", partner_first_name="Rio"
    )

    assert notes(response) == [
        f"{couples_cohort} had no two seats free, so Paz Luna and Rio are on its waitlist "
        "together, number 1 in line. Each of them was emailed their own link to confirm."
    ]
    statuses = Enrollment.objects.filter(couple__isnull=False, status=S.WAITLISTED)
    assert statuses.count() == 2
    assert Enrollment.objects.filter(holds_seat=True).count() == 3


def test_a_couple_can_be_added_to_the_waitlist_on_purpose(staff, paz, couples_cohort):
    post(
        staff,
        paz,
        couples_cohort,
        partner_email="rio@mail.example",
        partner_first_name="Rio",
        waitlist="1",
    )

    assert set(Enrollment.objects.values_list("status", flat=True)) == {S.WAITLISTED}


@pytest.mark.parametrize(
    ("email", "first_name", "message"),
    [
        ("rio@mail.example", "", PARTNER_NAME_NEEDED),
        ("PAZ@mail.example", "Paz", SAME_PERSON),
    ],
)
def test_a_refusal_says_why_and_saves_nothing(
    staff, paz, couples_cohort, email, first_name, message
):
    before = saved()

    response = post(staff, paz, couples_cohort, partner_email=email, partner_first_name=first_name)

    assert response.status_code == 200
    assert message in text(response)
    assert saved() == before


def test_a_partner_already_in_the_group_is_refused(staff, paz, couples_cohort):
    rio = ClientFactory(first_name="Rio", email="rio@mail.example")
    EnrollmentFactory(cohort=couples_cohort, client=rio, waitlisted=True)
    before = saved()

    response = post(staff, paz, couples_cohort, partner_email="rio@mail.example")

    assert "already has a place in this group" in text(response)
    assert saved() == before


def test_each_partner_confirms_alone_and_sees_nothing_of_the_other(
    client, staff, paz, couples_cohort
):
    post(staff, paz, couples_cohort, partner_email="rio@mail.example", partner_first_name="Rio")
    client.logout()
    first, second = Enrollment.objects.order_by("pk")
    answers = {
        "state": "CA",
        "agree": "on",
        "agreement_version": agreement_for(couples_cohort).version,
    }

    crisis = client.post(
        reverse("enrollment:confirm", kwargs={"token": manage_token(second.pk)}),
        {**answers, "crisis": "yes"},
    )
    calm = client.get(reverse("enrollment:confirm", kwargs={"token": manage_token(first.pk)}))

    assert "988" in text(crisis)
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.is_urgent and not first.is_urgent
    assert first.status == S.PLACED and first.agreed_at is None
    assert names_shown(calm, "Rio") == set()
    assert "988" not in visible_words(calm).split("Three answers")[0]
