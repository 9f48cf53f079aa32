"""The sign-up form reads clearly: the right button, honest refusals, limits said up front."""

import re

import pytest
from django.urls import reverse

from clients.forms import CRISIS_REQUIRED
from tests.cohorts.helpers import take_seats
from tests.factories import CohortFactory

from .helpers import form_data, text

pytestmark = pytest.mark.django_db


def signup_url(cohort):
    return reverse("enrollment:signup", args=[cohort.pk])


def button(page: str) -> str:
    return re.search(r'<button type="submit"[^>]*>([^<]*)</button>', page).group(1)


def test_a_full_group_asks_people_to_join_the_waitlist(client):
    cohort = CohortFactory(capacity=2, min_to_run=2)
    take_seats(cohort, 2)
    assert button(text(client.get(signup_url(cohort)))) == "Join the waitlist"


def test_a_group_with_seats_asks_people_to_send_their_sign_up(client, cohort):
    assert button(text(client.get(signup_url(cohort)))) == "Send my sign-up"


def test_someone_refused_for_living_outside_california_sees_no_seat_promises_or_988(client, cohort):
    page = text(client.post(signup_url(cohort), form_data(cohort, state="OR", city="Portland")))
    assert 'id="outside-california"' in page
    assert "holds a seat" not in page
    assert "seats are left" not in page
    refusal = page.split('id="outside-california"')[1].split("</div>")[0]
    assert "988" not in refusal
    # The crisis help is there for a "yes" to the safety question, not for this answer.
    assert "data-crisis-resources hidden" in page


def test_someone_refused_for_a_full_group_outside_california_is_not_told_about_the_waitlist(
    client,
):
    cohort = CohortFactory(capacity=2, min_to_run=2)
    take_seats(cohort, 2)
    page = text(client.post(signup_url(cohort), form_data(cohort, state="OR")))
    assert 'id="outside-california"' in page
    assert "you'll be on the waitlist" not in page


def test_a_name_field_says_its_limit_and_is_not_cut_silently(client, cohort):
    page = text(client.get(signup_url(cohort)))
    first_name = re.search(r'<input[^>]*name="first_name"[^>]*>', page).group(0)
    assert "maxlength" not in first_name
    assert 'aria-describedby="id_first_name_helptext"' in first_name
    assert '<div id="id_first_name_helptext" class="form-text">Up to 60 characters.</div>' in page


def test_a_name_over_the_limit_gets_a_clear_message_and_is_kept_to_fix(client, cohort):
    long_name = "Maria Guadalupe Fernanda de los Angeles Hernandez-Villalobos Ruiz"
    assert len(long_name) == 65
    page = text(client.post(signup_url(cohort), form_data(cohort, first_name=long_name)))
    assert "Please shorten this to 60 characters or fewer (it has 65)." in page
    assert f'value="{long_name}"' in page


def test_the_safety_question_left_blank_is_asked_for_gently(client, cohort):
    data = form_data(cohort)
    del data["crisis"]
    page = text(client.post(signup_url(cohort), data))
    assert str(CRISIS_REQUIRED) in page
    assert (
        "This field is required" not in page.split('id="div_id_crisis"')[1].split("</fieldset>")[0]
    )


def test_the_contact_fields_help_phones_fill_them_in(client, cohort):
    page = text(client.get(signup_url(cohort)))

    def field(name):
        return re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)

    assert 'autocomplete="given-name"' in field("first_name")
    assert 'autocomplete="family-name"' in field("last_name")
    assert 'autocomplete="email"' in field("email")
    assert 'type="tel"' in field("phone") and 'autocomplete="tel"' in field("phone")
    assert 'autocomplete="address-level2"' in field("city")


def test_the_crisis_help_says_call_911_once(client, cohort):
    page = text(client.post(signup_url(cohort), form_data(cohort, crisis="yes", agree="")))
    assert "(call 911)" not in page
    assert page.count("call 911") == 1
    assert '<a href="tel:911"><strong>call 911</strong></a>' in page
