"""Write the daily kinds' rows by hand or from cron: the twin of the `schedule_daily` task."""

from django.core.management.base import BaseCommand

from notifications.services import notifications_schedule_daily


class Command(BaseCommand):
    help = "Write today's and tomorrow's rows of every daily email kind (safe to repeat)."

    def handle(self, *args, **options) -> None:
        created = notifications_schedule_daily()
        self.stdout.write(f"{created} new daily email(s) scheduled")
