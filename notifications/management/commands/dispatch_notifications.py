"""One dispatch pass by hand or from cron: the twin of the periodic `dispatch_due` task."""

from django.core.management.base import BaseCommand

from notifications.dispatch import dispatch_pass


class Command(BaseCommand):
    help = "Send every notification that is due now, from this process, and report the tally."

    def handle(self, *args, **options) -> None:
        result = dispatch_pass()
        self.stdout.write(
            f"sent {result.sent}, retrying later {result.retrying}, "
            f"failed {result.failed}, cancelled {result.cancelled}"
        )
        if result.server_down:
            self.stderr.write(f"The mail server was unavailable: {result.errors[-1]}")
