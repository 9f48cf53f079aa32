"""`makemessages` with the project's defaults: only what clients read goes to translators.

Staff pages and staff emails stay English, so their templates are not scanned; neither are
the virtualenv, node_modules, collected static files or the benchmarks. `make messages` and
the catalogue test (tests/i18n/test_catalogue.py) both use these defaults.
"""

from django.core.management.commands import makemessages

IGNORED = [
    ".venv",
    "node_modules",
    "staticfiles",
    "bench",
    "tests",
    "var",
    "templates/admin",
    "templates/*/admin",
    "templates/*/admin_*",
    "templates/roster",
    "templates/staffhome",
    "templates/security",
    "templates/registration",
]


class Command(makemessages.Command):
    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options.get("ignore_patterns", []), *IGNORED]
        options["no_obsolete"] = True
        # File names without line numbers: an edit elsewhere in a template moves no entry.
        options["add_location"] = options.get("add_location") or "file"
        return super().handle(*args, **options)
