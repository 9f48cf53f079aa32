"""Where staff land after signing in, whichever sign-in page they used."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # StaffUserFactory's


# Admin's sign-in form posts `next` (its home unless another admin page was asked for).
@pytest.mark.parametrize("asked_for", ["/staff/", "/staff/clients/lead/"])
def test_a_therapist_signing_in_at_the_admin_page_lands_on_their_portal(
    client, therapist, asked_for
):
    response = client.post(
        "/staff/login/",
        {"username": therapist.user.username, "password": PASSWORD, "next": asked_for},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("roster:home")
    assert response.status_code == 200
    assert "My cohorts" in response.content.decode()


def test_a_therapist_still_may_not_open_an_admin_page(client, therapist):
    client.force_login(therapist.user)

    assert client.get("/staff/clients/lead/").status_code == 403


def test_the_coordinator_signing_in_at_the_admin_page_lands_on_the_admin(client, coordinator):
    response = client.post(
        "/staff/login/",
        {"username": coordinator.username, "password": PASSWORD, "next": "/staff/"},
    )

    assert (response.status_code, response["Location"]) == (302, reverse("admin:index"))
