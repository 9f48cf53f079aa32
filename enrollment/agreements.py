"""The group agreement: which one applies to a cohort, and the practice's default wording."""

from __future__ import annotations

from django.db.models import CharField, IntegerField, Q, QuerySet, TextField
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_noop

from cohorts.models import Cohort
from cohorts.querysets import PerCohortSQL

from .models import GroupAgreement

DEFAULT_VERSION = "2026-1"
# Written as commitments in the member's own voice, one per line. Stored in English; each
# default line is also in the Spanish catalogue, so the sign-up page shows it translated
# (lines staff write themselves are shown as written).
DEFAULT_TEXT = "\n".join(
    [
        gettext_noop(
            "What members share in the group stays in the group: I won't repeat who was there "
            "or what anyone said."
        ),
        gettext_noop(
            "The therapists keep what I share private too, within the limits the law sets: if "
            "someone is in serious danger, or a child, an elder or a dependent adult may be "
            "harmed, they may have to act to keep people safe."
        ),
        gettext_noop(
            "I'll come to every meeting and be on time; if I can't, I'll let the practice know "
            "beforehand."
        ),
        gettext_noop(
            "I'll treat the other members with respect, and I won't come to a meeting under the "
            "influence of alcohol or drugs."
        ),
        gettext_noop("I'll tell the group if I get to know another member outside the meetings."),
    ]
)
DEFAULT_ONLINE_TEXT = "\n".join(
    [
        gettext_noop(
            "I'll join every online meeting from a private room where nobody else can see or "
            "hear the group."
        ),
        gettext_noop("I'll keep my camera on for the whole meeting."),
        gettext_noop(
            "I'll be in California at every meeting, because our therapists are licensed here."
        ),
        gettext_noop("I won't record any part of a meeting."),
    ]
)


def agreement_for(cohort: Cohort) -> GroupAgreement:
    """The newest agreement for this cohort, else for its group, else the practice default.

    Never empty: without any row (a fresh test database) the default is returned unsaved,
    and `default_agreement_saved` saves it the first time someone agrees to it.
    """
    rows = GroupAgreement.objects.filter(
        Q(cohort_id=cohort.pk)
        | Q(cohort_id__isnull=True, group_id=cohort.group_id)
        | Q(cohort_id__isnull=True, group_id__isnull=True)
    ).order_by("-created_at", "-pk")
    best = None
    for row in rows:
        rank = 0 if row.cohort_id else 1 if row.group_id else 2
        if best is None or rank < best[0]:
            best = (rank, row)
    if best is not None:
        return best[1]
    return _unsaved_default()


def _unsaved_default() -> GroupAgreement:
    return GroupAgreement(
        version=DEFAULT_VERSION, text=DEFAULT_TEXT, online_text=DEFAULT_ONLINE_TEXT
    )


# `agreement_for`'s choice as plain SQL, read in the cohort's own row by the sign-up page:
# Django costs more to build a query than PostgreSQL takes to run this one, and the page
# already reads the cohort. One subquery per column shown (plain SQL that SQLite runs too; on
# a table this small PostgreSQL plans and runs each in microseconds).
# tests/enrollment/test_agreements.py holds the two spellings to the same answers; change
# them together.
_SHOWN = {
    "id": IntegerField(),
    "version": CharField(),
    "text": TextField(),
    "online_text": TextField(),
}
_CHOSEN_SQL = (
    "SELECT a.{column} FROM {agreements} a "
    "WHERE a.cohort_id = {{cohort}}.id "
    "OR (a.cohort_id IS NULL AND (a.group_id = {{cohort}}.group_id OR a.group_id IS NULL)) "
    "ORDER BY CASE WHEN a.cohort_id IS NOT NULL THEN 0 WHEN a.group_id IS NOT NULL THEN 1 "
    "ELSE 2 END, a.created_at DESC, a.id DESC LIMIT 1"
)


def with_agreement_sql(
    cohorts: QuerySet[Cohort], columns: tuple[str, ...] = tuple(_SHOWN)
) -> QuerySet[Cohort]:
    """Annotate each cohort with `columns` of the agreement that applies to it, as
    `agreement_<column>` (None without any row); `annotated_agreement` turns them into the
    agreement. Each subquery finds the cohort table under the alias of the query it is
    compiled in (`PerCohortSQL`, which the cohort lists use too)."""
    agreements = GroupAgreement._meta.db_table
    return cohorts.annotate(
        **{
            f"agreement_{column}": PerCohortSQL(
                _CHOSEN_SQL.format(column=column, agreements=agreements), (), _SHOWN[column]
            )
            for column in ("id", *(column for column in columns if column != "id"))
        }
    )


def annotated_agreement(cohort: Cohort) -> GroupAgreement:
    """`agreement_for(cohort)` for a cohort read through `with_agreement_sql`, with only the
    columns read along loaded (the rest load on first use, as with `only()`)."""
    if cohort.agreement_id is None:
        return _unsaved_default()
    read = [column for column in _SHOWN if hasattr(cohort, f"agreement_{column}")]
    values = [getattr(cohort, f"agreement_{column}") for column in read]
    return GroupAgreement.from_db(cohort._state.db, read, values)


def agreement_items(lines: list[str]) -> SafeString:
    """The agreement's lines as `<li>` items, escaped: each in the page's language where the
    catalogue has it (the practice's default lines), else as staff wrote it. Written here
    rather than by a template loop of translation tags, one per line."""
    return format_html_join("", "<li>{}</li>", ((gettext(line),) for line in lines))


def default_agreement_saved() -> GroupAgreement:
    """The practice default, saved: for a sign-up finding no agreement row at all. Two first
    sign-ups may each save one, which is harmless (the same words, the same version)."""
    agreement = GroupAgreement(
        version=DEFAULT_VERSION, text=DEFAULT_TEXT, online_text=DEFAULT_ONLINE_TEXT
    )
    agreement.save()
    return agreement
