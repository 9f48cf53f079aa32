"""A staff placement awaiting the person's confirmation holds a seat: it counts in
`holds_seat` (and so in the capacity trigger), in the one-live-place constraint, and like an
offer it must carry the time it ends."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0001_initial"),
        ("cohorts", "0001_initial"),
        ("enrollment", "0005_closed_cohort_places_start_at_first_meeting"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="enrollment",
            name="enrollment_one_live_per_client_cohort",
        ),
        migrations.RemoveConstraint(
            model_name="enrollment",
            name="enrollment_offer_has_expiry",
        ),
        # A generated column cannot be altered in place: drop it and add it with the new
        # expression. The capacity trigger (0003) reads `holds_seat` by name at run time, so
        # it counts the new seat-holding state from here on without being rewritten.
        migrations.RemoveField(
            model_name="enrollment",
            name="holds_seat",
        ),
        migrations.AddField(
            model_name="enrollment",
            name="holds_seat",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Q(
                    ("status__in", ("requested", "screening", "enrolled", "offered", "placed"))
                ),
                output_field=models.BooleanField(),
            ),
        ),
        migrations.AlterField(
            model_name="enrollment",
            name="status",
            field=models.CharField(
                choices=[
                    ("requested", "Requested"),
                    ("screening", "Screening"),
                    ("enrolled", "Enrolled"),
                    ("waitlisted", "Waitlisted"),
                    ("offered", "Offered a seat"),
                    ("placed", "Awaiting the person's confirmation"),
                    ("withdrawn", "Withdrawn"),
                    ("declined", "Declined"),
                ],
                default="requested",
                max_length=12,
            ),
        ),
        migrations.AddConstraint(
            model_name="enrollment",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    (
                        "status__in",
                        ("requested", "screening", "enrolled", "offered", "placed", "waitlisted"),
                    )
                ),
                fields=("client", "cohort"),
                name="enrollment_one_live_per_client_cohort",
            ),
        ),
        migrations.AddConstraint(
            model_name="enrollment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status__in", ("offered", "placed")), _negated=True),
                    ("offer_expires_at__isnull", False),
                    _connector="OR",
                ),
                name="enrollment_time_limited_has_expiry",
            ),
        ),
    ]
