import datetime as dt

import factory
from django.utils import timezone

from clients.models import (
    Client,
    ClientAccessLog,
    ClientNote,
    ClosedDay,
    EmergencyContact,
    Lead,
    LeadEvent,
)

__all__ = [
    "ClientAccessLogFactory",
    "ClientFactory",
    "ClientNoteFactory",
    "ClosedDayFactory",
    "EmergencyContactFactory",
    "LeadEventFactory",
    "LeadFactory",
]


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    email = factory.Sequence(lambda n: f"client{n}@mail.example")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    phone = "951-555-0100"
    state = "CA"
    city = "Riverside"

    class Params:
        # Someone who wrote to us from a Spanish page.
        spanish = factory.Trait(language="es")


class LeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lead

    client = factory.SubFactory(ClientFactory)
    source = Lead.Source.GET_STARTED
    interest = Lead.Interest.NOT_SURE

    class Params:
        urgent = factory.Trait(is_urgent=True)


class LeadEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeadEvent

    lead = factory.SubFactory(LeadFactory)
    from_status = ""
    to_status = factory.SelfAttribute("lead.status")
    at = factory.LazyFunction(timezone.now)


class ClientAccessLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientAccessLog

    client = factory.SubFactory(ClientFactory)
    user = factory.SubFactory("tests.factories.cohorts.StaffUserFactory")
    where = "admin: client page"


class EmergencyContactFactory(factory.django.DjangoModelFactory):
    """Written straight to the table; members give theirs through clients.emergency."""

    class Meta:
        model = EmergencyContact

    client = factory.SubFactory(ClientFactory)
    name = "Rosa Delgado"
    relationship = "Sister"
    phone = "951-555-0188"
    updated_at = factory.LazyFunction(timezone.now)


class ClientNoteFactory(factory.django.DjangoModelFactory):
    """A call note written straight to the table; the site goes through client_call_log."""

    class Meta:
        model = ClientNote

    client = factory.SubFactory(ClientFactory)
    kind = ClientNote.Kind.CALL
    text = "Called back; talked through the Tuesday group."
    author = factory.SubFactory("tests.factories.cohorts.StaffUserFactory")
    at = factory.LazyFunction(timezone.now)


class ClosedDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClosedDay
        django_get_or_create = ("date",)

    date = factory.Sequence(lambda n: dt.date(2026, 12, 24) + dt.timedelta(days=365 * n))
    note = "Holiday"
