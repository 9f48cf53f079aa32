"""A page for each office: address, hours, parking, transit and a plain link to a map."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from cohorts.models import TherapyGroup
from tests.factories import OfficeFactory, TherapyGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def murrieta(db):
    return OfficeFactory(
        name="Murrieta office",
        name_es="Consultorio de Murrieta",
        slug="murrieta",
        serves="Serving the Temecula Valley",
        serves_es="Al servicio del Valle de Temecula",
        street="25190 Hancock Ave, Suite 110",
        city="Murrieta",
        postal_code="92562",
        hours="Tuesday to Thursday: 10 am to 8 pm\nSaturday: 9 am to 2 pm",
        hours_es="Martes a jueves: 10 a. m. a 8 p. m.",
        parking="Free parking out front.",
        transit="RTA buses stop on Hancock Avenue.",
    )


def page(client, slug="murrieta") -> str:
    response = client.get(reverse("cohorts:office", kwargs={"slug": slug}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_office_page_shows_address_hours_parking_and_transit(client, murrieta):
    html = page(client)

    assert "<h1>Murrieta office</h1>" in html
    assert "Serving the Temecula Valley" in html
    assert "25190 Hancock Ave, Suite 110" in html and "Murrieta, CA 92562" in html
    assert "Tuesday to Thursday: 10 am to 8 pm<br>Saturday: 9 am to 2 pm" in html
    assert "Free parking out front." in html
    assert "RTA buses stop on Hancock Avenue." in html


def test_the_map_is_a_plain_link_to_a_search_for_the_address(client, murrieta):
    html = page(client)

    links = re.findall(r'<a href="(https://[^"]+)"', html)
    assert len(links) == 1
    url = urlsplit(links[0].replace("&amp;", "&"))
    assert (url.scheme, url.netloc, url.path) == ("https", "www.google.com", "/maps/search/")
    assert parse_qs(url.query)["query"] == ["25190 Hancock Ave, Suite 110, Murrieta, CA 92562"]


def test_nothing_on_the_office_page_is_embedded_or_fetched_from_another_host(client, murrieta):
    html = page(client)

    assert "<iframe" not in html and "<embed" not in html and "<object" not in html
    sources = re.findall(r'\bsrc(?:set)?="([^"]*)"', html)
    assert all(not s.startswith(("http:", "https:", "//")) for s in sources), sources


def test_the_office_page_reads_in_spanish_and_falls_back_to_english(client, murrieta):
    with translation.override("es"):
        html = page(client)

    assert "<h1>Consultorio de Murrieta</h1>" in html
    assert "Al servicio del Valle de Temecula" in html
    assert "Martes a jueves: 10 a. m. a 8 p. m." in html
    assert "Free parking out front." in html  # not yet written in Spanish


def test_the_office_page_lists_the_listed_groups_that_meet_there(client, murrieta):
    TherapyGroupFactory(name="Calm Conversations", format="in_person", office=murrieta)
    TherapyGroupFactory(name="Hidden group", format="in_person", office=murrieta, is_listed=False)

    html = page(client)

    assert "Calm Conversations" in html
    assert "Hidden group" not in html


def test_the_office_page_costs_two_queries_however_many_groups_meet_there(
    client, murrieta, django_assert_num_queries
):
    for _ in range(6):
        TherapyGroupFactory(format=TherapyGroup.Format.IN_PERSON, office=murrieta)
    cache.clear()

    with django_assert_num_queries(2):
        page(client)


def test_an_unknown_office_is_not_found(client):
    assert client.get(reverse("cohorts:office", kwargs={"slug": "nowhere"})).status_code == 404


def test_an_in_person_group_links_to_its_office_page_and_an_online_one_does_not(client, murrieta):
    TherapyGroupFactory(slug="in-person", format="in_person", office=murrieta)
    TherapyGroupFactory(slug="online")

    in_person = client.get(reverse("cohorts:group", kwargs={"slug": "in-person"})).content
    online = client.get(reverse("cohorts:group", kwargs={"slug": "online"})).content

    assert b'href="/offices/murrieta/"' in in_person
    assert b'href="/offices/murrieta/"' not in online


def test_the_offices_page_and_the_footer_lead_to_every_office(client, murrieta):
    OfficeFactory(name="Riverside office", slug="riverside")

    home = client.get("/").content.decode()
    offices = client.get(reverse("cohorts:offices")).content.decode()

    assert f'href="{reverse("cohorts:offices")}"' in home
    assert 'href="/offices/murrieta/"' in offices and 'href="/offices/riverside/"' in offices
    assert "Serving the Temecula Valley" in offices


def test_the_sitemap_lists_every_office_in_both_languages(client, murrieta):
    xml = client.get("/sitemap.xml").content.decode()

    assert "/offices/murrieta/</loc>" in xml
    assert "/es/offices/murrieta/</loc>" in xml
    assert "/offices/</loc>" in xml
    assert "/es/privacy/</loc>" in xml


def test_admin_writes_office_details_in_english_and_spanish(client, coordinator):
    client.force_login(coordinator)

    html = client.get(reverse("admin:cohorts_office_add")).content.decode()

    for field in ("name", "serves", "hours", "directions", "parking", "transit"):
        assert f'name="{field}_en"' in html and f'name="{field}_es"' in html, field
