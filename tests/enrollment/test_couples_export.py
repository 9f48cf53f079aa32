"""A partner's data export says the place was taken as a couple, and holds nothing of the
other partner: their name, email and answers are theirs."""

import datetime as dt
import json

import pytest

from clients.privacy import client_export
from tests.couples import couple_in
from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC)


def test_one_partners_export_holds_nothing_of_the_other(coordinator):
    cohort = CohortFactory(group__focus="couples", sessions=False)
    ana, luis = couple_in(
        cohort,
        first=("Ana", "Luis"),
        enrolled=True,
        b_hopes="Luis's own hopes",
        b_urgent=True,
        b_client__email="luis.private@mail.example",
    )

    data = client_export(client_id=ana.client_id, by=coordinator, now=NOW)

    (place,) = data["enrollments"]
    assert place["as_a_couple"] is True
    text = json.dumps(data)
    assert "Luis" not in text and "luis.private@mail.example" not in text
