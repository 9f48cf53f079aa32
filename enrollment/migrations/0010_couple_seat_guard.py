"""On PostgreSQL, a constraint trigger that keeps couples together in seats.

Checked at commit (DEFERRABLE INITIALLY DEFERRED), so a service may move the two partners
one row at a time inside its transaction: what must hold is the state both moves leave.
For every couple a write touched, the number of its partners holding a seat is 0 or 2,
unless the coordinator decided one partner stays on alone (`kept_alone_at`). And a
seat-holding row in a couples group must belong to a couple.

The services already move partners together under the cohort lock; the trigger is the
database saying no to a write that bypasses them (a shell, a data fix, a future bug).
"""

from django.db import migrations

GUARD_SQL = """
CREATE OR REPLACE FUNCTION enrollment_couple_guard() RETURNS trigger AS $$
DECLARE
    row_now record;
    cid bigint;
    held integer;
    alone timestamptz;
    focus text;
BEGIN
    -- Deferred: read the row as it is at commit, not as it was when the event fired.
    SELECT holds_seat, couple_id, cohort_id INTO row_now
        FROM enrollment_enrollment WHERE id = NEW.id;
    FOREACH cid IN ARRAY ARRAY[
        row_now.couple_id,
        CASE WHEN TG_OP = 'UPDATE' THEN OLD.couple_id END
    ] LOOP
        CONTINUE WHEN cid IS NULL;
        SELECT kept_alone_at INTO alone FROM enrollment_couple WHERE id = cid;
        SELECT count(*) INTO held FROM enrollment_enrollment
            WHERE couple_id = cid AND holds_seat;
        IF held > 2 OR (held = 1 AND alone IS NULL) THEN
            RAISE EXCEPTION 'couple % would hold % seats', cid, held
                USING ERRCODE = 'check_violation';
        END IF;
    END LOOP;
    IF row_now.holds_seat AND row_now.couple_id IS NULL THEN
        SELECT g.focus INTO focus FROM cohorts_cohort c
            JOIN cohorts_therapygroup g ON g.id = c.group_id
            WHERE c.id = row_now.cohort_id;
        IF focus = 'couples' THEN
            RAISE EXCEPTION 'enrollment % holds a seat in a couples group without a couple',
                NEW.id USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE CONSTRAINT TRIGGER enrollment_couple_guard
    AFTER INSERT OR UPDATE OF status, couple_id, cohort_id ON enrollment_enrollment
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION enrollment_couple_guard();
"""

UNGUARD_SQL = """
DROP TRIGGER IF EXISTS enrollment_couple_guard ON enrollment_enrollment;
DROP FUNCTION IF EXISTS enrollment_couple_guard();
"""


def add_guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD_SQL, params=None)


def drop_guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("enrollment", "0009_couple"),
        ("cohorts", "0002_cohort_video_link"),
    ]

    operations = [migrations.RunPython(add_guard, drop_guard)]
