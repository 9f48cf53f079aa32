from django.core.management.base import BaseCommand

from enrollment.services import offers_expire


class Command(BaseCommand):
    help = "End waitlist offers past their time and pass each seat on (the periodic task's twin)."

    def handle(self, *args, **options):
        ended = offers_expire()
        self.stdout.write(f"{ended} offer{'' if ended == 1 else 's'} ended.")
