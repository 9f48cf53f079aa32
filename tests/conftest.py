import datetime as dt
import os
import shutil

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from security.roles import COORDINATOR
from tests.browser.axe import AXE
from tests.factories import StaffUserFactory, TherapistFactory

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# `--now`: the whole run on a clock of the caller's choosing (see tests/clock.py).
from tests.clock import (  # noqa: E402, F401
    pytest_addoption,
    pytest_configure,
    pytest_report_header,
    pytest_unconfigure,
)

# The live server and the ORM share a test; Playwright's sync API runs an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`make test` runs two test processes (pytest-xdist). The integration tests start real
    Celery, SMTP and gunicorn processes: they all go to one test process, one after another
    (first, being the longest unit), so two sets never fight over two cores; every other test
    is handed out one at a time. (xdist's own `--dist loadgroup` marks do not take effect
    with pytest 9, whose node ids it can no longer rewrite.)"""
    from xdist.scheduler import LoadScopeScheduling

    class IntegrationTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "integration" if nodeid.startswith("tests/integration/") else nodeid

    return IntegrationTogether(config, log)


def pytest_collection_modifyitems(config, items):
    on_postgres = connection.vendor == "postgresql"
    in_ci = os.environ.get("CI") == "true"
    # In CI a missing browser or axe-core must fail the run, never skip it quietly.
    browser_missing = None
    if shutil.which(CHROMIUM) is None:
        browser_missing = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    elif not AXE.exists():
        browser_missing = "axe-core is not installed (npm ci)"
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(
                pytest.mark.skip(
                    reason="needs PostgreSQL (row locks, constraints); set DATABASE_URL to run it"
                )
            )
        if "browser" in item.keywords and browser_missing and not in_ci:
            item.add_marker(pytest.mark.skip(reason=browser_missing))


@pytest.fixture(autouse=True)
def _english_to_begin_with():
    # A request to a Spanish page leaves Spanish active in the thread (LocaleMiddleware does
    # not undo it), so the next test's reverse() would give /es/ addresses.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached public pages must not leak from one test into the next.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium, never a downloaded one; in CI a missing browser fails loudly here.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def coordinator(db):
    return StaffUserFactory(username="coordinator", first_name="Dana", roles=[COORDINATOR])


@pytest.fixture
def therapist(db):
    return TherapistFactory(display_name="Maya Ortiz", slug="maya-ortiz")


@pytest.fixture
def other_therapist(db):
    return TherapistFactory(display_name="Sam Patel", slug="sam-patel", pronouns="he/him")


@pytest.fixture
def site_words(db):
    """The FAQ and the guide page as the data migration loads them. A transactional test's
    flush empties those tables, and --reuse-db keeps the emptied database for the next run."""
    from pages import initial_content
    from pages.models import FaqEntry, FaqSection, GuideRow, GuideSection

    initial_content.load(FaqSection, FaqEntry, GuideSection, GuideRow)


@pytest.fixture
def caller():
    """What a visitor types into the booking form."""
    return {
        "first_name": "Ana",
        "last_name": "Lopez",
        "email": "ana.lopez@mail.example",
        "phone": "951-555-0199",
        "mode": "phone",
        "state": "CA",
        "interest": "couples",
        "note": "",
    }


@pytest.fixture
def fresh_throttle_windows(time_machine):
    """Throttle counters live in fixed windows of an hour or a day: start one minute after
    midnight UTC, when every window has just begun, so no test's requests straddle two of
    them (a race run at 06:00:00 once let seven requests through a limit of five)."""
    time_machine.move_to(dt.datetime(2026, 3, 2, 0, 1, tzinfo=dt.UTC), tick=True)
