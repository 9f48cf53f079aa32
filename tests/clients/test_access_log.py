"""A complete access log: searches, lists showing names and client pages each write rows;
search words never reach a URL or the log."""

import pytest

from clients.access import access_record
from clients.admin import access_log_url
from clients.admin_access import SEARCH_KEY_VAR
from clients.models import ClientAccessLog
from tests.factories import (
    ClientFactory,
    ConsultationFactory,
    EnrollmentFactory,
    LeadFactory,
)

pytestmark = pytest.mark.django_db

CLIENTS = "/staff/clients/client/"


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def search(staff, url, words, **filters):
    return staff.post(url, {"_search": "1", "q": words, **filters})


def test_a_search_posts_the_words_and_lands_on_a_url_without_them(staff):
    ClientFactory(first_name="Noor", last_name="Haddad")

    posted = search(staff, CLIENTS, "Noor Haddad")

    assert posted.status_code == 302
    assert "Noor" not in posted.url and "Haddad" not in posted.url
    assert f"{SEARCH_KEY_VAR}=" in posted.url
    page = staff.get(posted.url)
    assert "Noor Haddad" in page.content.decode()  # the words come back into the box
    assert 'method="post" role="search"' in page.content.decode()


def test_a_search_key_works_only_for_the_user_who_searched(staff, client, coordinator):
    from tests.factories import StaffUserFactory

    ClientFactory(first_name="Noor")
    ClientFactory(first_name="Other")
    url = search(staff, CLIENTS, "Noor").url
    client.force_login(StaffUserFactory(is_superuser=True))

    page = client.get(url).content.decode()

    assert "Noor" in page and "Other" in page  # the key found no words: an unfiltered list


def test_a_search_keeps_the_filters_chosen_beside_it(staff):
    ClientFactory(first_name="Noor", state="CA")
    ClientFactory(first_name="Noor", last_name="Elsewhere", state="NV")

    page = staff.get(search(staff, CLIENTS, "Noor", state__exact="NV").url)

    assert "Elsewhere" in page.content.decode()
    assert page.context["cl"].result_count == 1


def test_a_search_writes_a_row_per_client_found_with_the_count_and_no_words(staff, coordinator):
    noor = ClientFactory(first_name="Noor", email="noor@mail.example")
    ClientFactory(first_name="Zed")

    staff.get(search(staff, CLIENTS, "noor@mail.example").url)

    (row,) = ClientAccessLog.objects.all()
    assert (row.client_id, row.user, row.action, row.result_count) == (
        noor.pk,
        coordinator,
        "search",
        1,
    )
    assert "noor" not in row.where.lower()


def test_a_search_that_finds_nobody_is_still_on_record(staff):
    ClientFactory(first_name="Noor")

    staff.get(search(staff, CLIENTS, "nobody-by-this-name").url)

    (row,) = ClientAccessLog.objects.all()
    assert (row.client_id, row.action, row.result_count) == (None, "search", 0)


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/staff/clients/client/", lambda: ClientFactory().pk),
        ("/staff/clients/lead/", lambda: LeadFactory().client_id),
        ("/staff/consultations/consultation/", lambda: ConsultationFactory().client_id),
        ("/staff/enrollment/enrollment/", lambda: EnrollmentFactory().client_id),
    ],
)
def test_a_change_list_showing_client_names_writes_a_row_per_client_shown(staff, url, make):
    shown = {make(), make()}

    response = staff.get(url)

    assert response.status_code == 200
    rows = ClientAccessLog.objects.all()
    assert {r.client_id for r in rows} == shown
    assert {(r.action, r.result_count) for r in rows} == {("list", 2)}


def test_a_client_page_writes_a_row(staff, coordinator):
    person = ClientFactory()

    staff.get(f"{CLIENTS}{person.pk}/change/")

    (row,) = ClientAccessLog.objects.all()
    assert (row.client_id, row.user, row.action) == (person.pk, coordinator, "view")


def test_the_access_log_is_filtered_by_client_from_a_link_and_shows_no_names(staff, coordinator):
    ana, ben = ClientFactory(first_name="Anabel"), ClientFactory(first_name="Benedict")
    access_record(user=coordinator, client_ids=[ana.pk], where="admin client")
    access_record(user=coordinator, client_ids=[ben.pk], where="admin client")

    page = staff.get(access_log_url(ana.pk))

    assert page.status_code == 200
    assert [r.client_id for r in page.context["cl"].result_list] == [ana.pk]
    assert "Anabel" not in page.content.decode() and "Benedict" not in page.content.decode()


def test_the_roster_and_the_day_view_write_through_the_same_function(staff, coordinator):
    ids = [ClientFactory().pk, ClientFactory().pk]

    access_record(
        user=coordinator, client_ids=ids + ids[:1], where="therapist roster", count_shown=True
    )

    assert {(r.client_id, r.result_count) for r in ClientAccessLog.objects.all()} == {
        (ids[0], 2),
        (ids[1], 2),
    }


@pytest.mark.parametrize("url", ["/staff/clients/client/", "/staff/clients/lead/"])
def test_logging_a_change_list_costs_one_insert_whatever_its_length(
    staff, url, django_assert_max_num_queries
):
    LeadFactory.create_batch(2)
    with django_assert_max_num_queries(14) as small:
        staff.get(url)
    LeadFactory.create_batch(40)

    with django_assert_max_num_queries(len(small.captured_queries)):
        staff.get(url)

    assert ClientAccessLog.objects.filter(result_count=42).count() == 42
