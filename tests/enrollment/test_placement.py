"""The coordinator places a person; the person confirms the three answers that are theirs;
an unconfirmed placement gives its seat back and the waitlist moves on."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clients.models import Lead
from enrollment import services
from enrollment.agreements import agreement_for
from enrollment.links import manage_token
from enrollment.models import Enrollment, EnrollmentEvent
from notifications.kinds import Kind
from notifications.models import Notification
from tests.factories import ClientFactory, CohortFactory, EnrollmentFactory, LeadFactory

from .helpers import fill, sign_up, text

pytestmark = pytest.mark.django_db
S = Enrollment.Status


def place(cohort, coordinator, client=None, **kwargs):
    client = client or ClientFactory(email="placed@mail.example", first_name="Paz")
    return services.enrollment_place(
        client_id=client.pk, cohort_id=cohort.pk, actor=coordinator, **kwargs
    ).enrollment


def confirm_url(enrollment):
    return reverse("enrollment:confirm", kwargs={"token": manage_token(enrollment.pk)})


def answers(cohort, **overrides):
    data = {
        "state": "CA",
        "crisis": "no",
        "agree": "on",
        "agreement_version": agreement_for(cohort).version,
    }
    data.update(overrides)
    return data


def saved_state():
    return (
        list(Enrollment.objects.order_by("pk").values_list("pk", "status", "agreed_at")),
        EnrollmentEvent.objects.count(),
        Notification.objects.count(),
        list(Lead.objects.values_list("pk", "is_urgent")),
    )


# --- placing --------------------------------------------------------------------------------


def test_a_placement_holds_a_free_seat_for_72_hours_and_asks_the_person_to_confirm(
    cohort, coordinator
):
    now = timezone.now()
    enrollment = place(cohort, coordinator, now=now)

    enrollment.refresh_from_db()
    assert enrollment.status == S.PLACED and enrollment.holds_seat
    assert enrollment.offer_expires_at == now + dt.timedelta(hours=72)
    assert enrollment.agreed_at is None
    event = enrollment.events.get()
    assert (event.by, event.actor, event.reason) == ("staff", coordinator, services.PLACED_BY_STAFF)
    row = Notification.objects.get(kind=Kind.ENROLLMENT_PLACEMENT)
    assert row.to_email == "placed@mail.example"


def test_the_confirmation_window_follows_the_setting(cohort, coordinator, settings):
    settings.PLACEMENT_CONFIRM_HOURS = 24
    now = timezone.now()

    enrollment = place(cohort, coordinator, now=now)

    assert enrollment.offer_expires_at == now + dt.timedelta(hours=24)


def test_a_placement_in_a_full_cohort_joins_its_waitlist(cohort, coordinator):
    fill(cohort, 3)

    result = services.enrollment_place(
        client_id=ClientFactory().pk, cohort_id=cohort.pk, actor=coordinator
    )

    assert result.waitlisted
    assert result.enrollment.events.get().reason == services.WAITLISTED_BY_STAFF
    assert Enrollment.objects.filter(cohort=cohort, holds_seat=True).count() == 3


def test_adding_to_a_waitlist_takes_no_seat_even_when_one_is_free(cohort, coordinator):
    enrollment = place(cohort, coordinator, waitlist=True)

    assert enrollment.status == S.WAITLISTED and enrollment.offer_expires_at is None
    assert services.needs_confirmation(enrollment)


def test_placing_someone_already_waiting_gives_them_the_free_seat(cohort, coordinator):
    waiting = EnrollmentFactory(cohort=cohort, waitlisted=True)

    enrollment = place(cohort, coordinator, client=waiting.client)

    assert enrollment.pk == waiting.pk and enrollment.status == S.PLACED
    assert Enrollment.objects.filter(cohort=cohort).count() == 1


def test_placing_someone_who_already_has_a_place_is_refused_and_saves_nothing(cohort, coordinator):
    member = sign_up(cohort).enrollment
    before = saved_state()

    with pytest.raises(services.EnrollmentError, match="already has a place"):
        place(cohort, coordinator, client=member.client)

    assert saved_state() == before


def test_placing_in_a_cancelled_cohort_is_refused_and_saves_nothing(coordinator):
    cohort = CohortFactory(cancelled=True)
    before = saved_state()

    with pytest.raises(services.EnrollmentError):
        place(cohort, coordinator)

    assert saved_state() == before


def test_staff_cannot_enroll_a_placement_only_the_person_can(cohort, coordinator):
    enrollment = place(cohort, coordinator)
    before = saved_state()

    with pytest.raises(services.EnrollmentError, match="only their confirmation"):
        services.enrollment_enroll(enrollment_id=enrollment.pk, actor=coordinator)

    assert saved_state() == before


def test_the_email_asks_for_confirmation_with_a_link_and_no_health_details(
    cohort, coordinator, send_due
):
    place(cohort, coordinator)

    [message] = send_due()

    assert "confirm your place" in message.subject
    assert "Steady Ground" not in message.subject and "Paz" not in message.subject
    assert "/enroll/confirm/" in message.body
    assert "until" in message.body


# --- the person's confirmation --------------------------------------------------------------


def test_the_confirmation_page_asks_the_three_answers(client, cohort, coordinator):
    enrollment = place(cohort, coordinator)

    response = client.get(confirm_url(enrollment))

    page = text(response)
    assert response.status_code == 200
    assert "Confirm your place" in page
    assert "thoughts of harming yourself" in page
    assert "group agreement" in page.lower()


def test_confirming_enrolls_the_person_and_records_their_agreement(
    client, cohort, coordinator, send_due
):
    enrollment = place(cohort, coordinator)
    send_due()

    response = client.post(confirm_url(enrollment), answers(cohort))

    assert response.status_code == 200
    assert "Your place is confirmed" in text(response)
    enrollment.refresh_from_db()
    assert enrollment.status == S.ENROLLED and enrollment.agreed_at is not None
    assert enrollment.agreement_version == agreement_for(cohort).version
    assert enrollment.events.latest("pk").by == "client"
    assert Notification.objects.filter(kind=Kind.ENROLLMENT_ENROLLED).count() == 1


def test_a_crisis_yes_shows_988_at_once_flags_the_lead_and_alerts_the_coordinator(
    client, cohort, coordinator
):
    person = ClientFactory()
    lead = LeadFactory(client=person)
    enrollment = place(cohort, coordinator, client=person)

    response = client.post(confirm_url(enrollment), answers(cohort, crisis="yes"))

    page = text(response)
    assert "988" in page and "911" in page
    enrollment.refresh_from_db()
    lead.refresh_from_db()
    assert enrollment.status == S.SCREENING and enrollment.is_urgent and enrollment.holds_seat
    assert lead.is_urgent
    assert Notification.objects.filter(kind=Kind.LEAD_URGENT_ALERT).count() == 1


def test_a_crisis_yes_without_a_lead_writes_an_urgent_one(client, cohort, coordinator):
    enrollment = place(cohort, coordinator)

    client.post(confirm_url(enrollment), answers(cohort, crisis="yes"))

    enrollment.refresh_from_db()
    assert enrollment.lead is not None and enrollment.lead.is_urgent


def test_choosing_yes_shows_the_crisis_box_on_the_form_again_when_something_is_missing(
    client, cohort, coordinator
):
    enrollment = place(cohort, coordinator)
    before = saved_state()

    response = client.post(confirm_url(enrollment), answers(cohort, crisis="yes", agree=""))

    assert response.status_code == 200
    assert 'id="crisis-resources" data-crisis-resources >' in response.content.decode()
    assert saved_state() == before


def test_outside_california_for_an_online_group_is_refused_kindly_and_saves_nothing(
    client, cohort, coordinator
):
    assert cohort.group.is_online
    enrollment = place(cohort, coordinator)
    before = saved_state()

    response = client.post(confirm_url(enrollment), answers(cohort, state="NV"))

    assert response.status_code == 200
    assert "only for people located in California" in text(response)
    assert saved_state() == before


def test_a_bad_link_gives_a_kind_page_not_an_error(client):
    response = client.get(reverse("enrollment:confirm", kwargs={"token": "not-a-real-link"}))

    assert response.status_code == 404
    assert "This link no longer works" in text(response)


def test_a_placement_past_its_time_gives_a_kind_page_and_saves_nothing(client, cohort, coordinator):
    enrollment = place(cohort, coordinator, now=timezone.now() - dt.timedelta(hours=73))
    before = saved_state()

    response = client.post(confirm_url(enrollment), answers(cohort))

    assert response.status_code == 200
    assert str(services.PLACEMENT_EXPIRED) in text(response)
    assert saved_state() == before


def test_a_second_confirmation_changes_nothing(client, cohort, coordinator):
    enrollment = place(cohort, coordinator)
    client.post(confirm_url(enrollment), answers(cohort))
    before = saved_state()

    response = client.post(confirm_url(enrollment), answers(cohort))

    assert "Nothing to confirm" in text(response)
    assert saved_state() == before


def test_a_waitlist_placement_confirms_and_stays_on_the_waitlist(client, cohort, coordinator):
    enrollment = place(cohort, coordinator, waitlist=True)

    response = client.post(confirm_url(enrollment), answers(cohort))

    assert "You're on the waitlist" in text(response)
    enrollment.refresh_from_db()
    assert enrollment.status == S.WAITLISTED and enrollment.agreed_at is not None
    assert not services.needs_confirmation(enrollment)


def test_a_freed_seat_passes_over_someone_staff_waitlisted_until_they_confirm(
    client, cohort, coordinator
):
    members = fill(cohort, 3)
    unconfirmed = place(cohort, coordinator, waitlist=True)
    later = sign_up(cohort, email="later@mail.example").enrollment

    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk)

    unconfirmed.refresh_from_db()
    later.refresh_from_db()
    assert (unconfirmed.status, later.status) == (S.WAITLISTED, S.OFFERED)

    client.post(confirm_url(unconfirmed), answers(cohort))
    services.enrollment_withdraw(enrollment_id=members[1].enrollment.pk)

    unconfirmed.refresh_from_db()
    assert unconfirmed.status == S.OFFERED


# --- running out ----------------------------------------------------------------------------


def test_an_unconfirmed_placement_gives_the_seat_back_and_offers_the_next_person(
    cohort, coordinator
):
    now = timezone.now()
    fill(cohort, 2)
    enrollment = place(cohort, coordinator, now=now)
    waiting = sign_up(cohort, email="next@mail.example").enrollment
    assert waiting.status == S.WAITLISTED

    expired = services.time_limited_expire(now=now + dt.timedelta(hours=72, minutes=1))

    assert (expired.placements, expired.offers) == (1, 0)
    enrollment.refresh_from_db()
    waiting.refresh_from_db()
    assert enrollment.status == S.WITHDRAWN
    assert enrollment.events.latest("pk").reason == services.PLACEMENT_RAN_OUT
    assert waiting.status == S.OFFERED
    assert list(expired.offers_made) == [waiting]
    assert Notification.objects.filter(kind=Kind.ENROLLMENT_OFFERED).count() == 1
    assert Notification.objects.get(kind=Kind.ENROLLMENT_PLACEMENT).status == "cancelled"


def test_a_placement_still_in_time_is_left_alone(cohort, coordinator):
    now = timezone.now()
    enrollment = place(cohort, coordinator, now=now)

    assert services.offers_expire(now=now + dt.timedelta(hours=71)) == 0

    enrollment.refresh_from_db()
    assert enrollment.status == S.PLACED


def test_the_management_command_ends_placements_too(cohort, coordinator, capsys):
    place(cohort, coordinator, now=timezone.now() - dt.timedelta(hours=80))

    call_command("expire_offers")

    assert "1 offer ended." in capsys.readouterr().out
    assert Enrollment.objects.get().status == S.WITHDRAWN
