"""The practice-wide group agreement every cohort starts with, and, on PostgreSQL, a trigger
that refuses any write making a cohort hold more seats than its capacity.

The services already count seats under a lock on the cohort row; the trigger is the database
saying no as well, for writes that bypass the services (a shell, a data fix, a future bug).
It takes the same cohort row lock, so it is correct under any concurrency.
"""

from django.db import migrations

from enrollment.agreements import DEFAULT_ONLINE_TEXT, DEFAULT_TEXT, DEFAULT_VERSION

GUARD_SQL = """
CREATE OR REPLACE FUNCTION enrollment_capacity_guard() RETURNS trigger AS $$
DECLARE
    cap integer;
    taken integer;
BEGIN
    IF NEW.holds_seat AND (
        TG_OP = 'INSERT' OR NOT OLD.holds_seat OR OLD.cohort_id <> NEW.cohort_id
    ) THEN
        -- The same lock the services take, so two writers cannot both see a free seat.
        SELECT capacity INTO cap FROM cohorts_cohort WHERE id = NEW.cohort_id FOR UPDATE;
        SELECT count(*) INTO taken FROM enrollment_enrollment
            WHERE cohort_id = NEW.cohort_id AND holds_seat;
        IF taken > cap THEN
            RAISE EXCEPTION 'cohort % would hold % seats, capacity %', NEW.cohort_id, taken, cap
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER enrollment_capacity_guard
    AFTER INSERT OR UPDATE OF status, cohort_id ON enrollment_enrollment
    FOR EACH ROW EXECUTE FUNCTION enrollment_capacity_guard();
"""

UNGUARD_SQL = """
DROP TRIGGER IF EXISTS enrollment_capacity_guard ON enrollment_enrollment;
DROP FUNCTION IF EXISTS enrollment_capacity_guard();
"""


def add_default_agreement(apps, schema_editor):
    GroupAgreement = apps.get_model("enrollment", "GroupAgreement")
    if not GroupAgreement.objects.filter(group=None, cohort=None).exists():
        GroupAgreement.objects.create(
            version=DEFAULT_VERSION, text=DEFAULT_TEXT, online_text=DEFAULT_ONLINE_TEXT
        )


def add_guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD_SQL, params=None)


def drop_guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("enrollment", "0002_agreement_events_waitlist"),
        ("cohorts", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_default_agreement, migrations.RunPython.noop),
        migrations.RunPython(add_guard, drop_guard),
    ]
