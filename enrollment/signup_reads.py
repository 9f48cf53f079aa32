"""What the sign-up page and a sign-up post read: the cohort and, for the page, everything it
shows, each in as few and as narrow queries as Django builds quickly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from django.db.models import CharField, Model, QuerySet
from django.db.models.expressions import RawSQL

from cohorts.enrolling import annotated_start_at
from cohorts.enrolling import enrolling_refusal as cohort_enrolling_refusal
from cohorts.models import Cohort, Office, Therapist, TherapyGroup
from cohorts.places import places_left

from .agreements import annotated_agreement, with_agreement_sql
from .models import GroupAgreement
from .selectors import next_cohort


@dataclass
class SignupPage:
    cohort: Cohort
    agreement: GroupAgreement
    agreement_lines: list[str]
    refusal: str | None  # why no sign-up is possible now, or None
    seats_left: int
    start_at: datetime | None  # where a new member would start
    next_cohort: Cohort | None

    @property
    def is_full(self) -> bool:
        return self.seats_left <= 0


def _shown(cohort: Cohort | None) -> Cohort | None:
    """Drafts and the cohorts of hidden groups are not there for the public."""
    # Checked here rather than in SQL: every sign-up post reads its cohort, and a bare
    # primary-key query is the cheapest one for Django to build.
    if cohort is None or cohort.status == Cohort.Status.DRAFT or not cohort.group.is_listed:
        return None
    return cohort


# What a sign-up post reads before its lock, which reads the cohort's row again: whether the
# public may see the cohort, what the form asks (online, couples) and the sign-up rule's group
# facts. Django's cost of building a query and its rows grows with each column. A page drawn
# after a post reads its own cohort (a column left out here would load by itself, one
# query each).
_SIGNUP_POST_COLUMNS = (
    "status",
    "group__format",
    "group__focus",
    "group__kind",
    "group__is_listed",
)


def signup_cohort(*, cohort_id: int) -> Cohort | None:
    """The cohort a sign-up is posted to, with its group and the version of its agreement
    (None for drafts and hidden groups). Other columns load on first use."""
    found = with_agreement_sql(
        Cohort.objects.select_related("group")
        .only(*_SIGNUP_POST_COLUMNS)
        .filter(pk=cohort_id)
        .order_by(),
        columns=("version",),
    )
    return _shown(next(iter(found), None))


# What the sign-up page, its cohort summary, the form and the sign-up rule read. Building a
# query costs Django more than PostgreSQL takes to run it, and most of that is per column and
# per join: the groups' and therapists' descriptions are not read here.
_SIGNUP_PAGE_COLUMNS = (
    "status",
    "weekday",
    "start_time",
    "session_count",
    "capacity",
    "enrollment_deadline",
    "fee_text",
    "lead_therapist",
    "co_therapist",
    "group__name",
    "group__slug",
    "group__focus",
    "group__format",
    "group__kind",
    "group__session_minutes",
    "group__fee_text",
    "group__is_listed",
    "group__office",
)
# The therapists' names and the office's city, each a subquery by primary key rather than
# three more joins: PostgreSQL took longer to plan the five-table join than to run these.
# (annotation, model read, its key in the cohort's or group's row, column read)
_NAMES = (
    ("lead_display_name", Therapist, (Cohort, "lead_therapist_id"), "display_name"),
    ("lead_credentials", Therapist, (Cohort, "lead_therapist_id"), "credentials"),
    ("co_display_name", Therapist, (Cohort, "co_therapist_id"), "display_name"),
    ("co_credentials", Therapist, (Cohort, "co_therapist_id"), "credentials"),
    ("office_city", Office, (TherapyGroup, "office_id"), "city"),
)


def _with_names_sql(cohorts: QuerySet[Cohort]) -> QuerySet[Cohort]:
    """Only for a query of cohorts joined to their group (the table names are written out)."""
    return cohorts.annotate(
        **{
            name: RawSQL(  # noqa: S611 (names from the models)
                f"SELECT t.{column} FROM {model._meta.db_table} t "  # noqa: S608 (as above)
                f"WHERE t.id = {owner._meta.db_table}.{key}",
                (),
                output_field=CharField(),
            )
            for name, model, (owner, key), column in _NAMES
        }
    )


_M = TypeVar("_M", bound=Model)


def _read_along(cohort: Cohort, model: type[_M], pk: int, prefix: str, columns: tuple) -> _M:
    """A `model` row read along with the cohort (`_with_names_sql`'s `<prefix>_<column>`),
    with only those columns loaded (the rest load on first use)."""
    values = (pk, *(getattr(cohort, f"{prefix}_{column}") for column in columns))
    return model.from_db(cohort._state.db, ("id", *columns), values)


_THERAPIST_SHOWN = ("display_name", "credentials")


def signup_page(*, cohort_id: int, now: datetime) -> SignupPage | None:
    """None for drafts and hidden groups, as `signup_cohort`.

    One query: the seats taken, where a new member would start, the agreement, the
    therapists' names and the office's city are plain SQL subqueries in the cohort's row.
    Each was a query or a join of its own, and Django took longer to build those than
    PostgreSQL took to run the lot."""
    found = _with_names_sql(
        with_agreement_sql(
            Cohort.objects.select_related("group")
            .only(*_SIGNUP_PAGE_COLUMNS)
            .with_seats_and_schedule_sql(now)
            .filter(pk=cohort_id)
            .order_by()
        )
    )
    cohort = _shown(next(iter(found), None))
    if cohort is None:
        return None
    cohort.lead_therapist = _read_along(
        cohort, Therapist, cohort.lead_therapist_id, "lead", _THERAPIST_SHOWN
    )
    if cohort.co_therapist_id is not None:
        cohort.co_therapist = _read_along(
            cohort, Therapist, cohort.co_therapist_id, "co", _THERAPIST_SHOWN
        )
    group = cohort.group
    if group.office_id is not None:
        group.office = _read_along(cohort, Office, group.office_id, "office", ("city",))
    start_at = annotated_start_at(cohort)
    refusal = cohort_enrolling_refusal(cohort, now=now, start_at=start_at)
    agreement = annotated_agreement(cohort)
    return SignupPage(
        cohort=cohort,
        agreement=agreement,
        agreement_lines=agreement.lines(online=group.is_online),
        refusal=refusal,
        # A couples group: couples' places (an odd seat left over is no place for two).
        seats_left=places_left(cohort, taken=cohort.seats_taken),
        start_at=start_at,
        next_cohort=next_cohort(cohort, now=now) if refusal else None,
    )
