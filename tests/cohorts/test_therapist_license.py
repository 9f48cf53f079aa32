"""Each therapist's page names their license type and number, as California requires."""

import pytest

from tests.factories import TherapistFactory

pytestmark = pytest.mark.django_db


def page(client, therapist) -> str:
    return client.get(therapist.get_absolute_url()).content.decode()


def test_a_licensed_therapist_shows_the_license_title_and_number(client):
    therapist = TherapistFactory(credentials="LMFT", license_number="LMFT 118240")
    assert "Licensed Marriage and Family Therapist (LMFT), California license #118240" in page(
        client, therapist
    )


def test_an_associate_shows_a_registration_under_supervision(client):
    therapist = TherapistFactory(credentials="AMFT", license_number="140311")
    html = page(client, therapist)
    assert "Associate Marriage and Family Therapist (AMFT), California registration #140311" in html
    assert "supervision of a licensed therapist" in html


def test_unknown_credentials_are_shown_as_typed(client):
    therapist = TherapistFactory(credentials="LEP", license_number="LEP 4021")
    assert "LEP, California license #4021" in page(client, therapist)
