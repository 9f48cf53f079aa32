"""Couples groups: a couple signs up together, takes two seats or waits together, each
partner answers privately, and the places move together."""

import datetime as dt
import re

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from clients.models import Lead
from enrollment import services
from enrollment.couples import odd_seats_waiting, places_left_text
from enrollment.links import manage_token
from enrollment.models import Couple, Enrollment
from notifications.kinds import Kind
from notifications.models import Notification
from tests.factories import CouplesCohortFactory, couple_of

from .helpers import form_data, names_shown, signup_kwargs, text, visible_words

pytestmark = pytest.mark.django_db
S = Enrollment.Status


@pytest.fixture
def cohort(db):
    """A couples group three weeks out: up to six couples."""
    return CouplesCohortFactory(capacity=12, min_to_run=4, group__name="Team Again")


def sign_up_couple(cohort, n=0, **overrides):
    given = {
        "email": f"ana{n}@mail.example",
        "first_name": "Ana",
        "partner_first_name": "Bea",
        "partner_email": f"bea{n}@mail.example",
        **overrides,
    }
    kwargs = signup_kwargs(cohort, **given)
    return services.couple_request(**kwargs)


def places(result):
    signer = result.enrollment
    partner = Enrollment.objects.exclude(pk=signer.pk).get(couple=signer.couple_id)
    return signer, partner


def confirm_path(enrollment):
    return reverse("enrollment:confirm", kwargs={"token": manage_token(enrollment.pk)})


def answers(cohort, **overrides):
    from enrollment.agreements import agreement_for

    return {
        "state": "CA",
        "crisis": "no",
        "agree": "on",
        "agreement_version": agreement_for(cohort).version,
        **overrides,
    }


def seat_up(cohort, couples):
    for _ in range(couples):
        couple_of(cohort, enrolled=True)


# --- signing up --------------------------------------------------------------------------


def test_a_couple_with_two_free_seats_gets_both_places_held_together(cohort):
    result = sign_up_couple(cohort)

    signer, partner = places(result)
    assert result.created
    assert signer.status == S.REQUESTED and signer.agreed_at is not None
    assert partner.status == S.PLACED and partner.agreed_at is None
    couple = Couple.objects.get()
    assert partner.offer_expires_at == couple.confirm_by
    assert couple.confirm_by - timezone.now() == pytest.approx(
        dt.timedelta(hours=72), abs=dt.timedelta(minutes=1)
    )
    assert partner.client.email == "bea0@mail.example" and partner.client.first_name == "Bea"


def test_the_confirmation_window_follows_the_setting(cohort, settings):
    settings.COUPLE_CONFIRM_HOURS = 24

    sign_up_couple(cohort)

    assert Couple.objects.get().confirm_by - timezone.now() < dt.timedelta(hours=25)


def test_with_one_seat_left_the_couple_waits_together_and_takes_none(cohort):
    seat_up(cohort, 5)
    couple, (one, _) = couple_of(cohort, waitlisted=True)
    Enrollment.objects.filter(pk=one.pk).update(status=S.ENROLLED)
    Couple.objects.filter(pk=couple.pk).update(kept_alone_at=timezone.now())

    result = sign_up_couple(cohort)

    signer, partner = places(result)
    assert signer.status == S.WAITLISTED and partner.status == S.WAITLISTED
    assert Enrollment.objects.filter(cohort=cohort, holds_seat=True).count() == 11


def test_the_same_email_for_both_partners_is_refused_with_a_clear_message(client, cohort):
    data = form_data(cohort, partner_first_name="Bea", partner_email="ANA.RIVERA@mail.example")

    response = client.post(reverse("enrollment:signup", args=[cohort.pk]), data)

    assert response.status_code == 200
    assert str(services.PARTNER_SAME_EMAIL) in text(response)
    assert not Enrollment.objects.exists()
    with pytest.raises(services.EnrollmentError, match="different from yours"):
        sign_up_couple(cohort, partner_email="ana0@MAIL.example")


def test_the_sign_up_page_of_a_couples_group_asks_for_the_partner(client, cohort):
    response = client.get(reverse("enrollment:signup", args=[cohort.pk]))

    page = text(response)
    assert "Your partner's first name" in page and "Your partner's email" in page


def test_signing_up_through_the_form_holds_both_places(client, cohort):
    data = form_data(cohort, partner_first_name="Bea", partner_email="bea@mail.example")

    response = client.post(reverse("enrollment:signup", args=[cohort.pk]), data)

    assert response.status_code == 302
    assert Enrollment.objects.filter(cohort=cohort, holds_seat=True).count() == 2


def test_a_repeat_sign_up_returns_the_same_places_and_sends_nothing_new(cohort):
    sign_up_couple(cohort)
    before = Notification.objects.count()

    again = sign_up_couple(cohort)

    assert not again.created
    assert Enrollment.objects.count() == 2 and Notification.objects.count() == before


def test_a_repeat_couples_sign_up_from_another_device_reads_as_a_new_one(client, cohort):
    """Someone who knows a person's email learns nothing from signing up with it again: the
    thank-you is a new couple's, what happens next for the partner included."""
    url = reverse("enrollment:signup", args=[cohort.pk])
    data = form_data(cohort, partner_first_name="Bea", partner_email="bea@mail.example")
    new = Browser().post(url, data, follow=True)

    again = client.post(url, data, follow=True)

    assert "What happens next for your partner" in text(new)
    assert visible_words(again) == visible_words(new)
    assert Enrollment.objects.count() == 2


def test_a_partner_who_already_has_a_place_is_refused_and_nothing_is_saved(cohort):
    sign_up_couple(cohort)

    with pytest.raises(services.EnrollmentError, match="already has a place"):
        sign_up_couple(cohort, email="cleo@mail.example", partner_email="bea0@mail.example")

    assert Enrollment.objects.count() == 2


# --- privacy -----------------------------------------------------------------------------


def test_each_partner_gets_their_own_email_and_nothing_of_the_other_answers(cohort, send_due):
    sign_up_couple(cohort, crisis=True, hopes="Stop the shouting at home")

    sent = send_due()

    to_partner = [m for m in sent if m.to == ["bea0@mail.example"]]
    assert len(to_partner) == 1
    [invite] = to_partner
    assert "/enroll/confirm/" in invite.body
    for secret in ("shouting", "988", "safety answer", "urgent", "crisis"):
        assert secret not in invite.body.lower()
    assert "Team Again" not in invite.subject and "Bea" not in invite.subject


def test_the_partners_own_page_shows_nothing_of_the_signers_answers(client, cohort):
    signer, partner = places(sign_up_couple(cohort, crisis=True, hopes="Stop the shouting"))

    for path in (
        confirm_path(partner),
        reverse("enrollment:mine", kwargs={"token": manage_token(partner.pk)}),
    ):
        response = client.get(path)
        page = visible_words(response)
        assert "shouting" not in page and "urgent" not in page.lower()
        assert names_shown(response, "Ana") == set() and "ana0@mail.example" not in page


def test_a_partner_confirming_gets_requested_and_the_deadline_is_gone(client, cohort):
    signer, partner = places(sign_up_couple(cohort))

    response = client.post(confirm_path(partner), answers(cohort))

    assert response.status_code == 200
    partner.refresh_from_db()
    assert partner.status == S.REQUESTED and partner.agreed_at is not None
    assert Couple.objects.get().confirm_by is None


def test_a_partner_crisis_yes_is_theirs_alone(client, cohort, send_due):
    signer, partner = places(sign_up_couple(cohort))
    already = len(send_due())

    response = client.post(confirm_path(partner), answers(cohort, crisis="yes"))

    assert "988" in text(response) and "911" in text(response)
    partner.refresh_from_db()
    signer.refresh_from_db()
    assert partner.status == S.SCREENING and partner.is_urgent
    assert partner.lead.is_urgent
    assert not signer.is_urgent and not signer.lead.is_urgent
    sent = send_due(now=timezone.now() + dt.timedelta(minutes=1))[already:]
    [alert] = [m for m in sent if m.subject.startswith("Priority")]
    assert f"#{partner.lead.pk}" in alert.subject and f"#{signer.lead.pk}" not in alert.subject
    for message in sent:
        if message.to == [signer.client.email]:
            assert "988" not in message.body and "urgent" not in message.body.lower()
    # The signer's own page says nothing about the partner's answer.
    mine = client.get(reverse("enrollment:mine", kwargs={"token": manage_token(signer.pk)}))
    assert mine.status_code == 200
    assert names_shown(mine, "Bea") == set() and "urgent" not in visible_words(mine).lower()


def test_the_signers_crisis_yes_alerts_about_the_signer_only(cohort):
    signer, partner = places(sign_up_couple(cohort, crisis=True))

    assert signer.is_urgent and signer.lead.is_urgent
    assert not partner.is_urgent and partner.lead is None
    assert Lead.objects.filter(is_urgent=True).count() == 1


# --- the deadline ------------------------------------------------------------------------


def test_an_unconfirmed_partner_ends_both_places_and_the_seats_go_down_the_waitlist(cohort):
    seat_up(cohort, 5)
    signer, partner = places(sign_up_couple(cohort))
    unconfirmed = places(sign_up_couple(cohort, n=1))
    _, confirmed = couple_of(cohort, waitlisted=True)

    result = services.time_limited_expire(now=timezone.now() + dt.timedelta(hours=73))

    signer.refresh_from_db()
    partner.refresh_from_db()
    assert signer.status == S.WITHDRAWN and partner.status == S.WITHDRAWN
    assert signer.events.latest("pk").reason == services.PARTNER_DID_NOT_CONFIRM
    # The waiting couple whose partner never confirmed ended too; the next confirmed couple
    # is offered the two seats.
    assert result.ended == 4
    assert {r.status for r in unconfirmed} == {S.WAITLISTED}
    assert set(
        Enrollment.objects.filter(pk__in=[r.pk for r in unconfirmed]).values_list(
            "status", flat=True
        )
    ) == {S.WITHDRAWN}
    assert set(
        Enrollment.objects.filter(pk__in=[r.pk for r in confirmed]).values_list("status", flat=True)
    ) == {S.OFFERED}
    assert Notification.objects.filter(
        kind=Kind.ENROLLMENT_COUPLE_ENDED, to_email=signer.client.email
    ).exists()


def test_the_signer_is_told_kindly_without_detail(cohort, send_due):
    signer, _ = places(sign_up_couple(cohort))
    already = len(send_due())
    later = timezone.now() + dt.timedelta(hours=73)

    services.time_limited_expire(now=later)
    sent = send_due(now=later + dt.timedelta(seconds=1))[already:]

    [told] = [m for m in sent if m.to == [signer.client.email]]
    assert "let them go" in told.body
    assert "Bea" not in told.body and "confirm" not in told.body.lower()


def test_a_waitlisted_couple_whose_partner_never_confirms_ends_at_the_deadline(cohort):
    seat_up(cohort, 6)
    signer, partner = places(sign_up_couple(cohort))
    assert partner.status == S.WAITLISTED

    services.offers_expire(now=timezone.now() + dt.timedelta(hours=73))

    assert set(
        Enrollment.objects.filter(couple=signer.couple).values_list("status", flat=True)
    ) == {S.WITHDRAWN}


def test_a_waitlisted_partners_page_says_their_partner_asked_not_the_coordinator(client, cohort):
    seat_up(cohort, 6)
    _, partner = places(sign_up_couple(cohort))

    page = text(client.get(confirm_path(partner)))

    assert (
        "Your partner asked us to save places for the two of you on this group's waitlist" in page
    )
    assert "Our Intake Coordinator has put you on" not in page


def test_a_partner_kept_on_alone_is_not_ended_by_the_couples_deadline(cohort):
    seat_up(cohort, 6)
    signer, partner = places(sign_up_couple(cohort))
    services.enrollment_withdraw(enrollment_id=signer.pk, actor=_staff(), partner_stays=True)
    later = timezone.now() + dt.timedelta(hours=73)

    services.offers_expire(now=later)
    services.placement_confirm(
        enrollment_id=partner.pk,
        state="CA",
        crisis=False,
        agreement_version=answers(cohort)["agreement_version"],
        now=later,
    )

    partner.refresh_from_db()
    assert partner.status == S.WAITLISTED and partner.agreed_at == later
    assert Couple.objects.get(pk=partner.couple_id).confirm_by is None


def test_a_couple_still_in_time_is_left_alone(cohort):
    signer, partner = places(sign_up_couple(cohort))

    services.offers_expire(now=timezone.now() + dt.timedelta(hours=71))

    assert Enrollment.objects.filter(couple=signer.couple, holds_seat=True).count() == 2


def test_a_late_confirmation_is_refused_kindly(client, cohort):
    _, partner = places(sign_up_couple(cohort))
    later = timezone.now() + dt.timedelta(hours=73)

    import time_machine

    with time_machine.travel(later, tick=False):
        response = client.post(confirm_path(partner), answers(cohort))

    assert response.status_code == 200
    partner.refresh_from_db()
    assert partner.status == S.PLACED and partner.agreed_at is None


# --- offers ------------------------------------------------------------------------------


def confirmed_waiting_couple(cohort):
    couple, partners = couple_of(cohort, waitlisted=True)
    return couple, partners


def test_two_freed_seats_go_to_the_next_couple_and_both_partners_are_told(cohort):
    seat_up(cohort, 5)
    leaving, (one, _) = couple_of(cohort, enrolled=True)
    _, next_pair = confirmed_waiting_couple(cohort)
    _, after = confirmed_waiting_couple(cohort)

    services.enrollment_withdraw(enrollment_id=one.pk, actor=_staff())

    for row in next_pair:
        row.refresh_from_db()
        assert row.status == S.OFFERED
        assert Notification.objects.filter(kind=Kind.ENROLLMENT_OFFERED, to_email=row.client.email)
    assert not Enrollment.objects.filter(pk__in=[r.pk for r in after], status=S.OFFERED)


def test_either_partner_accepts_for_both(cohort):
    seat_up(cohort, 5)
    _, (one, _) = couple_of(cohort, enrolled=True)
    _, (first, second) = confirmed_waiting_couple(cohort)
    services.enrollment_withdraw(enrollment_id=one.pk, actor=_staff())

    services.offer_accept(enrollment_id=second.pk)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.REQUESTED and second.status == S.REQUESTED


def test_a_decline_by_one_partner_applies_to_both_and_passes_the_seats_on(cohort):
    seat_up(cohort, 5)
    _, (one, _) = couple_of(cohort, enrolled=True)
    _, (first, second) = confirmed_waiting_couple(cohort)
    _, after = confirmed_waiting_couple(cohort)
    services.enrollment_withdraw(enrollment_id=one.pk, actor=_staff())

    services.offer_decline(enrollment_id=first.pk)

    second.refresh_from_db()
    assert second.status == S.WITHDRAWN
    assert {r.status for r in Enrollment.objects.filter(pk__in=[r.pk for r in after])} == {
        S.OFFERED
    }


def test_an_expired_couple_offer_ends_both_and_goes_to_the_next_couple(cohort):
    seat_up(cohort, 5)
    _, (one, _) = couple_of(cohort, enrolled=True)
    _, pair = confirmed_waiting_couple(cohort)
    _, after = confirmed_waiting_couple(cohort)
    services.enrollment_withdraw(enrollment_id=one.pk, actor=_staff())

    services.offers_expire(now=timezone.now() + dt.timedelta(hours=49))

    assert {r.status for r in Enrollment.objects.filter(pk__in=[r.pk for r in pair])} == {
        S.WITHDRAWN
    }
    assert {r.status for r in Enrollment.objects.filter(pk__in=[r.pk for r in after])} == {
        S.OFFERED
    }


def test_a_single_freed_seat_waits_for_its_pair_and_today_can_say_so(cohort):
    seat_up(cohort, 5)
    staying, (one, other) = couple_of(cohort, enrolled=True)
    confirmed_waiting_couple(cohort)

    services.enrollment_withdraw(enrollment_id=one.pk, actor=_staff(), partner_stays=True)

    assert not Enrollment.objects.filter(cohort=cohort, status=S.OFFERED).exists()
    [odd] = odd_seats_waiting()
    assert odd.cohort == cohort and odd.free_seats == 1
    assert places_left_text(cohort, 11) == "0 couples' places left"


def test_places_are_worded_in_couples(cohort):
    assert places_left_text(cohort, 8) == "2 couples' places left"
    assert places_left_text(cohort, 10) == "1 couple's place left"


# --- one partner leaving -----------------------------------------------------------------


def _staff():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("coord-couples", password="x", is_staff=True)


def test_one_partner_leaving_takes_both_by_default_recorded_with_who(cohort):
    _, (one, other) = couple_of(cohort, enrolled=True)
    staff = _staff()

    services.enrollment_withdraw(enrollment_id=one.pk, actor=staff, reason="Called to say so")

    other.refresh_from_db()
    assert other.status == S.WITHDRAWN
    event = other.events.latest("pk")
    assert event.reason == services.PARTNER_LEFT and event.actor == staff
    assert Notification.objects.filter(
        kind=Kind.ENROLLMENT_COUPLE_ENDED, to_email=other.client.email
    ).exists()


def test_the_coordinator_may_keep_the_other_partner_on_alone(cohort):
    couple, (one, other) = couple_of(cohort, enrolled=True)
    staff = _staff()

    services.enrollment_withdraw(enrollment_id=one.pk, actor=staff, partner_stays=True)

    other.refresh_from_db()
    couple.refresh_from_db()
    assert other.status == S.ENROLLED
    assert couple.kept_alone_at is not None and couple.kept_alone_by == staff
    assert other.events.latest("pk").reason == services.KEPT_ALONE


def test_a_client_leaving_with_their_own_link_leaves_the_partner_to_the_coordinator(
    client, cohort, coordinator
):
    _, (one, other) = couple_of(cohort, enrolled=True)

    response = client.post(
        reverse("enrollment:mine", kwargs={"token": manage_token(one.pk)}),
        {"action": "withdraw", "confirm": "yes"},
    )

    assert response.status_code in (200, 302)
    one.refresh_from_db()
    other.refresh_from_db()
    assert one.status == S.WITHDRAWN
    # The partner keeps their seat until the coordinator decides; Today asks.
    assert other.status == S.ENROLLED
    assert other.events.latest("pk").reason == services.PARTNER_LEFT_ASK
    client.force_login(coordinator)
    today = text(client.get("/staff/"))
    assert "partner whose partner left: do they stay?" in today
    assert reverse("admin:enrollment_enrollment_partner_decide", args=[other.pk]) in today


def test_by_default_the_coordinator_ends_the_partners_place_too_and_they_are_told(
    client, cohort, coordinator, send_due
):
    _, (one, other) = couple_of(cohort, enrolled=True)
    services.enrollment_withdraw(enrollment_id=one.pk)
    client.force_login(coordinator)

    client.post(
        reverse("admin:enrollment_enrollment_partner_decide", args=[other.pk]),
        {"decision": "leaves"},
    )

    other.refresh_from_db()
    assert other.status == S.WITHDRAWN
    event = other.events.latest("pk")
    assert (event.reason, event.actor) == (services.PARTNER_LEFT, coordinator)
    assert [m.to for m in send_due() if m.to == [other.client.email]] == [[other.client.email]]
    assert "do they stay?" not in text(client.get("/staff/"))


def test_the_coordinator_may_decide_the_partner_stays_on_alone(client, cohort, coordinator):
    _, (one, other) = couple_of(cohort, enrolled=True)
    services.enrollment_withdraw(enrollment_id=one.pk)

    services.couple_partner_decide(enrollment_id=other.pk, stays=True, actor=coordinator)

    other.refresh_from_db()
    assert other.status == S.ENROLLED
    couple = Couple.objects.get(pk=other.couple_id)
    assert couple.kept_alone_by == coordinator
    assert other.events.latest("pk").reason == services.KEPT_ALONE
    with pytest.raises(services.EnrollmentError, match="no partner's place waiting"):
        services.couple_partner_decide(enrollment_id=other.pk, stays=False, actor=coordinator)


# --- admin and the coordinator -----------------------------------------------------------


def admin_withdraw(client, enrollments, **extra):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    data = {"action": "withdraw", ACTION_CHECKBOX_NAME: [e.pk for e in enrollments], **extra}
    return client.post(reverse("admin:enrollment_enrollment_changelist"), data, follow=True)


def test_withdrawing_a_partner_in_admin_asks_whether_the_other_stays_first(
    client, coordinator, cohort
):
    client.force_login(coordinator)
    _, (one, other) = couple_of(cohort, enrolled=True)

    response = admin_withdraw(client, [one])

    assert "Stays on alone" in text(response) and "Leaves too" in text(response)
    one.refresh_from_db()
    assert one.status == S.ENROLLED


def test_in_admin_both_leave_by_default_and_the_partner_may_stay(client, coordinator, cohort):
    client.force_login(coordinator)
    _, (one, other) = couple_of(cohort, enrolled=True)
    _, (third, fourth) = couple_of(cohort, enrolled=True)

    response = admin_withdraw(client, [one], apply="1", partner="both")
    admin_withdraw(client, [third], apply="1", partner="stays")

    assert "1 partner left with them" in text(response)
    statuses = dict(Enrollment.objects.values_list("pk", "status"))
    assert statuses[one.pk] == statuses[other.pk] == S.WITHDRAWN
    assert statuses[third.pk] == S.WITHDRAWN and statuses[fourth.pk] == S.ENROLLED


def test_the_coordinator_places_a_couple_and_each_partner_confirms_privately(
    client, coordinator, cohort, send_due
):
    from tests.factories import ClientFactory

    ana, bea = ClientFactory(email="ana@mail.example"), ClientFactory(email="bea@mail.example")

    first, second = services.couple_place(
        client_id=ana.pk, partner_client_id=bea.pk, cohort_id=cohort.pk, actor=coordinator
    )

    assert first.status == second.status == S.PLACED
    sent = send_due()
    assert sorted(m.to[0] for m in sent) == ["ana@mail.example", "bea@mail.example"]
    client.post(confirm_path(first), answers(cohort, crisis="yes"))
    client.post(confirm_path(second), answers(cohort))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.SCREENING and second.status == S.ENROLLED
    assert not second.is_urgent
    assert Couple.objects.get().confirm_by is None


def test_staff_offering_a_waitlisted_partner_offers_both(cohort, coordinator):
    seat_up(cohort, 5)
    _, (first, second) = couple_of(cohort, waitlisted=True)

    services.offer_make(enrollment_id=first.pk, actor=coordinator)

    second.refresh_from_db()
    assert second.status == S.OFFERED


def test_staff_cannot_offer_a_couple_a_single_free_seat(cohort, coordinator):
    seat_up(cohort, 5)
    couple_of(cohort, enrolled=True)
    _, (first, second) = couple_of(cohort, waitlisted=True)
    cohort.capacity = 13
    cohort.save(update_fields=["capacity"])

    with pytest.raises(services.EnrollmentError):
        services.offer_make(enrollment_id=first.pk, actor=coordinator)

    assert not Enrollment.objects.filter(status=S.OFFERED).exists()


def test_a_couples_cohort_needs_an_even_capacity_and_minimum(cohort):
    from django.core.exceptions import ValidationError

    cohort.capacity, cohort.min_to_run = 11, 3

    with pytest.raises(ValidationError) as refused:
        cohort.clean()

    assert set(refused.value.message_dict) == {"capacity", "min_to_run"}


def test_a_partners_own_page_says_what_leaving_does(client, cohort):
    _, (one, _) = couple_of(cohort, enrolled=True)

    response = client.get(reverse("enrollment:mine", kwargs={"token": manage_token(one.pk)}))

    assert "ends your own place" in text(response)
    assert "talk with your partner about whether they stay" in text(response)


def test_the_sign_up_page_and_listing_speak_in_couples(client, cohort):
    seat_up(cohort, 4)

    page = text(client.get(reverse("enrollment:signup", args=[cohort.pk])))

    assert "2 couples' places are left" in page


def test_a_waiting_couple_is_told_its_place_in_line_in_couples(cohort):
    from enrollment.selectors import waitlist_position

    seat_up(cohort, 6)
    couple_of(cohort, waitlisted=True)
    couple_of(cohort, waitlisted=True)
    _, (first, second) = couple_of(cohort, waitlisted=True)

    assert waitlist_position(first) == waitlist_position(second) == 3


def test_declining_one_partner_withdraws_the_other_and_tells_them(cohort, send_due):
    _, (one, other) = couple_of(cohort, enrolled=True)

    services.enrollment_decline(enrollment_id=one.pk, reason="Not a fit now", actor=_staff())

    other.refresh_from_db()
    # Nobody assessed the partner who followed: their place ended, it was not declined.
    assert other.status == S.WITHDRAWN
    assert other.events.latest("pk").reason == services.PARTNER_LEFT
    sent = [m for m in send_due() if m.to == [other.client.email]]
    assert len(sent) == 1 and "Not a fit now" not in sent[0].body


def test_staff_cannot_offer_a_couple_whose_partner_has_not_answered(cohort, coordinator):
    seat_up(cohort, 6)
    signer, partner = places(sign_up_couple(cohort))  # both wait; the partner has not answered
    cohort.capacity = 14
    cohort.save(update_fields=["capacity"])

    with pytest.raises(services.EnrollmentError, match="^Both partners need to give"):
        services.offer_make(enrollment_id=signer.pk, actor=coordinator)

    assert set(
        Enrollment.objects.filter(couple=signer.couple_id).values_list("status", flat=True)
    ) == {S.WAITLISTED}


def test_a_coordinator_placed_partner_is_not_told_their_partner_asked(client, coordinator, cohort):
    from tests.factories import ClientFactory

    ana, bea = ClientFactory(email="ana@mail.example"), ClientFactory(email="bea@mail.example")
    first, _ = services.couple_place(
        client_id=ana.pk, partner_client_id=bea.pk, cohort_id=cohort.pk, actor=coordinator
    )
    signed_up, partner = places(sign_up_couple(cohort, n=1))

    placed_page = text(client.get(confirm_path(first)))
    invited_page = text(client.get(confirm_path(partner)))

    assert "Your partner asked us" not in placed_page
    assert "Your partner asked us" in invited_page


def test_the_group_page_gives_a_couples_cohorts_size_in_couples(client, cohort):
    page = text(client.get(reverse("cohorts:group", args=[cohort.group.slug])))

    assert "Up to 6 couples" in page
    assert "Up to 12 members" not in page


def test_the_partners_deadline_names_its_zone_once(client, cohort):
    _, partner = places(sign_up_couple(cohort))

    page = text(client.get(confirm_path(partner)))

    assert re.search(r"\bP[SD]T\b", page)
    assert "PST Pacific time" not in page and "PDT Pacific time" not in page


def test_the_signers_thanks_page_says_what_happens_next_for_the_partner(client, cohort):
    response = client.post(
        reverse("enrollment:signup", args=[cohort.pk]),
        form_data(cohort, partner_first_name="Bea", partner_email="bea@mail.example"),
        follow=True,
    )
    page = text(response)

    assert "What happens next for your partner" in page
    assert "We're holding both places while your partner answers" in page
    assert "72 hours to answer" in page and "both places are given back" in page
