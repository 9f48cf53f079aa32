"""A closed cohort's places no longer store a start meeting: all its members start at its
first meeting, which pages, emails and the roster read from the schedule as it stands.

Places made before kept the first meeting as it was when they signed up; a skipped or moved
first week left them pointing at the old one. Clearing it makes old and new places alike.
"""

from django.db import migrations


def clear_closed_starts(apps, schema_editor):
    Enrollment = apps.get_model("enrollment", "Enrollment")
    Enrollment.objects.filter(cohort__group__kind="closed", start_session__isnull=False).update(
        start_session=None
    )


class Migration(migrations.Migration):
    dependencies = [
        ("enrollment", "0004_cohort_fill"),
        ("cohorts", "0001_initial"),
    ]

    operations = [migrations.RunPython(clear_closed_starts, migrations.RunPython.noop)]
