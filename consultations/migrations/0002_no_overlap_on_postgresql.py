"""No two live bookings of one coordinator overlap, buffer included: PostgreSQL's exclusion
constraint over tstzrange(starts_at, blocked_until).

PostgreSQL only, and outside the model state on purpose: SQLite cannot express it, and a
constraint in Meta would be rebuilt into SQLite tables. There, the unique constraint on
(coordinator, starts_at) of live rows and the booking service's IMMEDIATE write lock hold
the line instead.
"""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations
from django.db.models import Func, Q


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


NO_OVERLAP = ExclusionConstraint(
    name="consultation_no_overlap",
    expressions=[
        ("coordinator", RangeOperators.EQUAL),
        (TsTzRange("starts_at", "blocked_until", RangeBoundary()), RangeOperators.OVERLAPS),
    ],
    condition=Q(status__in=["booked", "completed", "no_show"]),
    violation_error_message="That time was just taken.",
)


class AddConstraintOnPostgres(migrations.operations.base.Operation):
    """Adds a database constraint on PostgreSQL only, leaving the model state alone."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name, constraint):
        self.model_name = model_name
        self.constraint = constraint

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = to_state.apps.get_model(app_label, self.model_name)
            schema_editor.add_constraint(model, self.constraint)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.remove_constraint(model, self.constraint)

    def describe(self):
        return f"Add {self.constraint.name} to {self.model_name} (PostgreSQL only)"

    def deconstruct(self):
        return (
            self.__class__.__name__,
            [],
            {"model_name": self.model_name, "constraint": self.constraint},
        )


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]

    operations = [
        # CreateExtension itself does nothing on other databases.
        BtreeGistExtension(),
        AddConstraintOnPostgres("consultation", NO_OVERLAP),
    ]
