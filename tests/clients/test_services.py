"""One person, one client row: matching on email, whatever its case, and first contacts racing."""

import pytest

from clients.models import Client
from clients.services import client_fill_blanks, client_get_or_create
from tests.factories import ClientFactory
from tests.races import race


@pytest.mark.django_db
def test_a_known_address_in_other_capitals_finds_the_same_person():
    ana = ClientFactory(email="Ana.Rivera@mail.example", first_name="Ana", phone="")

    again = client_get_or_create(email=" ANA.RIVERA@mail.example ", first_name="Someone")

    assert again.pk == ana.pk
    assert Client.objects.count() == 1
    assert Client.objects.with_email("ana.rivera@MAIL.example").get().pk == ana.pk


@pytest.mark.django_db
def test_a_public_form_fills_blank_details_and_never_overwrites_others():
    ana = ClientFactory(email="ana@mail.example", first_name="Ana", phone="", city="Riverside")

    client_get_or_create(
        email="ana@mail.example", first_name="Mallory", phone="951-555-0101", city="Reno"
    )

    ana.refresh_from_db()
    assert (ana.first_name, ana.phone, ana.city) == ("Ana", "951-555-0101", "Riverside")


@pytest.mark.django_db
def test_a_first_contact_is_saved_with_the_address_as_typed():
    client = client_get_or_create(email=" Ben.Okafor@Mail.example", first_name=" Ben ")

    client.refresh_from_db()
    assert (client.email, client.first_name) == ("Ben.Okafor@Mail.example", "Ben")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_five_first_contacts_with_one_address_at_once_make_one_client_and_no_error():
    outcomes = race(
        5,
        lambda i: client_get_or_create(
            email=f"Same@Mail.example{'' if i % 2 else ' '}", first_name="Sam"
        ),
    )

    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert Client.objects.count() == 1
    assert {o.pk for o in outcomes} == {Client.objects.get().pk}


@pytest.mark.django_db
def test_a_first_contact_has_one_history_row_with_every_first_value():
    client = client_get_or_create(email="ben@mail.example", first_name="Ben", city="Reno")

    assert client.written_now
    (row,) = client.history.all()
    assert (row.history_type, row.first_name, row.city) == ("+", "Ben", "Reno")


@pytest.mark.django_db
def test_a_known_person_coming_back_writes_no_new_history_row():
    first = client_get_or_create(email="ben@mail.example", first_name="Ben", city="Reno")

    again = client_get_or_create(email="BEN@mail.example", first_name="Benjamin", city="Elko")

    assert again.pk == first.pk and not again.written_now
    assert again.history.count() == 1


@pytest.mark.django_db
def test_a_record_from_before_history_was_kept_gets_its_first_row_when_the_person_returns():
    Client.objects.bulk_create([Client(email="old@mail.example", first_name="Olga")])  # no signal

    client = client_get_or_create(email="old@mail.example", first_name="Olga")

    assert [row.history_type for row in client.history.all()] == ["+"]


@pytest.mark.django_db
def test_a_blank_filled_meanwhile_by_another_form_is_not_overwritten():
    ana = ClientFactory(email="ana@mail.example", phone="")
    stale = Client.objects.get(pk=ana.pk)
    Client.objects.filter(pk=ana.pk).update(phone="951-555-0101")  # the first form's answer

    client_fill_blanks(stale, phone="702-555-0199", city="Riverside")

    ana.refresh_from_db()
    assert ana.phone == stale.phone == "951-555-0101"
