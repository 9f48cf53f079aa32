"""No input gives a 5xx: property-based tests (hypothesis) over every public form, every
query string and path id, and the staff sign-in.

Each payload starts from a valid one; any field may be replaced by hostile values (unicode,
NUL bytes, huge numbers and strings, dates at the ends of the calendar, SQL and markup),
left out, or repeated. Every answer must be below 500, and a refused form saves nothing.
The cache is cleared before each example, so a cached page never hides an error, and
throttles are switched off, so a 429 never stands in for the real answer.
"""

from __future__ import annotations

import datetime as dt
import os
import string

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clients.models import Client, Lead
from consultations.links import manage_token as call_token
from consultations.models import Consultation
from consultations.selectors import slot_days
from enrollment.links import manage_token as place_token
from enrollment.models import Enrollment
from notifications.models import Notification
from tests.enrollment.helpers import form_data as signup_form_data
from tests.factories import (
    CohortFactory,
    ConsultationFactory,
    CoordinatorFactory,
    EnrollmentFactory,
    OfficeFactory,
    TherapistFactory,
    TherapyGroupFactory,
)

pytestmark = [pytest.mark.django_db]

# At least 500 per endpoint; PROPERTY_EXAMPLES may raise it for a deeper run.
EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "500"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ufeff",
    "\u202e",
    "\U0001f600",
    "on",
    "yes",
    "no",
    "true",
    "-1",
    "0",
    "1e309",
    "NaN",
    "9" * 40,
    "2026-02-30",
    "2026-13-01",
    "0001-01-01",
    "9999-12-31",
    "00010101T0000Z",
    "99991231T2345Z",
    "20261101T0830Z",
    "20261101T0930Z",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "a@b",
    '"q"@x.example',
    "MTI:1xYs6q:NC9CclSvSchiqePERlQplbeI0-ObY9icH99BeGC7rq8",
    "x" * 10_000,
]
HOSTILE = st.one_of(
    st.text(max_size=80),
    st.sampled_from(NASTY),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(str),
    st.datetimes().map(lambda d: d.strftime("%Y%m%dT%H%MZ")),
)


def payloads(valid: dict[str, str], extra: tuple[str, ...] = ()):
    """A valid payload with any field kept, replaced by 0-3 hostile values, or dropped."""
    names = [*valid, *extra]
    return st.fixed_dictionaries(
        {},
        optional={
            name: st.one_of(st.just([valid.get(name, "")]), st.lists(HOSTILE, max_size=3))
            for name in names
        },
    )


COUNTED = (Client, Lead, Enrollment, Consultation, Notification)


def counts() -> tuple[int, ...]:
    """Rows of everything a form could save, in one round trip (it runs for every example)."""
    tables = [connection.ops.quote_name(m._meta.db_table) for m in COUNTED]
    # Table names from the models' own metadata, quoted: nothing from outside reaches it.
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {t})" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


@pytest.fixture
def browser(settings):
    settings.THROTTLE_ENABLED = False  # a throttle must not hide the real answer
    settings.AXES_ENABLED = False
    return HttpClient()


@pytest.fixture
def fast_hashing(settings):
    # A sign-in hashes the password even for an unknown user; the real hasher's 1,000,000
    # rounds would make 1,000 tries take minutes and test nothing more.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """Something for every path and filter to find."""
    office = OfficeFactory()
    group = TherapyGroupFactory(in_person=True, office=office)
    cohort = CohortFactory(group=group, capacity=3)
    online = CohortFactory(capacity=2)
    therapist = TherapistFactory()
    coordinator = CoordinatorFactory()
    place = EnrollmentFactory(cohort=cohort)
    roomy = CohortFactory(group=group, capacity=12)
    call = ConsultationFactory(
        coordinator=coordinator, starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=5)
    )
    # A time really free now, so a payload can be accepted and the save path is fuzzed too.
    days = slot_days(now=timezone.now())
    assert days, "the world's coordinator has no free time"
    return {
        "slot": days[-1].slots[-1].value,
        "office": office,
        "group": group,
        "cohort": cohort,
        "online": online,
        "therapist": therapist,
        "place": place,
        "roomy": roomy,
        "call": call,
    }


def fresh():
    cache.clear()


def assert_answered(response) -> None:
    assert response.status_code < 500, response.status_code


def post_refusal_saves_nothing(browser, url: str, data: dict) -> None:
    fresh()
    before = counts()
    response = browser.post(url, data)
    assert_answered(response)
    if response.status_code not in (301, 302, 303):
        assert counts() == before, f"a refusal ({response.status_code}) saved something"


# --- public forms -------------------------------------------------------------------------

GET_STARTED = {
    "first_name": "Ana",
    "last_name": "Rivera",
    "email": "ana@mail.example",
    "phone": "951-555-0101",
    "preferred_contact": "email",
    "state": "CA",
    "city": "Riverside",
    "preferred_times": "evenings",
    "interest": "group",
    "interested_group": "",
    "message": "Hello",
    "heard_about": "",
    "crisis": "no",
}


@PROPERTY
@given(data=payloads(GET_STARTED))
def test_the_intake_form_never_errors_and_a_refusal_saves_nothing(browser, world, data):
    post_refusal_saves_nothing(browser, reverse("clients:get_started"), data)


@PROPERTY
@given(data=st.data())
def test_the_group_sign_up_never_errors_and_a_refusal_saves_nothing(browser, world, data):
    cohort = data.draw(st.sampled_from([world["cohort"], world["online"]]))
    payload = data.draw(payloads(signup_form_data(cohort)))
    post_refusal_saves_nothing(browser, reverse("enrollment:signup", args=[cohort.pk]), payload)


BOOKING = {
    "first_name": "Ana",
    "last_name": "Rivera",
    "email": "ana@mail.example",
    "phone": "951-555-0101",
    "state": "CA",
    "slot": "20260303T1800Z",
    "mode": "phone",
    "interest": "couples",
    "note": "",
}


@PROPERTY
@given(data=st.data())
def test_the_consultation_booking_never_errors_and_a_refusal_saves_nothing(browser, world, data):
    payload = data.draw(payloads({**BOOKING, "slot": world["slot"]}, extra=("from",)))
    post_refusal_saves_nothing(browser, reverse("consultations:book"), payload)


def test_the_booking_the_property_tests_start_from_is_accepted(browser, world):
    response = browser.post(reverse("consultations:book"), {**BOOKING, "slot": world["slot"]})

    assert response.status_code == 302
    assert Consultation.objects.filter(client__email="ana@mail.example").exists()


@PROPERTY
@given(data=st.data())
def test_moving_a_call_never_errors_and_a_refusal_saves_nothing(browser, world, data):
    payload = data.draw(payloads({"slot": world["slot"]}, extra=("from",)))
    token = call_token(world["call"].pk)
    post_refusal_saves_nothing(browser, reverse("consultations:reschedule", args=[token]), payload)


@PROPERTY
@given(query=payloads({"from": "2026-03-09"}, extra=("slot",)))
def test_paging_the_times_to_move_a_call_to_never_errors(browser, world, query):
    fresh()
    token = call_token(world["call"].pk)
    assert_answered(browser.get(reverse("consultations:reschedule", args=[token]), query))


@PROPERTY
@given(data=payloads({"confirm": "yes"}, extra=("action",)))
def test_cancelling_a_call_never_errors(browser, world, data):
    fresh()
    token = call_token(world["call"].pk)
    assert_answered(browser.post(reverse("consultations:cancel", args=[token]), data))


@PROPERTY
@given(data=payloads({"action": "withdraw", "confirm": "yes"}))
def test_the_my_enrollment_buttons_never_error_and_unknown_actions_change_nothing(
    browser, world, data
):
    fresh()
    place = world["place"]
    before = Enrollment.objects.get(pk=place.pk).status
    response = browser.post(reverse("enrollment:mine", args=[place_token(place.pk)]), data)
    assert_answered(response)
    if data.get("action") not in (["withdraw"], ["accept"], ["decline"]):
        assert Enrollment.objects.get(pk=place.pk).status == before


@PROPERTY
@given(data=payloads({"state": "CA", "crisis": "no", "agree": "on", "agreement_version": "1"}))
def test_confirming_a_staff_placement_never_errors_and_a_refusal_saves_nothing(
    browser, world, data
):
    fresh()
    placed = EnrollmentFactory(placed=True, cohort=world["roomy"])
    before = counts()
    response = browser.post(reverse("enrollment:confirm", args=[place_token(placed.pk)]), data)
    assert_answered(response)
    if Enrollment.objects.get(pk=placed.pk).status == Enrollment.Status.PLACED:
        assert counts() == before, f"a refusal ({response.status_code}) saved something"
    placed.delete()


@PROPERTY
@given(
    data=payloads(
        {"action": "emergency_contact", "name": "Rosa", "relationship": "Sister", "phone": "1"}
    )
)
def test_the_emergency_contact_form_never_errors(browser, world, data):
    fresh()
    token = place_token(world["place"].pk)
    assert_answered(browser.post(reverse("enrollment:mine", args=[token]), data))


@PROPERTY
@given(data=payloads({"email": "ana@mail.example"}))
def test_send_my_link_again_never_errors(browser, world, data):
    fresh()
    assert_answered(browser.post(reverse("consultations:resend"), data))


@PROPERTY
@given(data=payloads({"username": "coordinator", "password": "wrong"}, extra=("next",)))
def test_the_staff_sign_in_pages_never_error(browser, world, fast_hashing, data):
    fresh()
    assert_answered(browser.post(reverse("login"), data))
    assert_answered(browser.post(reverse("admin:login"), data))


# --- query strings and path ids -----------------------------------------------------------

CATALOGUE = {
    "focus": "men",
    "format": "online",
    "office": "",
    "weekday": "1",
    "time_of_day": "evening",
    "month": "2026-12",
    "open_seats": "on",
}


@PROPERTY
@given(query=payloads(CATALOGUE, extra=("page", "q")))
def test_catalogue_filters_never_error(browser, world, query):
    fresh()
    assert_answered(browser.get(reverse("cohorts:catalogue"), query))


@PROPERTY
@given(query=payloads({"from": "2026-03-06"}, extra=("slot", "date")))
def test_the_slot_picker_query_never_errors(browser, world, query):
    fresh()
    assert_answered(browser.get(reverse("consultations:book"), query))


SEGMENT = st.one_of(
    st.text(alphabet=string.ascii_letters + string.digits + "-_:.", min_size=1, max_size=120),
    st.text(min_size=1, max_size=40).filter(lambda s: "/" not in s and "?" not in s),
    st.sampled_from([s for s in NASTY if s and "/" not in s and "?" not in s]),
    st.integers(min_value=0, max_value=10**30).map(str),
)
PATHS = [
    "/groups/{}/",
    "/therapists/{}/",
    "/enroll/{}/",
    "/enroll/{}/thanks/",
    "/enroll/mine/{}/",
    "/enroll/mine/{}/calendar.ics",
    "/consultation/c/{}/",
    "/consultation/c/{}/calendar.ics",
    "/consultation/c/{}/reschedule/",
    "/consultation/c/{}/cancel/",
    "/enroll/confirm/{}/",
    "/portal/feed/{}.ics",
]


@PROPERTY
@given(template=st.sampled_from(PATHS), segment=SEGMENT)
def test_page_ids_slugs_and_tokens_never_error(browser, world, template, segment):
    fresh()
    assert_answered(browser.get(template.format(segment)))


@PROPERTY
@given(template=st.sampled_from(PATHS[4:]), segment=SEGMENT, tail=st.sampled_from(["", "x", "=="]))
def test_mangled_real_tokens_never_error(browser, world, template, segment, tail):
    fresh()
    real = place_token(world["place"].pk) if "enroll" in template else call_token(world["call"].pk)
    mangled = real[: len(segment) % len(real)] + tail
    assert_answered(browser.get(template.format(mangled or "x")))


@PROPERTY
@given(query=payloads({"date": "2026-03-03"}, extra=("o", "p", "q", "qk", "e")))
def test_the_coordinators_day_view_and_lists_never_error(browser, world, coordinator, query):
    fresh()
    browser.force_login(coordinator)
    assert_answered(browser.get(reverse("admin:consultations_consultation_day"), query))
    assert_answered(browser.get(reverse("admin:clients_client_changelist"), query))
