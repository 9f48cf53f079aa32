"""Every word of the public forms in Spanish on a Spanish page, the list of states included,
while the English pages keep their English.

Needs the compiled catalogue (`manage.py compilemessages`), as `make` and CI build it.
"""

import datetime as dt
import html
import re

import pytest

from clients.models import Client
from tests.factories import CohortFactory, CoordinatorFactory

pytestmark = pytest.mark.django_db

# The states whose Spanish names differ from the English, and two that do not.
SPANISH_STATES = {
    "CA": "California",
    "DC": "Distrito de Columbia",
    "HI": "Hawái",
    "LA": "Luisiana",
    "NY": "Nueva York",
    "NC": "Carolina del Norte",
    "PA": "Pensilvania",
    "WV": "Virginia Occidental",
    "TX": "Texas",
    "XX": "Fuera de los Estados Unidos",
}
ENGLISH_STATES = {
    "CA": "California",
    "DC": "District of Columbia",
    "HI": "Hawaii",
    "LA": "Louisiana",
    "NY": "New York",
    "NC": "North Carolina",
    "PA": "Pennsylvania",
    "WV": "West Virginia",
    "TX": "Texas",
    "XX": "Outside the United States",
}


@pytest.fixture
def cohort():
    return CohortFactory(capacity=3)


@pytest.fixture
def open_every_day():
    """Times on offer every day, whatever the hour: the booking form shows."""
    return CoordinatorFactory(hours=[(day, dt.time(9), dt.time(17)) for day in range(7)])


def form_pages(cohort) -> dict[str, str]:
    return {
        "sign-up": f"/enroll/{cohort.pk}/",
        "get started": "/get-started/",
        "booking": "/consultation/",
    }


def text(response) -> str:
    return html.unescape(response.content.decode())


def state_options(page: str) -> list[tuple[str, str]]:
    select = re.search(r'<select name="state".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="(\w*)"[^>]*>([^<]*)</option>', select)


@pytest.mark.parametrize("form", ["sign-up", "get started", "booking"])
def test_the_spanish_state_list_names_the_states_in_spanish(client, cohort, open_every_day, form):
    page = text(client.get("/es" + form_pages(cohort)[form]))

    options = state_options(page)
    assert len(options) == 52  # 50 states, DC and "outside the US"
    assert options[0] == ("CA", "California")  # the practice's state first, as in English
    assert {code: name for code, name in options if code in SPANISH_STATES} == SPANISH_STATES
    assert '<option value="CA" selected>California</option>' in page


def test_the_english_state_list_is_unchanged_after_a_spanish_page(client, cohort):
    spanish = state_options(text(client.get(f"/es/enroll/{cohort.pk}/")))

    english = state_options(text(client.get(f"/enroll/{cohort.pk}/")))

    assert [code for code, _ in english] == [code for code, _ in spanish]
    assert {code: name for code, name in english if code in ENGLISH_STATES} == ENGLISH_STATES
    assert english[1:4] == [("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona")]


def test_a_state_chosen_on_the_spanish_form_is_kept_as_its_code(client):
    client.post(
        "/es/get-started/",
        {
            "first_name": "Ana",
            "email": "ana.rivera@mail.example",
            "preferred_contact": "email",
            "state": "NY",
            "interest": "couples",
            "crisis": "no",
        },
    )

    assert Client.objects.get().state == "NY"
