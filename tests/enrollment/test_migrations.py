"""Data migrations of the enrollment app, run against rows made the old way."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import CohortFactory, EnrollmentFactory, TherapyGroupFactory

pytestmark = pytest.mark.django_db


MIGRATION = "0005_closed_cohort_places_start_at_first_meeting"


def test_places_in_closed_cohorts_stop_storing_a_start_open_groups_keep_theirs():
    migration = importlib.import_module(f"enrollment.migrations.{MIGRATION}")
    # The models as they stood when the migration ran, as Django hands them to it.
    state = MigrationExecutor(connection).loader.project_state(("enrollment", MIGRATION))
    closed = CohortFactory()
    open_group = CohortFactory(group=TherapyGroupFactory(open_group=True))
    old_place = EnrollmentFactory(cohort=closed, start_session=closed.sessions.first())
    entry = open_group.sessions.filter(is_entry_point=True).last()
    joined = EnrollmentFactory(cohort=open_group, start_session=entry)
    assert old_place.start_session is not None and entry is not None

    migration.clear_closed_starts(state.apps, schema_editor=None)

    old_place.refresh_from_db()
    joined.refresh_from_db()
    assert old_place.start_session is None
    assert joined.start_session == entry
