from django.core.management.base import BaseCommand

from cohorts.services import open_groups_extend


class Command(BaseCommand):
    help = "Schedule the next weeks of every published open group (its rolling horizon)."

    def handle(self, *args, **options):
        extended, failed = open_groups_extend()
        for cohort, error in failed:
            self.stderr.write(f"{cohort}: {error}")
        self.stdout.write(f"Extended {extended} open group(s); {len(failed)} could not be.")
        if failed:
            raise SystemExit(1)
