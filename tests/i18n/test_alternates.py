"""<html lang>, hreflang alternates in the head, and a sitemap with both languages."""

import re

import pytest

from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db


def test_html_lang_follows_the_address(client):
    assert '<html lang="en">' in client.get("/groups/").content.decode()
    assert '<html lang="es">' in client.get("/es/groups/").content.decode()


def test_every_public_page_names_its_other_language_addresses(client):
    group = CohortFactory().group
    for english, spanish in [
        ("/", "/es/"),
        ("/faq/", "/es/faq/"),
        (group.get_absolute_url(), "/es" + group.get_absolute_url()),
    ]:
        head = client.get(spanish).content.decode().split("</head>")[0]
        assert f'<link rel="alternate" hreflang="en" href="http://testserver{english}">' in head
        assert f'<link rel="alternate" hreflang="es" href="http://testserver{spanish}">' in head
        assert (
            f'<link rel="alternate" hreflang="x-default" href="http://testserver{english}">' in head
        )


def test_error_pages_are_in_the_address_s_language_and_switch_to_the_other_home(client):
    response = client.get("/es/no-such-page/")

    assert response.status_code == 404
    assert '<html lang="es">' in response.content.decode()
    assert '<a href="/language/en/?next=/" lang="en" hreflang="en">' in response.content.decode()


def test_the_sitemap_lists_both_languages_with_alternates(client):
    group = CohortFactory().group.get_absolute_url()

    xml = client.get("/sitemap.xml").content.decode()

    locations = re.findall(r"<loc>http://testserver([^<]+)</loc>", xml)
    for path in ("/", "/es/", "/groups/", "/es/groups/", group, "/es" + group):
        assert path in locations
    assert f'<xhtml:link rel="alternate" hreflang="es" href="http://testserver/es{group}"/>' in xml
    assert 'hreflang="x-default" href="http://testserver/"' in xml
