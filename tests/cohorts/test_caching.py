import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cohorts.caching import public_pages_changed
from cohorts.models import Cohort
from enrollment.models import Enrollment
from tests.cohorts.helpers import take_seats
from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db

CATALOGUE = reverse("cohorts:catalogue")


@pytest.fixture
def cohort(db):
    return CohortFactory(capacity=5, group__name="Calm Conversations")


def text(client, url=CATALOGUE) -> str:
    return client.get(url).content.decode()


def test_anonymous_visitors_get_the_cached_page_until_something_changes(client, cohort):
    assert "5 seats left" in text(client)
    # A write that bypasses model signals is not seen: the page came from the cache.
    Cohort.objects.filter(pk=cohort.pk).update(capacity=9)

    assert "5 seats left" in text(client)
    public_pages_changed()
    assert "9 seats left" in text(client)


def test_a_new_enrollment_shows_up_once_it_commits(
    client, cohort, django_capture_on_commit_callbacks
):
    detail = cohort.group.get_absolute_url()
    assert "5 seats left" in text(client) and "5 seats left" in text(client, detail)

    with django_capture_on_commit_callbacks(execute=False) as pending:
        take_seats(cohort, 1)
    # Until the sign-up commits, other visitors are right to see the committed count.
    assert "5 seats left" in text(client)
    for callback in pending:
        callback()

    assert "4 seats left" in text(client)
    assert "4 seats left" in text(client, detail)


def test_a_withdrawal_frees_the_seat_on_the_page(
    client, cohort, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        take_seats(cohort, 1)
    assert "4 seats left" in text(client)

    enrollment = Enrollment.objects.get(cohort=cohort)
    enrollment.status = Enrollment.Status.WITHDRAWN
    with django_capture_on_commit_callbacks(execute=True):
        enrollment.save()

    assert "5 seats left" in text(client)


def test_editing_a_cohort_or_its_group_shows_up_once_it_commits(
    client, cohort, django_capture_on_commit_callbacks
):
    assert "Calm Conversations" in text(client)

    cohort.group.name = "Calmer Conversations"
    with django_capture_on_commit_callbacks(execute=True):
        cohort.group.save()
    assert "Calmer Conversations" in text(client)

    cohort.status = Cohort.Status.CANCELLED
    with django_capture_on_commit_callbacks(execute=True):
        cohort.save()
    assert "Calmer Conversations" not in text(client)


def test_filter_querystrings_are_cached_separately(client, cohort):
    assert "Calm Conversations" in text(client, CATALOGUE + "?format=online")
    assert "Calm Conversations" not in text(client, CATALOGUE + "?format=in_person")
    assert "Calm Conversations" in text(client, CATALOGUE + "?format=online")


def test_a_cached_page_is_at_most_a_minute_old(client, cohort, settings):
    assert settings.PUBLIC_CACHE_SECONDS == 60
    # The in-process cache reads the (travelled) clock; a Redis server keeps its own time.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False) as clock:
        assert "5 seats left" in text(client)
        Cohort.objects.filter(pk=cohort.pk).update(capacity=7)
        clock.shift(59)
        assert "5 seats left" in text(client)
        clock.shift(2)
        assert "7 seats left" in text(client)


def test_staff_always_see_the_live_page(client, cohort, coordinator):
    assert "5 seats left" in text(client)
    Cohort.objects.filter(pk=cohort.pk).update(capacity=6)

    client.force_login(coordinator)

    assert "6 seats left" in text(client)


def test_cached_pages_carry_no_csrf_token_and_set_no_cookie(client, cohort):
    for url in ("/", CATALOGUE, cohort.group.get_absolute_url()):
        first, second = client.get(url), client.get(url)
        for response in (first, second):
            assert b"csrfmiddlewaretoken" not in response.content
            assert not response.cookies
        assert first.content == second.content


def test_the_page_still_renders_when_the_cache_is_down(client, cohort, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache server unreachable")

    monkeypatch.setattr(cache, "get", broken)

    response = client.get(CATALOGUE)

    assert response.status_code == 200
    assert "5 seats left" in response.content.decode()
