import datetime as dt
from email import message_from_bytes

import icalendar
import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from clients.models import Client, Lead, LeadEvent
from consultations.messages import (
    NOT_CHANGEABLE,
    NOT_YET_HAPPENED,
    SLOT_TAKEN,
    SLOT_UNAVAILABLE,
    VIDEO_OUTSIDE_CALIFORNIA,
)
from consultations.models import Consultation, ConsultationEvent
from consultations.services import (
    ConsultationError,
    SlotTaken,
    consultation_book,
    consultation_cancel,
    consultation_complete,
    consultation_no_show,
    consultation_reschedule,
)
from notifications.dispatch import dispatch_due
from notifications.models import Notification
from tests.factories import (
    AvailabilityExceptionFactory,
    ClientFactory,
    ConsultationFactory,
    CoordinatorFactory,
    LeadFactory,
    StaffUserFactory,
)
from tests.factories.consultations import pacific

from .conftest import NOW, TUESDAY_10

pytestmark = pytest.mark.django_db


def nothing_saved() -> bool:
    return not (
        Consultation.objects.exists()
        or Lead.objects.exists()
        or Client.objects.exists()
        or Notification.objects.exists()
    )


def test_booking_saves_the_call_the_client_the_lead_and_a_confirmation_due_now(dana, caller):
    consultation = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)

    assert consultation.coordinator == dana
    assert consultation.ends_at - consultation.starts_at == dt.timedelta(minutes=15)
    assert consultation.client.email == "ana.lopez@mail.example"
    assert consultation.lead.source == Lead.Source.CONSULTATION
    assert consultation.lead.status == Lead.Status.CONSULTATION_BOOKED
    assert consultation.lead.interest == Lead.Interest.COUPLES
    assert LeadEvent.objects.filter(
        lead=consultation.lead, to_status="consultation_booked"
    ).exists()
    assert ConsultationEvent.objects.filter(consultation=consultation, to_status="booked").exists()
    notification = Notification.objects.get(kind="consultation_confirmation")
    assert notification.key == f"consultation:{consultation.pk}:confirmation:20260303T1800Z"
    assert notification.due_at == NOW


def test_booking_moves_the_persons_open_request_on_instead_of_opening_a_second_one(dana, caller):
    client = ClientFactory(email="ana.lopez@mail.example", first_name="Ana")
    request = LeadFactory(client=client, source=Lead.Source.GET_STARTED)

    consultation = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)

    assert consultation.lead == request
    request.refresh_from_db()
    assert request.status == Lead.Status.CONSULTATION_BOOKED
    assert Lead.objects.count() == 1
    assert request.events.filter(to_status="consultation_booked").exists()


def test_the_confirmation_email_says_when_in_pacific_time_and_carries_a_calendar_file(dana, caller):
    consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)

    assert dispatch_due(now=NOW) == 1

    (email,) = mail.outbox
    assert email.to == ["ana.lopez@mail.example"]
    assert email.subject == "Your free call is booked for Tuesday, March 3 at 10:00 AM PST"
    assert "Lopez" not in email.subject + email.body  # first name only
    assert "Hi Ana" in email.body
    assert "/consultation/c/" in email.body
    (filename, data, mimetype) = email.attachments[0]
    assert (filename, mimetype) == ("free-consultation.ics", "text/calendar")
    calendar = icalendar.Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == TUESDAY_10
    assert event.decoded("dtstart").utcoffset() == dt.timedelta(0)  # written in UTC
    text = data if isinstance(data, str) else data.decode()
    assert "Ana" not in text and "Lopez" not in text and "mail.example" not in text


def test_a_second_booking_goes_to_the_free_coordinator_with_the_fewest_calls(dana, caller):
    luis = CoordinatorFactory(display_name="Luis")
    ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 4, 9))

    first = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    second = consultation_book(
        starts_at=TUESDAY_10, now=NOW, **{**caller, "email": "ben@mail.example"}
    )

    assert first.coordinator == luis  # Dana already has a call coming up
    assert second.coordinator == dana  # Luis is busy at 10:00 now


def test_a_time_already_taken_is_refused_and_nothing_is_saved(dana, caller):
    ConsultationFactory(coordinator=dana, starts_at=TUESDAY_10)
    before = (Consultation.objects.count(), Lead.objects.count(), Client.objects.count())

    with pytest.raises(SlotTaken, match="just taken"):
        consultation_book(starts_at=TUESDAY_10, now=NOW, **{**caller, "email": "x@mail.example"})

    assert (Consultation.objects.count(), Lead.objects.count(), Client.objects.count()) == before
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    "starts_at",
    [
        pacific(2026, 3, 3, 8, 45),  # before hours
        pacific(2026, 3, 7, 10),  # Saturday
        pacific(2026, 3, 3, 10, 5),  # not on the quarter hour
        pacific(2026, 3, 2, 5),  # in the past
        pacific(2026, 3, 30, 10),  # past the 21-day horizon
    ],
)
def test_a_time_outside_the_rules_is_refused_and_nothing_is_saved(dana, caller, starts_at):
    with pytest.raises(ConsultationError, match=str(SLOT_UNAVAILABLE)):
        consultation_book(starts_at=starts_at, now=NOW, **caller)

    assert nothing_saved()


def test_minimum_notice_refuses_a_time_too_soon_but_staff_on_the_phone_may_book_it(caller):
    CoordinatorFactory(min_notice_hours=4)
    soon = pacific(2026, 3, 2, 11)
    now = pacific(2026, 3, 2, 9)

    with pytest.raises(ConsultationError, match=str(SLOT_UNAVAILABLE)):
        consultation_book(starts_at=soon, now=now, **caller)
    assert nothing_saved()

    staff = StaffUserFactory()
    booked = consultation_book(starts_at=soon, now=now, actor=staff, source="phone", **caller)
    assert booked.booked_by == staff
    assert booked.lead.source == Lead.Source.PHONE


def test_time_off_refuses_bookings_that_day(dana, caller):
    AvailabilityExceptionFactory(coordinator=dana, date=dt.date(2026, 3, 3))

    with pytest.raises(ConsultationError, match=str(SLOT_UNAVAILABLE)):
        consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    assert nothing_saved()


def test_a_video_call_from_outside_california_is_refused_kindly_and_nothing_is_saved(dana, caller):
    with pytest.raises(ConsultationError) as refused:
        consultation_book(
            starts_at=TUESDAY_10, now=NOW, **{**caller, "mode": "video", "state": "NV"}
        )

    assert str(refused.value) == VIDEO_OUTSIDE_CALIFORNIA
    assert nothing_saved()


def test_the_buffer_is_kept_between_two_calls(caller):
    CoordinatorFactory(buffer_minutes=10)
    consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)

    with pytest.raises(SlotTaken):
        consultation_book(
            starts_at=TUESDAY_10 + dt.timedelta(minutes=15),
            now=NOW,
            **{**caller, "email": "b@mail.example"},
        )
    later = consultation_book(
        starts_at=TUESDAY_10 + dt.timedelta(minutes=30),
        now=NOW,
        **{**caller, "email": "b@mail.example"},
    )
    assert later.blocked_until == later.ends_at + dt.timedelta(minutes=10)


def test_rescheduling_frees_the_old_time_and_sends_the_new_time_instead_of_the_old(dana, caller):
    old = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    new_time = pacific(2026, 3, 4, 14, 30)

    new = consultation_reschedule(consultation_id=old.pk, starts_at=new_time, now=NOW)

    old.refresh_from_db()
    assert old.status == Consultation.Status.RESCHEDULED
    assert old.rescheduled_to == new
    assert (new.status, new.starts_at, new.lead_id, new.client_id) == (
        "booked",
        new_time,
        old.lead_id,
        old.client_id,
    )
    old_rows = Notification.objects.filter(object_id=old.pk)
    assert set(old_rows.values_list("status", flat=True)) == {Notification.Status.CANCELLED}
    dispatch_due(now=NOW)
    (email,) = mail.outbox
    assert email.subject == "Your call has moved to Wednesday, March 4 at 2:30 PM PST"
    # The old time is free again for someone else.
    other = consultation_book(
        starts_at=TUESDAY_10, now=NOW, **{**caller, "email": "c@mail.example"}
    )
    assert other.coordinator == dana


def test_rescheduling_a_few_minutes_later_is_allowed_despite_its_own_buffer(caller):
    CoordinatorFactory(buffer_minutes=15)
    old = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)

    new = consultation_reschedule(
        consultation_id=old.pk, starts_at=TUESDAY_10 + dt.timedelta(minutes=15), now=NOW
    )

    assert new.starts_at == TUESDAY_10 + dt.timedelta(minutes=15)


def test_rescheduling_to_a_taken_time_changes_nothing(dana, caller):
    old = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    ConsultationFactory(coordinator=dana, starts_at=pacific(2026, 3, 4, 9))

    with pytest.raises(SlotTaken, match=str(SLOT_TAKEN)):
        consultation_reschedule(consultation_id=old.pk, starts_at=pacific(2026, 3, 4, 9), now=NOW)

    old.refresh_from_db()
    assert old.status == "booked"
    assert Consultation.objects.count() == 2
    old_rows = Notification.objects.filter(object_id=old.pk)
    assert set(old_rows.values_list("status", flat=True)) == {Notification.Status.PENDING}


def test_cancelling_frees_the_time_drops_pending_emails_and_tells_the_client(dana, caller):
    consultation = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)

    consultation_cancel(consultation_id=consultation.pk, now=NOW)
    consultation_cancel(consultation_id=consultation.pk, now=NOW)  # a double submit

    consultation.refresh_from_db()
    assert consultation.status == "cancelled"
    kinds = dict(Notification.objects.values_list("kind", "status"))
    assert kinds == {
        "consultation_confirmation": "cancelled",
        "consultation_reminder": "cancelled",
        "consultation_cancelled": "pending",
    }
    dispatch_due(now=NOW)
    (email,) = mail.outbox
    assert email.subject == "Your call on Tuesday, March 3 at 10:00 AM PST is cancelled"
    assert consultation_book(starts_at=TUESDAY_10, now=NOW, **{**caller, "email": "d@mail.example"})


def test_the_client_cannot_change_a_call_inside_the_window_but_staff_can(dana, caller, settings):
    settings.CONSULTATION_CHANGE_WINDOW_HOURS = 2
    consultation = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    an_hour_before = TUESDAY_10 - dt.timedelta(hours=1)

    with pytest.raises(ConsultationError, match="can't be changed online"):
        consultation_cancel(consultation_id=consultation.pk, now=an_hour_before)
    with pytest.raises(ConsultationError, match="can't be changed online"):
        consultation_reschedule(
            consultation_id=consultation.pk, starts_at=pacific(2026, 3, 4, 9), now=an_hour_before
        )
    consultation.refresh_from_db()
    assert consultation.status == "booked"

    consultation_cancel(consultation_id=consultation.pk, actor=dana.user, now=an_hour_before)
    consultation.refresh_from_db()
    assert consultation.status == "cancelled"


def test_a_cancelled_call_cannot_be_moved(dana, caller):
    consultation = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    consultation_cancel(consultation_id=consultation.pk, now=NOW)

    with pytest.raises(ConsultationError, match=NOT_CHANGEABLE.format(status="cancelled")):
        consultation_reschedule(
            consultation_id=consultation.pk, starts_at=pacific(2026, 3, 4, 9), now=NOW
        )
    assert Consultation.objects.count() == 1


def test_outcomes_are_recorded_only_once_the_call_has_started(dana, caller):
    consultation = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)

    with pytest.raises(ConsultationError, match=NOT_YET_HAPPENED.format(status="completed")):
        consultation_complete(consultation_id=consultation.pk, now=NOW)

    after = TUESDAY_10 + dt.timedelta(minutes=20)
    consultation_no_show(consultation_id=consultation.pk, actor=dana.user, now=after)
    consultation_complete(consultation_id=consultation.pk, actor=dana.user, now=after)  # fixed
    consultation.refresh_from_db()
    assert consultation.status == "completed"
    assert list(consultation.events.values_list("to_status", flat=True)) == [
        "booked",
        "no_show",
        "completed",
    ]
    with pytest.raises(ConsultationError):
        consultation_cancel(consultation_id=consultation.pk, actor=dana.user, now=after)


def test_the_database_refuses_a_second_live_booking_at_the_same_start(dana):
    ConsultationFactory(coordinator=dana, starts_at=TUESDAY_10)

    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationFactory(coordinator=dana, starts_at=TUESDAY_10, client=ClientFactory())


def test_the_database_accepts_a_booking_over_a_cancelled_one(dana):
    ConsultationFactory(coordinator=dana, starts_at=TUESDAY_10, status="cancelled")

    assert ConsultationFactory(coordinator=dana, starts_at=TUESDAY_10)


@pytest.mark.postgres
def test_postgres_refuses_an_overlapping_row_written_around_the_service(dana):
    ConsultationFactory(coordinator=dana, starts_at=TUESDAY_10)  # 10:00-10:15

    with pytest.raises(IntegrityError, match="consultation_no_overlap"), transaction.atomic():
        ConsultationFactory(coordinator=dana, starts_at=TUESDAY_10 + dt.timedelta(minutes=5))
    # Another coordinator at the same time is fine.
    assert ConsultationFactory(starts_at=TUESDAY_10 + dt.timedelta(minutes=5))


@pytest.mark.postgres
def test_postgres_counts_the_stored_buffer_as_part_of_the_booking(dana):
    ConsultationFactory(
        coordinator=dana,
        starts_at=TUESDAY_10,
        blocked_until=TUESDAY_10 + dt.timedelta(minutes=25),
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationFactory(coordinator=dana, starts_at=TUESDAY_10 + dt.timedelta(minutes=15))


def test_the_confirmation_of_a_call_moved_before_sending_is_not_sent(dana, caller):
    old = consultation_book(starts_at=TUESDAY_10, now=NOW, **caller)
    consultation_reschedule(consultation_id=old.pk, starts_at=pacific(2026, 3, 5, 9), now=NOW)

    dispatch_due(now=NOW)

    (email,) = mail.outbox
    assert "Thursday, March 5 at 9:00 AM PST" in email.subject
    message = message_from_bytes(email.message().as_bytes())
    assert message.is_multipart()
