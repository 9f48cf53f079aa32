"""A visitor on a phone: home -> catalogue -> a group, each page checked with axe-core."""

import pytest

from demo import practice

from .axe import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def test_a_visitor_finds_a_group_on_a_phone_and_every_page_passes_axe(live_server, phone):
    practice.seed()
    errors: list[str] = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    phone.goto(live_server.url + "/")
    assert phone.title().startswith("Therapy groups in Riverside")
    assert serious_violations(phone) == []

    phone.get_by_role("link", name="Browse groups").click()
    phone.wait_for_url("**/groups/")
    assert phone.locator("h1").inner_text() == "Therapy groups"
    assert serious_violations(phone) == []

    phone.get_by_text("Narrow the list").click()
    phone.get_by_label("Meets").select_option("online")
    phone.get_by_label("Only groups with open seats").check()
    phone.get_by_role("button", name="Show groups").click()
    phone.wait_for_url("**/groups/?*")
    assert "format=online" in phone.url
    assert serious_violations(phone) == []

    phone.get_by_role("link", name="Women's group: Room to Breathe").first.click()
    phone.wait_for_url("**/groups/womens-group/**")
    assert phone.get_by_text("1 seat left").count() >= 1
    assert phone.get_by_role("link", name="Sign up").count() >= 1
    assert serious_violations(phone) == []

    # CSP forbids inline code and other hosts: any violation shows up as a console error.
    assert errors == []


def test_a_visitor_reads_the_site_in_spanish_and_every_page_passes_axe(live_server, phone):
    practice.seed()
    errors: list[str] = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    phone.goto(live_server.url + "/groups/")
    phone.get_by_role("link", name="Español").click()
    phone.wait_for_url("**/es/groups/")
    assert phone.locator("html").get_attribute("lang") == "es"
    assert phone.locator("h1").inner_text() == "Grupos de terapia"
    assert serious_violations(phone) == []

    # The group's own text is the Spanish the coordinator wrote for it.
    phone.get_by_role("link", name="Grupo de mujeres: Espacio para Respirar").first.click()
    phone.wait_for_url("**/es/groups/womens-group/**")
    assert phone.get_by_text("Queda 1 lugar").count() >= 1
    assert phone.get_by_role("link", name="Inscribirse").count() >= 1
    assert serious_violations(phone) == []

    # The choice is remembered: the plain address of the home page now opens in Spanish.
    phone.goto(live_server.url + "/")
    phone.wait_for_url("**/es/")
    assert phone.get_by_text("marque 2").count() == 1
    assert serious_violations(phone) == []

    phone.get_by_role("link", name="English").click()
    phone.wait_for_url(live_server.url + "/")
    assert phone.locator("html").get_attribute("lang") == "en"
    assert errors == []
