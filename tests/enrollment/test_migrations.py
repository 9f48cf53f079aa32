"""Data migrations of the enrollment app, run against rows made the old way."""

import importlib

import pytest
from django.apps import apps

from tests.factories import CohortFactory, EnrollmentFactory, TherapyGroupFactory

pytestmark = pytest.mark.django_db


def test_places_in_closed_cohorts_stop_storing_a_start_open_groups_keep_theirs():
    migration = importlib.import_module(
        "enrollment.migrations.0005_closed_cohort_places_start_at_first_meeting"
    )
    closed = CohortFactory()
    open_group = CohortFactory(group=TherapyGroupFactory(open_group=True))
    old_place = EnrollmentFactory(cohort=closed, start_session=closed.sessions.first())
    entry = open_group.sessions.filter(is_entry_point=True).last()
    joined = EnrollmentFactory(cohort=open_group, start_session=entry)
    assert old_place.start_session is not None and entry is not None

    migration.clear_closed_starts(apps, schema_editor=None)

    old_place.refresh_from_db()
    joined.refresh_from_db()
    assert old_place.start_session is None
    assert joined.start_session == entry
