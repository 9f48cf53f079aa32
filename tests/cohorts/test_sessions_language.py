"""A group can be held in Spanish; the catalogue's "Sessions in" filter is about the language
of the meetings, not the language the visitor reads the site in."""

import pytest
from django.urls import reverse
from django.utils import translation

from cohorts.models import TherapyGroup
from tests.factories import CohortFactory, TherapyGroupFactory

pytestmark = pytest.mark.django_db

URL = reverse("cohorts:catalogue")


@pytest.fixture
def two_groups(db):
    english = CohortFactory(group=TherapyGroupFactory(name="Steady Ground", slug="steady"))
    spanish = CohortFactory(
        group=TherapyGroupFactory(
            name="Calm in Spanish",
            name_es="Calma en español",
            slug="calma",
            sessions_language=TherapyGroup.Language.SPANISH,
        )
    )
    return english, spanish


def test_sessions_in_spanish_shows_only_groups_held_in_spanish(client, two_groups):
    html = client.get(URL, {"sessions_in": "es"}).content.decode()

    assert "Calm in Spanish" in html
    assert "Steady Ground" not in html
    assert "1 group matches your choices" in html


def test_sessions_in_english_leaves_out_the_spanish_group(client, two_groups):
    html = client.get(URL, {"sessions_in": "en"}).content.decode()

    assert "Steady Ground" in html
    assert "Calm in Spanish" not in html


def test_the_filter_is_offered_with_both_languages(client, two_groups):
    html = client.get(URL).content.decode()

    assert '<select name="sessions_in"' in html
    assert '<option value="es">Spanish</option>' in html
    assert "Calm in Spanish" in html and "Steady Ground" in html


def test_the_spanish_filter_works_on_the_spanish_site_too(client, two_groups):
    with translation.override("es"):
        html = client.get(reverse("cohorts:catalogue"), {"sessions_in": "es"}).content.decode()

    assert "Calma en español" in html
    assert "Steady Ground" not in html


def test_a_group_held_in_spanish_says_so_on_its_card_and_its_page(client, two_groups):
    catalogue = client.get(URL).content.decode()
    page = client.get(reverse("cohorts:group", kwargs={"slug": "calma"})).content.decode()

    assert catalogue.count("Sessions in Spanish") == 1
    assert "Sessions are held in Spanish." in page


def test_a_group_held_in_english_says_so_on_its_page(client, two_groups):
    page = client.get(reverse("cohorts:group", kwargs={"slug": "steady"})).content.decode()

    assert "Sessions are held in English." in page
    assert "held in Spanish" not in page
