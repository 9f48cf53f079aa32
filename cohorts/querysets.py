from datetime import datetime

from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateTimeField,
    F,
    IntegerField,
    JSONField,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from .enrolling import enrolling_q


class CohortQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published", group__is_listed=True)

    def for_therapist(self, therapist):
        return self.filter(Q(lead_therapist=therapist) | Q(co_therapist=therapist))

    def with_seats_taken(self):
        # `enrollments.holds_seat` is a generated column owned by the enrollment app: the
        # cohort app counts it without importing that app, and availability is always
        # derived from rows, never kept in a counter here. A subquery per cohort, not a join:
        # a join groups by every selected column (cohort, group, office, therapists), which
        # cost more to build and to run than the count itself.
        enrollment = self.model._meta.get_field("enrollments").related_model
        taken = (
            enrollment.objects.filter(cohort=OuterRef("pk"), holds_seat=True)
            .order_by()
            .values("cohort")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(seats_taken=Coalesce(Subquery(taken), 0))

    def with_schedule(self, now):
        """Annotate the dates a visitor cares about, one subquery each (no row fan-out).

        first_start: the first held meeting; last_start: the last one scheduled; next_start:
        the next time a new member can start (the first held meeting of a closed cohort, the
        next entry point of an open group), empty once that has passed; next_cohort_start:
        when the group's following published cohort holds its first meeting.
        """
        from .models import Session

        held = Session.objects.filter(cohort=OuterRef("pk"), status="scheduled")
        following = Session.objects.filter(
            status="scheduled",
            cohort__status="published",
            cohort__group=OuterRef("group"),
            cohort__first_session_date__gt=OuterRef("first_session_date"),
        ).order_by("starts_at")
        entry_point = held.filter(is_entry_point=True, starts_at__gt=now).order_by("starts_at")
        return self.annotate(
            first_start=Subquery(held.order_by("starts_at").values("starts_at")[:1]),
            last_start=Subquery(held.order_by("-starts_at").values("starts_at")[:1]),
            next_cohort_start=Subquery(following.values("starts_at")[:1]),
        ).annotate(
            # A closed cohort's start is its first held meeting whatever the entry flags say:
            # they are an open group's, and stay as laid out when a group changes kind.
            next_start=Case(
                When(group__kind="open", then=Subquery(entry_point.values("starts_at")[:1])),
                When(first_start__gt=now, then=F("first_start")),
                output_field=DateTimeField(),
            ),
        )

    def meeting_ahead_sql(self, now):
        """Cohorts with a held meeting starting at `now` or later (`with_schedule`'s
        last_start >= now), as one plain SQL test: see with_seats_and_schedule_sql."""
        sessions = self.model._meta.get_field("sessions").related_model._meta.db_table
        return self.filter(
            PerCohortSQL(
                f"SELECT EXISTS (SELECT 1 FROM {sessions} s "  # noqa: S608 (names from the models)
                "WHERE s.cohort_id = {cohort}.id AND s.status = 'scheduled' "
                "AND s.starts_at >= %s)",
                (now,),
                BooleanField(),
            )
        )

    def with_seats_and_schedule_sql(self, now):
        """`with_seats_taken()` and `with_schedule(now)` but last_start, for the public lists,
        written as plain SQL: Django builds and compiles each ORM subquery as a whole query,
        which cost a list page more than its template. tests/cohorts/test_listing.py holds
        the two spellings to the same answers; change them together."""
        enrollments = self.model._meta.get_field("enrollments").related_model._meta.db_table
        sessions = self.model._meta.get_field("sessions").related_model._meta.db_table
        cohorts = self.model._meta.db_table
        groups = self.model._meta.get_field("group").related_model._meta.db_table
        held = f"FROM {sessions} s WHERE s.cohort_id = {{cohort}}.id AND s.status = 'scheduled'"
        return self.annotate(
            seats_taken=PerCohortSQL(
                f"SELECT COUNT(*) FROM {enrollments} e "  # noqa: S608 (names from the models)
                "WHERE e.cohort_id = {cohort}.id AND e.holds_seat",
                (),
                output_field=IntegerField(),
            ),
            first_start=PerCohortSQL(f"SELECT MIN(s.starts_at) {held}", (), DateTimeField()),
            # A closed cohort's start is its first held meeting, as in with_schedule.
            next_start=PerCohortSQL(
                "SELECT CASE WHEN g.kind = 'open' "  # noqa: S608 (as above)
                f"THEN (SELECT MIN(s.starts_at) {held} AND s.is_entry_point AND s.starts_at > %s) "
                f"ELSE (SELECT CASE WHEN MIN(s.starts_at) > %s THEN MIN(s.starts_at) END {held}) "
                f"END FROM {groups} g WHERE g.id = {{cohort}}.group_id",
                (now, now),
                DateTimeField(),
            ),
            next_cohort_start=PerCohortSQL(
                f"SELECT MIN(s.starts_at) FROM {sessions} s "  # noqa: S608 (as above)
                f"JOIN {cohorts} c ON c.id = s.cohort_id "
                "WHERE s.status = 'scheduled' AND c.status = 'published' "
                "AND c.group_id = {cohort}.group_id "
                "AND c.first_session_date > {cohort}.first_session_date",
                (),
                DateTimeField(),
            ),
        )

    def with_card_names_sql(self):
        """`card_names`: the names a cohort's card shows, as one JSON object in the cohort's
        row: {"lead", "lead_credentials", "co", "co_credentials" (None without a co-lead),
        "city" (None for a group without an office)}. Joining the two therapists and the
        office for four short columns cost a list more (building, planning, one object per
        row each) than this one subquery."""
        group = self.model._meta.get_field("group").related_model
        therapists = self.model._meta.get_field("lead_therapist").related_model._meta.db_table
        groups = group._meta.db_table
        offices = group._meta.get_field("office").related_model._meta.db_table
        return self.annotate(
            card_names=PerCohortSQL(
                "SELECT {json_object}('lead', l.display_name, "  # noqa: S608 (as above)
                "'lead_credentials', l.credentials, 'co', c.display_name, "
                "'co_credentials', c.credentials, 'city', o.city) "
                f"FROM {therapists} l "
                f"LEFT JOIN {therapists} c ON c.id = {{cohort}}.co_therapist_id "
                f"JOIN {groups} g ON g.id = {{cohort}}.group_id "
                f"LEFT JOIN {offices} o ON o.id = g.office_id "
                "WHERE l.id = {cohort}.lead_therapist_id",
                (),
                JSONField(),
            )
        )

    def with_meetings_not_over_sql(self, now):
        """`meetings_not_over`: each cohort's meetings that end after `now`, held or skipped,
        in time order, as a list of dicts (see selectors.meetings_not_over), read in the
        cohort's own row rather than by a second query."""
        sessions = self.model._meta.get_field("sessions").related_model._meta.db_table
        meeting = (
            "{json_object}('id', s.id, 'scheduled_date', s.scheduled_date, "
            "'starts_at', s.starts_at, 'ends_at', s.ends_at, 'status', s.status, "
            "'is_moved', s.is_moved, 'is_entry_point', s.is_entry_point)"
        )
        mine = f"FROM {sessions} s WHERE s.cohort_id = {{cohort}}.id AND s.ends_at > %s"
        return self.annotate(
            meetings_not_over=PerCohortSQL(
                f"SELECT COALESCE(jsonb_agg({meeting} ORDER BY s.starts_at), '[]') {mine}",
                (now,),
                JSONField(),
                # SQLite 3.40 has no ORDER BY inside an aggregate: it adds rows up in the
                # order its subquery gives them.
                sqlite=f"SELECT json_group_array(json(m)) FROM "  # noqa: S608 (as above)
                f"(SELECT {meeting} AS m {mine} ORDER BY s.starts_at)",
            )
        )

    def enrolling(self, now):
        """Taking sign-ups (needs with_schedule): the rule of `cohorts.enrolling`."""
        return self.filter(enrolling_q(now))


class PerCohortSQL(RawSQL):
    """A scalar subquery in SQL, evaluated per cohort row: `{cohort}` is the cohort table's
    alias in the query being compiled, which differs when that query is itself a subquery.
    `{json_object}` is the database's function that builds a JSON object from key, value
    pairs; `sqlite` is the statement for SQLite where it needs one of its own."""

    def __init__(self, sql, params, output_field=None, *, sqlite=None):
        super().__init__(sql, params, output_field)
        self.sqlite = sqlite

    def _written(self, sql, compiler, connection, json_object):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        sql = sql.replace("{cohort}", alias).replace("{json_object}", json_object)
        # A moment as the database stores it, as the ORM would pass it: SQLite compares
        # text, and must see UTC in its own format.
        params = tuple(
            connection.ops.adapt_datetimefield_value(p) if isinstance(p, datetime) else p
            for p in self.params
        )
        return f"({sql})", params

    def as_sql(self, compiler, connection):
        return self._written(self.sql, compiler, connection, "jsonb_build_object")

    def as_sqlite(self, compiler, connection):
        return self._written(self.sqlite or self.sql, compiler, connection, "json_object")


class SessionQuerySet(models.QuerySet):
    def held(self):
        return self.filter(status="scheduled")

    def upcoming(self, now):
        return self.held().filter(ends_at__gt=now)
