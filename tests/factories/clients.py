import factory

from clients.models import Client, Lead

__all__ = ["ClientFactory", "LeadFactory"]


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    email = factory.Sequence(lambda n: f"client{n}@mail.example")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    phone = "951-555-0100"
    state = "CA"
    city = "Riverside"


class LeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lead

    client = factory.SubFactory(ClientFactory)
    source = Lead.Source.GET_STARTED
    interest = Lead.Interest.NOT_SURE

    class Params:
        urgent = factory.Trait(is_urgent=True)
