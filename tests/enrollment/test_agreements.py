"""`agreement_for` (the services' read) and `with_agreement_sql` (the sign-up page's) choose the
same agreement, case by case: the two spellings of one rule."""

import datetime as dt

import pytest
from django.utils import timezone

from cohorts.models import Cohort
from enrollment.agreements import (
    DEFAULT_VERSION,
    agreement_for,
    annotated_agreement,
    with_agreement_sql,
)
from enrollment.models import GroupAgreement
from tests.factories import CohortFactory, GroupAgreementFactory

pytestmark = pytest.mark.django_db


def both(cohort):
    """(agreement_for's choice, the SQL's choice)."""
    read = with_agreement_sql(Cohort.objects.filter(pk=cohort.pk)).get()
    return agreement_for(cohort), annotated_agreement(read)


def aged(agreement, days):
    """Make an agreement `days` older than now (created_at is set on save)."""
    when = timezone.now() - dt.timedelta(days=days)
    GroupAgreement.objects.filter(pk=agreement.pk).update(created_at=when)
    return agreement


def test_without_any_agreement_both_give_the_unsaved_practice_default(cohort):
    GroupAgreement.objects.all().delete()  # a migration may have saved the default

    python, sql = both(cohort)

    assert python.pk is None and sql.pk is None
    assert python.version == sql.version == DEFAULT_VERSION
    assert python.lines(online=True) == sql.lines(online=True)


def test_the_newest_practice_default_applies_to_a_group_without_its_own(cohort):
    aged(GroupAgreementFactory(version="old"), 2)
    newest = GroupAgreementFactory(version="new")

    python, sql = both(cohort)

    assert python == sql == newest
    assert sql.version == "new" and sql.text == newest.text
    assert sql.online_text == newest.online_text


def test_a_groups_own_agreement_wins_over_a_newer_practice_default(cohort):
    ours = aged(GroupAgreementFactory(group=cohort.group, version="ours"), 3)
    GroupAgreementFactory(version="newer-default")
    GroupAgreementFactory(group=CohortFactory().group, version="another-groups-newer")

    assert both(cohort) == (ours, ours)


def test_a_cohorts_own_agreement_wins_whether_or_not_it_names_the_group_too(cohort):
    aged(GroupAgreementFactory(cohort=cohort, group=cohort.group, version="older-own"), 5)
    own = aged(GroupAgreementFactory(cohort=cohort, version="own"), 4)
    GroupAgreementFactory(group=cohort.group, version="newer-group")
    GroupAgreementFactory(cohort=CohortFactory(group=cohort.group), version="sibling-cohort")

    assert both(cohort) == (own, own)


def test_agreements_written_at_the_same_moment_go_by_the_later_row(cohort):
    first = GroupAgreementFactory(group=cohort.group, version="first")
    second = GroupAgreementFactory(group=cohort.group, version="second")
    GroupAgreement.objects.update(created_at=first.created_at)

    assert both(cohort) == (second, second)
