"""A visitor on a phone looks for a group held in Spanish, then finds its office."""

import pytest

from demo import practice

from .axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 375, "height": 812})
    return page


def no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_visitor_finds_the_group_held_in_spanish_and_its_office(live_server, phone):
    practice.seed()
    other_hosts: list[str] = []
    phone.on(
        "request",
        lambda r: other_hosts.append(r.url) if not r.url.startswith(live_server.url) else None,
    )

    phone.goto(live_server.url + "/groups/")
    phone.get_by_text("Narrow the list").click()
    phone.get_by_label("Sessions in").select_option("es")
    phone.get_by_role("button", name="Show groups").click()
    phone.wait_for_url("**/groups/?*")
    assert phone.locator(".cohort-card").count() == 1
    assert phone.get_by_text("Sessions in Spanish").count() == 1
    assert serious_violations(phone) == []

    phone.get_by_role("link", name="Calm Conversations, in Spanish").click()
    phone.wait_for_url("**/groups/calma-en-espanol/**")
    assert phone.get_by_text("Sessions are held in Spanish.").count() == 1

    phone.get_by_role("link", name="Office hours, parking and directions").click()
    phone.wait_for_url("**/offices/riverside/")
    assert phone.locator("h1").inner_text() == "Riverside office"
    assert phone.get_by_role("heading", name="Parking").count() == 1
    map_link = phone.get_by_role("link", name="Find this address on Google Maps")
    assert map_link.get_attribute("href").startswith("https://www.google.com/maps/search/")
    assert phone.locator("iframe").count() == 0
    assert no_sideways_scrolling(phone)
    assert serious_violations(phone) == []

    phone.get_by_role("link", name="Our offices").first.click()
    phone.wait_for_url("**/offices/")
    assert phone.get_by_text("Serving the Temecula Valley").count() == 1
    assert no_sideways_scrolling(phone)
    assert serious_violations(phone) == []
    assert other_hosts == []
