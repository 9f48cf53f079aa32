import importlib
import importlib.util

from django.conf import settings
from django.core.management.base import BaseCommand

from demo import practice


class Command(BaseCommand):
    help = "Load the demo practice (idempotent: running it again duplicates nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default=settings.SITE_URL, help="Where the site is served.")

    def handle(self, *args, url, **options):
        logins = practice.seed()
        # The other apps add their own demo rows (consultation hours, waitlists) when present.
        for app in ("consultations", "enrollment", "roster", "clients"):
            name = f"{app}.demo"
            if importlib.util.find_spec(name) is None:
                continue
            lines = importlib.import_module(name).seed()
            for line in lines or []:
                self.stdout.write(str(line))
        # Last, outside any transaction: couples are placed through the services' own.
        for line in importlib.import_module("enrollment.demo_couples").seed_couples():
            self.stdout.write(line)

        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write("")
        self.stdout.write(
            "Demo staff logins (therapists: /accounts/login/; the coordinator's admin: /staff/):"
        )
        user_width = max(len(login.username) for login in logins)
        pass_width = max(len(login.password) for login in logins)
        for login in logins:
            self.stdout.write(
                f"  {login.username:<{user_width}}  password {login.password:<{pass_width}}  "
                f"{login.role} ({login.name})"
            )
        self.stdout.write("")
        self.stdout.write(f"Open {url.rstrip('/')}/ in your browser.")
