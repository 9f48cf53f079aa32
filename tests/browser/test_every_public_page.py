"""Every public page in English and in Spanish passes axe-core, forms included: as first
shown, sent back with errors, and with the safety question answered "yes"."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from cohorts.selectors import enrolling_cohorts
from demo import practice
from tests.factories import CoordinatorFactory

from .axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("", "/es")  # English at the plain address, Spanish under /es/
FORMS = ("/get-started/", "/consultation/")


def sitemap_paths() -> list[str]:
    """Every address the sitemap gives crawlers, both languages."""
    xml = Client().get("/sitemap.xml").content.decode()
    return sorted({urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)})


def sign_up_path() -> str:
    now = timezone.now()
    cohort = next(c for c in enrolling_cohorts(now=now) if c.capacity > 2)
    return f"/enroll/{cohort.pk}/"


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def test_every_page_in_the_sitemap_passes_axe_in_both_languages(live_server, phone):
    practice.seed()
    paths = sitemap_paths()
    assert "/" in paths and "/es/" in paths and "/es/groups/" in paths
    paths += ["/no-such-page/", "/es/no-such-page/"]  # the "not found" page, in each language
    failures = {}
    for path in paths:
        phone.goto(live_server.url + path)
        assert phone.locator("html").get_attribute("lang") == (
            "es" if path.startswith("/es/") else "en"
        )
        if found := serious_violations(phone):
            failures[path] = found
    assert failures == {}


def test_every_form_passes_axe_with_errors_and_in_the_crisis_state(live_server, phone):
    practice.seed()
    # Times on offer every day, whatever the hour the test runs at: the booking form shows.
    CoordinatorFactory(hours=[(day, dt.time(9), dt.time(17)) for day in range(7)])
    failures = {}
    for prefix in LANGUAGES:
        for path in (*FORMS, sign_up_path()):
            url = live_server.url + prefix + path
            phone.goto(url)
            if found := serious_violations(phone):
                failures[prefix + path] = found
            # Sent empty, past the browser's own checks: the server's messages are shown.
            phone.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
            with phone.expect_navigation():
                phone.locator("main form[method=post] [type=submit]").last.click()
            assert phone.locator(".invalid-feedback, .errorlist, .text-danger").count() > 0
            if found := serious_violations(phone):
                failures[prefix + path + " with errors"] = found
            crisis = phone.locator("input[name=crisis][value=yes]")
            if crisis.count():
                crisis.check()
                assert phone.get_by_text("988").first.is_visible()
                if found := serious_violations(phone):
                    failures[prefix + path + " crisis"] = found
    assert failures == {}
