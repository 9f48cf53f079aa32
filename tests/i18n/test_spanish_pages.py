"""What a Spanish-speaking visitor reads: the public pages in Spanish, crisis lines exact."""

import pytest
from django.urls import reverse
from django.utils import translation

from cohorts.selectors import couples_places_label, seats_left_label
from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db


def text(client, url: str) -> str:
    return client.get(url).content.decode()


def test_the_spanish_home_page_is_in_spanish(client):
    page = text(client, "/es/")

    assert "No tiene que resolverlo a solas" in page
    assert "Reservar una consulta gratuita de 15 minutos" in page
    assert "You do not have to figure it out alone" not in page


def test_the_crisis_lines_are_exact_and_988_offers_spanish(client):
    page = text(client, "/es/groups/")

    assert '<a href="tel:988"><strong>988</strong></a>' in page
    assert "marque 2" in page
    assert "<strong>911</strong>" in page


def test_the_spanish_catalogue_speaks_spanish_about_each_group(client):
    CohortFactory(capacity=5)

    page = text(client, "/es/groups/")

    assert "Grupos de terapia" in page
    assert "Quedan 5 lugares" in page
    assert "(hora del Pacífico)" in page
    assert "8 sesiones semanales" in page
    assert "Filtrar la lista" in page and "Cualquier día" in page


def test_links_on_a_spanish_page_stay_in_spanish(client):
    page = text(client, "/es/")

    assert 'href="/es/get-started/"' in page
    assert 'href="/es/groups/"' in page
    assert 'href="/get-started/"' not in page


def test_seat_counts_are_worded_for_one_and_for_many():
    with translation.override("es"):
        assert seats_left_label(1) == "Queda 1 lugar"
        assert seats_left_label(3) == "Quedan 3 lugares"
        assert couples_places_label(1) == "Queda lugar para 1 pareja"
    assert seats_left_label(1) == "1 seat left"
    assert couples_places_label(2) == "2 couples' places left"


def test_the_page_cache_keeps_the_two_languages_apart(client):
    CohortFactory(capacity=5)
    english, spanish = reverse("cohorts:catalogue"), "/es" + reverse("cohorts:catalogue")

    for _ in range(2):  # the second round comes from the cache
        assert "5 seats left" in text(client, english)
        assert "Quedan 5 lugares" in text(client, spanish)
        assert "Quedan" not in text(client, english)


def test_an_error_page_under_es_is_in_spanish(client):
    page = text(client, "/es/no-such-page/")

    assert "No encontramos esa página" in page
    assert 'href="/es/"' in page


def test_dates_read_naturally_in_spanish(client):
    import datetime as dt

    cohort = CohortFactory(first_session_date=dt.date(2030, 1, 2), weekday=2)

    page = text(client, "/es" + cohort.group.get_absolute_url())

    assert "Empieza el miércoles 2 de enero" in page
    assert "mié 2 de ene" in page
