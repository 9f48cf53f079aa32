import re

import pytest
from django.conf import settings
from django.utils import timezone

from cohorts.services import cohort_cancel
from enrollment import services
from enrollment.links import manage_url

from .helpers import fill, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def still_clock(time_machine):
    """A signed link carries the second it was made: the email's link and the one a test
    makes to compare must be made in the same second, however slow the machine."""
    time_machine.move_to(timezone.now(), tick=False)


# Words that would tell someone reading over a shoulder what this email is about.
CLINICAL = re.compile(
    r"therap|counsel|mental|anxiety|depress|trauma|crisis|suicid|diagnos|clinic", re.I
)


def one_email_to(sent, address):
    mine = [m for m in sent if m.to == [address]]
    assert len(mine) == 1, [m.subject for m in mine]
    return mine[0]


def assert_discreet(message, cohort):
    html = message.alternatives[0][0] if message.alternatives else ""
    for part in (message.subject, message.body, html):
        # The practice's own name ("... Counseling") is the one allowed exception.
        assert not CLINICAL.search(part.replace(settings.PRACTICE_NAME, "")), part
        assert cohort.group.name not in part
        assert cohort.group.topic not in part
        assert "Rivera" not in part  # first name only
    assert settings.PRACTICE_NAME in message.subject
    assert html, "every email has an HTML part"
    for link in re.findall(r"https?://[^\s\"<]+", message.body + html):
        assert link.startswith(settings.SITE_URL)


def test_the_received_email_is_discreet_and_links_to_my_enrollment(cohort, send_due):
    enrollment = sign_up(cohort).enrollment

    message = one_email_to(send_due(), "ana.rivera@mail.example")

    assert message.subject == f"Your request at {settings.PRACTICE_NAME}"
    assert message.body.startswith("Hi Ana,")
    assert manage_url(enrollment.pk) in message.body
    assert "holding a seat" in message.body
    assert_discreet(message, cohort)


def test_the_received_email_uses_the_preferred_name(cohort, send_due):
    sign_up(cohort, preferred_name="Annie")

    message = one_email_to(send_due(), "ana.rivera@mail.example")

    assert message.body.startswith("Hi Annie,")


def test_the_waitlist_email_says_so_plainly_and_has_a_way_out(cohort, send_due):
    fill(cohort, 3)
    enrollment = sign_up(cohort, email="late@mail.example", last_name="Rivera").enrollment

    message = one_email_to(send_due(), "late@mail.example")

    assert "you are on the waitlist" in message.body
    assert "I am no longer interested" in message.body
    assert f"{manage_url(enrollment.pk)}#leave" in message.body
    assert "I am no longer interested" in message.alternatives[0][0]
    assert_discreet(message, cohort)


def test_the_offer_email_gives_the_deadline_and_a_way_out(cohort, send_due):
    members = fill(cohort, 3)
    sign_up(cohort, email="late@mail.example")
    send_due()
    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk)

    offers = [m for m in send_due() if m.subject.startswith("A seat is free")]
    message = one_email_to(offers, "late@mail.example")

    assert "A seat is free for you" in message.subject
    assert "We are keeping the seat for you until" in message.body
    assert re.search(r"(PST|PDT)", message.body)
    assert "I am no longer interested" in message.body
    assert_discreet(message, cohort)


def test_the_enrolled_email_carries_the_calendar_file(cohort, coordinator, send_due):
    enrollment = sign_up(cohort).enrollment
    send_due()
    services.enrollment_enroll(enrollment_id=enrollment.pk, actor=coordinator)

    message = send_due()[-1]

    assert "confirmed" in message.subject
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    content = content.decode() if isinstance(content, bytes) else content
    assert "BEGIN:VTIMEZONE" in content and "TZID:America/Los_Angeles" in content
    assert "STATUS:CONFIRMED" in content
    # Calendars are shared and synced: the link that can withdraw the member stays out.
    assert manage_url(enrollment.pk).split("//", 1)[1] not in content.replace("\r\n ", "")
    assert_discreet(message, cohort)


def test_the_withdrawn_and_declined_emails_are_discreet(cohort, coordinator, send_due):
    leaving = sign_up(cohort, email="leaving@mail.example").enrollment
    declined = sign_up(cohort, email="declined@mail.example").enrollment
    services.enrollment_withdraw(enrollment_id=leaving.pk)
    services.enrollment_decline(
        enrollment_id=declined.pk, reason="Better suited to couples work", actor=coordinator
    )

    sent = send_due()
    withdrawn = [m for m in sent if m.to == ["leaving@mail.example"]][-1]
    no = [m for m in sent if m.to == ["declined@mail.example"]][-1]

    assert "taken you off the list" in withdrawn.body
    assert "right fit" in no.body and "couples" not in no.body
    assert_discreet(withdrawn, cohort)
    assert_discreet(no, cohort)


def test_the_cancellation_email_is_discreet(cohort, send_due):
    sign_up(cohort)
    cohort_cancel(cohort_id=cohort.pk)

    message = [m for m in send_due() if "will not go ahead" in m.body][0]

    assert "We do not have another date for it yet" in message.body
    assert_discreet(message, cohort)


def test_a_cancelled_couples_cohort_offers_the_next_as_full_when_one_odd_seat_is_left(send_due):
    import datetime as dt

    from tests.couples import couple_in, partner_stayed_alone
    from tests.factories import CouplesCohortFactory

    cancelled = CouplesCohortFactory(capacity=4)
    following = CouplesCohortFactory(
        group=cancelled.group,
        capacity=4,
        first_session_date=cancelled.first_session_date + dt.timedelta(days=14),
    )
    couple_in(following, enrolled=True)
    partner_stayed_alone(following)  # 3 of 4 seats: no place for a couple
    signer = couple_in(cancelled, enrolled=True)[0]
    cohort_cancel(cohort_id=cancelled.pk)

    message = one_email_to(send_due(), signer.client.email)

    assert "The next one meets" in message.body
    assert "It is full right now, but you can join its waitlist." in message.body


def test_an_offer_taken_up_before_its_email_goes_out_is_not_sent(cohort, send_due):
    members = fill(cohort, 3)
    waiting = sign_up(cohort, email="late@mail.example").enrollment
    send_due()
    services.enrollment_withdraw(enrollment_id=members[0].enrollment.pk)
    services.offer_accept(enrollment_id=waiting.pk)

    later = send_due()

    assert not [m for m in later if "A seat is free" in m.subject]
