"""The home page's "What we offer" cards lead to the groups they describe."""

import pytest

pytestmark = pytest.mark.django_db


def test_each_offer_card_links_to_its_groups(client):
    page = client.get("/").content.decode()
    offer = page.split("What we offer")[1].split("How group therapy works")[0]
    for focus in ("mens", "womens", "mixed", "couples"):
        assert f'href="/groups/?focus={focus}"' in offer


def test_the_header_shows_the_logo_beside_the_practice_name(client, settings):
    page = client.get("/").content.decode()
    brand = page.split('class="site-brand"')[1].split("</a>")[0]
    assert '<img class="site-logo" src="/static/img/logo.svg" alt="">' in brand
    assert settings.PRACTICE_NAME in brand
