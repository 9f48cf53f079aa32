import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from cohorts.models import Cohort, Session
from cohorts.services import (
    COHORT_MOVE_NOT_ALLOWED,
    MOVE_TO_PAST,
    NO_SUCH_WEEK,
    WEEKDAY_MISMATCH,
    cohort_cancelled,
)
from groups_site.timezones import PACIFIC, on_or_after
from tests.cohorts.helpers import take_seats, today
from tests.factories import CohortFactory, TherapistFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:cohorts_cohort_changelist")


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def act(client, action, cohorts, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in cohorts], **extra}
    return client.post(CHANGELIST, data, follow=True)


def listed(client, **query) -> list[str]:
    response = client.get(CHANGELIST, query)
    return sorted(c.group.name for c in response.context["cl"].result_list)


def messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_cohort_list_shows_seats_taken_and_the_first_session_in_pacific_time(staff):
    cohort = CohortFactory(
        first_session_date=on_or_after(today() + dt.timedelta(days=9), 3),
        start_time=dt.time(18, 0),
        capacity=8,
    )
    take_seats(cohort, 3)

    html = staff.get(CHANGELIST).content.decode()

    assert "3 / 8" in html
    assert cohort.first_session_date.strftime("%a, %b %-d, %Y") in html
    assert "Thursdays 6:00 PM" in html
    assert "Published" in html


def test_the_cohort_list_searches_and_filters(staff):
    CohortFactory(group__name="Steady Ground")
    CohortFactory(group__name="Room to Breathe", draft=True)

    assert listed(staff, q="steady") == ["Steady Ground"]
    assert listed(staff, status__exact="draft") == ["Room to Breathe"]
    assert listed(staff, group__focus__exact="mixed") == ["Room to Breathe", "Steady Ground"]


def test_publishing_from_admin_lays_out_the_sessions(staff):
    draft = CohortFactory(draft=True, sessions=False, session_count=6)

    response = act(staff, "publish", [draft])

    draft.refresh_from_db()
    assert draft.status == Cohort.Status.PUBLISHED
    assert draft.sessions.count() == 6
    assert "Published 1 cohort." in messages(response)


def test_a_refused_publish_is_a_message_not_an_error_page(staff):
    cancelled = CohortFactory(cancelled=True)

    response = act(staff, "publish", [cancelled])

    assert response.status_code == 200
    expected = COHORT_MOVE_NOT_ALLOWED.format(from_="cancelled", to="published")
    assert f"{cancelled}: {expected}" in messages(response)
    cancelled.refresh_from_db()
    assert cancelled.status == Cohort.Status.CANCELLED


def test_cancelling_asks_first_then_cancels_and_tells_the_enrollment_app(staff):
    cohort = CohortFactory()
    heard = []

    def receiver(sender, cohort, now, **kwargs):
        heard.append(cohort.pk)

    cohort_cancelled.connect(receiver)
    try:
        first = act(staff, "cancel", [cohort])
        cohort.refresh_from_db()
        assert cohort.status == Cohort.Status.PUBLISHED
        assert "Cancel these cohorts?" in first.content.decode()

        second = act(staff, "cancel", [cohort], confirm="yes")
    finally:
        cohort_cancelled.disconnect(receiver)

    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.CANCELLED
    assert heard == [cohort.pk]
    assert "Cancelled 1 cohort." in messages(second)


def test_skip_week_action_asks_for_the_day_and_adds_a_week_at_the_end(staff):
    cohort = CohortFactory(session_count=4)
    last_before = cohort.sessions.order_by("-scheduled_date").first().scheduled_date
    holiday = cohort.sessions.all()[1].scheduled_date

    asked = act(staff, "skip_week", [cohort])
    assert 'name="day"' in asked.content.decode()

    done = act(staff, "skip_week", [cohort], day=holiday.isoformat())

    assert cohort.sessions.get(scheduled_date=holiday).status == Session.Status.SKIPPED
    held = cohort.sessions.filter(status=Session.Status.SCHEDULED)
    assert held.count() == 4
    assert held.order_by("-scheduled_date").first().scheduled_date == last_before + dt.timedelta(
        weeks=1
    )
    assert any("Skipped the week of" in m and "1 cohort" in m for m in messages(done))


def test_skipping_a_week_without_a_meeting_reports_why(staff):
    cohort = CohortFactory(session_count=2)
    far = cohort.first_session_date + dt.timedelta(weeks=20)

    response = act(staff, "skip_week", [cohort], day=far.isoformat())

    expected = NO_SUCH_WEEK.format(day=far.strftime("%b %-d, %Y"))
    assert f"{cohort}: {expected}" in messages(response)


def test_the_skip_this_week_page_shows_a_refusal_on_the_form(staff):
    cohort = CohortFactory(session_count=2)
    url = reverse("admin:cohorts_cohort_skip_week", args=[cohort.pk])
    far = cohort.first_session_date + dt.timedelta(weeks=20)

    response = staff.post(url, {"day": far.isoformat()})

    assert response.status_code == 200
    assert NO_SUCH_WEEK.format(day=far.strftime("%b %-d, %Y")) in response.content.decode()
    assert not cohort.sessions.filter(status=Session.Status.SKIPPED).exists()


def test_the_skip_this_week_link_on_a_session_skips_that_week(staff):
    cohort = CohortFactory(session_count=3)
    second = cohort.sessions.all()[1]
    change = staff.get(reverse("admin:cohorts_cohort_change", args=[cohort.pk])).content.decode()
    url = reverse("admin:cohorts_cohort_skip_week", args=[cohort.pk])
    assert f"{url}?day={second.scheduled_date.isoformat()}" in change

    response = staff.post(url, {"day": second.scheduled_date.isoformat()}, follow=True)

    second.refresh_from_db()
    assert second.status == Session.Status.SKIPPED
    assert any("a week was added at the end" in m for m in messages(response))


def test_moving_a_meeting_from_admin(staff):
    cohort = CohortFactory(session_count=3)
    session = cohort.sessions.all()[1]
    url = reverse("admin:cohorts_cohort_move_session", args=[cohort.pk])
    new_day = session.scheduled_date + dt.timedelta(days=1)

    response = staff.post(
        url,
        {"session": session.pk, "new_date": new_day.isoformat(), "new_time": "17:15"},
        follow=True,
    )

    session.refresh_from_db()
    assert session.is_moved
    assert session.starts_at == dt.datetime.combine(new_day, dt.time(17, 15), tzinfo=PACIFIC)
    assert any("Meeting moved to" in m for m in messages(response))


def test_moving_a_meeting_into_the_past_is_refused_on_the_form(staff):
    cohort = CohortFactory(session_count=3)
    session = cohort.sessions.all()[1]
    url = reverse("admin:cohorts_cohort_move_session", args=[cohort.pk])

    response = staff.post(
        url, {"session": session.pk, "new_date": "2020-01-06", "new_time": "18:00"}
    )

    assert response.status_code == 200
    assert MOVE_TO_PAST in response.content.decode()
    session.refresh_from_db()
    assert not session.is_moved


def test_changing_the_start_time_in_admin_moves_the_future_sessions(staff):
    cohort = CohortFactory(session_count=3, start_time=dt.time(18, 30))
    url = reverse("admin:cohorts_cohort_change", args=[cohort.pk])
    data = _form_data(cohort, start_time="19:00")

    response = staff.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    times = {s.starts_at.astimezone(PACIFIC).time() for s in cohort.sessions.all()}
    assert times == {dt.time(19, 0)}


def test_a_first_date_on_the_wrong_weekday_is_a_form_error_and_nothing_is_saved(staff):
    cohort = CohortFactory(session_count=3)
    url = reverse("admin:cohorts_cohort_change", args=[cohort.pk])
    wrong = cohort.first_session_date + dt.timedelta(days=1)

    response = staff.post(url, _form_data(cohort, first_session_date=wrong.isoformat()))

    assert response.status_code == 200
    expected = WEEKDAY_MISMATCH.format(
        actual=wrong.strftime("%A"), expected=cohort.get_weekday_display()
    )
    assert expected in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.first_session_date != wrong


def test_a_change_that_would_drop_a_past_meeting_is_a_form_error(staff):
    cohort = CohortFactory(first_session_date=today() - dt.timedelta(days=14), session_count=4)
    url = reverse("admin:cohorts_cohort_change", args=[cohort.pk])
    later = cohort.first_session_date + dt.timedelta(weeks=3)

    response = staff.post(url, _form_data(cohort, first_session_date=later.isoformat()))

    assert response.status_code == 200
    assert "already took place" in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.first_session_date == today() - dt.timedelta(days=14)
    assert cohort.sessions.count() == 4


def test_adding_a_cohort_fills_the_weekday_and_lays_out_draft_sessions(staff):
    template = CohortFactory(sessions=False)
    first = on_or_after(today() + dt.timedelta(days=30), 2)
    data = _form_data(template, first_session_date=first.isoformat(), weekday="")

    response = staff.post(reverse("admin:cohorts_cohort_add"), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    added = Cohort.objects.exclude(pk=template.pk).get()
    assert added.status == Cohort.Status.DRAFT
    assert added.weekday == 2
    assert added.sessions.count() == template.session_count


def test_a_therapist_without_coordinator_rights_is_kept_out_of_the_cohort_admin(client):
    mine = TherapistFactory()
    CohortFactory(lead_therapist=mine, group__name="My group")
    client.force_login(mine.user)

    # Their cohorts are on the therapist portal (roster.middleware.TherapistsOutOfAdmin).
    assert client.get("/staff/cohorts/cohort/").status_code == 403


def _form_data(cohort, **changes):
    data = {
        "group": cohort.group_id,
        "lead_therapist": cohort.lead_therapist_id,
        "co_therapist": cohort.co_therapist_id or "",
        "first_session_date": cohort.first_session_date.isoformat(),
        "weekday": cohort.weekday,
        "start_time": cohort.start_time.strftime("%H:%M"),
        "session_count": cohort.session_count,
        "entry_interval_weeks": cohort.entry_interval_weeks,
        "capacity": cohort.capacity,
        "min_to_run": cohort.min_to_run,
        "enrollment_deadline_0": "",
        "enrollment_deadline_1": "",
        "fee_text": cohort.fee_text,
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "0",
    }
    data.update(changes)
    return data
