from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from clients.privacy import clients_past_retention, closed_leads_erase


class Command(BaseCommand):
    help = (
        "Erase clients whose leads all closed more than RETENTION_CLOSED_LEAD_MONTHS ago and "
        "who never had a consultation or a place in a group (the weekly task's twin)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count who would be erased."
        )

    def handle(self, *args, dry_run=False, **options):
        months = settings.RETENTION_CLOSED_LEAD_MONTHS
        if dry_run:
            due = clients_past_retention(now=timezone.now(), months=months).count()
            self.stdout.write(f"{due} client(s) would be erased (closed over {months} months).")
            return
        erased = closed_leads_erase(months=months)
        self.stdout.write(f"{erased} client(s) erased (closed over {months} months).")
