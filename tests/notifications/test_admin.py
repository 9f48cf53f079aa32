import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.admin import CANCELLED, RETRIED, RETRY_SKIPPED, STUCK_LABEL, TEST_SCHEDULED
from notifications.models import Notification
from tests.factories import ClientFactory, NotificationFactory

pytestmark = pytest.mark.django_db

S = Notification.Status
LIST = reverse("admin:notifications_notification_changelist")
SEND_TEST = reverse("admin:notifications_notification_send_test")


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def test_the_list_shows_kind_masked_recipient_pacific_due_time_status_and_error(staff):
    NotificationFactory(
        kind="staff_test_email",
        to_email="ana.lopez@mail.example",
        due_at=dt.datetime(2026, 12, 1, 17, 0, tzinfo=dt.UTC),
        failed=True,
    )

    page = staff.get(LIST).content.decode()

    assert "staff test email" in page
    assert "a***@mail.example" in page
    assert "ana.lopez" not in page
    assert "Tue Dec 1, 2026 9:00 AM PST" in page
    assert "Failed" in page
    assert "421 try again later" in page


def test_the_list_does_not_query_per_row(staff, django_assert_max_num_queries):
    client = ClientFactory()
    for n in range(30):
        NotificationFactory(related=client, key=f"row:{n}")

    with django_assert_max_num_queries(12):
        response = staff.get(LIST)

    assert response.status_code == 200


def test_the_stuck_filter_lists_only_rows_sending_for_too_long(staff):
    NotificationFactory(stuck=True, to_email="stuck@mail.example")
    NotificationFactory(
        status=S.SENDING, claimed_at=timezone.now(), to_email="in-flight@mail.example"
    )
    NotificationFactory(to_email="pending@mail.example")

    page = staff.get(LIST, {"stuck": "yes"}).content.decode()

    assert STUCK_LABEL in page
    assert "s***@mail.example" in page
    assert "i***@mail.example" not in page
    assert "p***@mail.example" not in page


def test_the_retry_action_sends_failed_rows_again_and_says_what_it_skipped(staff):
    failed = NotificationFactory(failed=True)
    sent = NotificationFactory(sent=True)

    response = staff.post(
        LIST, {"action": "retry", "_selected_action": [failed.pk, sent.pk]}, follow=True
    )

    page = response.content.decode()
    assert RETRIED.format(count=1) in page
    assert RETRY_SKIPPED.format(count=1) in page
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (S.PENDING, 0)
    assert Notification.objects.get(pk=sent.pk).status == S.SENT


def test_the_cancel_action_cancels_and_records_who_did_it(staff):
    row = NotificationFactory()

    response = staff.post(LIST, {"action": "cancel", "_selected_action": [row.pk]}, follow=True)

    assert CANCELLED.format(count=1) in response.content.decode()
    row.refresh_from_db()
    assert row.status == S.CANCELLED
    assert row.last_error == "Cancelled by staff (coordinator)."


def test_a_row_opens_read_only_with_no_delete(staff):
    row = NotificationFactory()

    page = staff.get(reverse("admin:notifications_notification_change", args=[row.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="to_email"' not in html
    assert 'name="_save"' not in html
    assert "deletelink" not in html


def test_staff_send_a_test_email_from_admin(staff, coordinator):
    page = staff.get(LIST).content.decode()
    assert "Send a test email" in page

    form = staff.get(SEND_TEST)
    assert f'value="{coordinator.email}"' in form.content.decode()

    response = staff.post(SEND_TEST, {"email": "dana@practice.example"}, follow=True)

    assert TEST_SCHEDULED.format(email="dana@practice.example") in response.content.decode()
    row = Notification.objects.get()
    assert (row.kind, row.to_email, row.status) == (
        "staff_test_email",
        "dana@practice.example",
        S.PENDING,
    )


def test_a_mistyped_test_address_is_explained_and_nothing_is_scheduled(staff):
    response = staff.post(SEND_TEST, {"email": "dana@"})

    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not Notification.objects.exists()


def test_a_therapist_cannot_send_test_emails(client, therapist):
    client.force_login(therapist.user)

    assert client.get(SEND_TEST).status_code == 403
    assert client.post(SEND_TEST, {"email": "x@mail.example"}).status_code == 403
    assert not Notification.objects.exists()


def test_of_the_rows_a_crash_left_stuck_only_the_first_of_each_claim_may_have_gone_out(staff):
    claimed = timezone.now() - dt.timedelta(hours=1)
    due = timezone.now() - dt.timedelta(hours=2)
    on_the_wire = NotificationFactory(
        stuck=True, claimed_at=claimed, due_at=due, to_email="w@x.example"
    )
    never_tried = [
        NotificationFactory(stuck=True, claimed_at=claimed, due_at=due, to_email=f"n{i}@x.example")
        for i in range(2)
    ]
    other_claim = NotificationFactory(
        stuck=True, claimed_at=claimed + dt.timedelta(seconds=3), to_email="o@x.example"
    )

    hints = dict(Notification.objects.with_crash_hint().values_list("pk", "maybe_sent"))
    assert hints == {
        on_the_wire.pk: True,
        never_tried[0].pk: False,
        never_tried[1].pk: False,
        other_claim.pk: True,
    }

    safe = staff.get(LIST, {"stuck": "never_tried"}).content.decode()
    assert "n***@x.example" in safe
    assert "w***@x.example" not in safe
    assert "o***@x.example" not in safe
    assert "Stuck: never tried" in safe

    check = staff.get(LIST, {"stuck": "maybe_sent"}).content.decode()
    assert "w***@x.example" in check
    assert "o***@x.example" in check
    assert "n***@x.example" not in check
    assert "Stuck: may have gone out" in check
