import datetime as dt

import factory
from django.contrib.auth import get_user_model

from cohorts.models import Cohort, Office, Session, Therapist, TherapyGroup
from groups_site.timezones import PACIFIC

__all__ = [
    "CohortFactory",
    "OfficeFactory",
    "SessionFactory",
    "StaffUserFactory",
    "TherapistFactory",
    "TherapyGroupFactory",
]


class StaffUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@practice.example")
    first_name = factory.Faker("first_name")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            from django.contrib.auth.models import Group

            self.groups.add(*Group.objects.filter(name__in=extracted))
        if create:
            self.save()


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("slug",)

    name = "Riverside office"
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    street = "3600 Lime St, Suite 210"
    city = "Riverside"
    postal_code = "92501"


class TherapistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Therapist

    user = factory.SubFactory(StaffUserFactory, roles=["Therapist"])
    display_name = factory.Faker("name")
    slug = factory.Sequence(lambda n: f"therapist-{n}")
    pronouns = "she/her"
    credentials = "LMFT"
    license_number = factory.Sequence(lambda n: f"LMFT {100000 + n}")
    bio = "Helps people build steadier relationships."


class TherapyGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TherapyGroup

    name = factory.Sequence(lambda n: f"Relationship skills group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    focus = TherapyGroup.Focus.MIXED
    topic = "Communication and repair"
    summary = "Practice calmer conversations with people who get it."
    who_it_is_for = "Adults who want steadier relationships."
    what_to_expect = "Eight weekly meetings with a short lesson and guided practice."
    format = TherapyGroup.Format.ONLINE
    office = None
    kind = TherapyGroup.Kind.CLOSED
    session_minutes = 90
    default_capacity = 8
    fee_text = "$60 per session; insurance superbills available"

    class Params:
        in_person = factory.Trait(
            format=TherapyGroup.Format.IN_PERSON, office=factory.SubFactory(OfficeFactory)
        )
        open_group = factory.Trait(kind=TherapyGroup.Kind.OPEN)


class CohortFactory(factory.django.DjangoModelFactory):
    """A published cohort. Sessions are not generated: call cohort_generate_sessions."""

    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    group = factory.SubFactory(TherapyGroupFactory)
    lead_therapist = factory.SubFactory(TherapistFactory)
    first_session_date = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=21))
    weekday = factory.LazyAttribute(lambda c: c.first_session_date.weekday())
    start_time = dt.time(18, 30)
    session_count = 8
    capacity = 8
    min_to_run = factory.LazyAttribute(lambda c: min(4, c.capacity))
    status = Cohort.Status.PUBLISHED

    class Params:
        draft = factory.Trait(status=Cohort.Status.DRAFT)
        cancelled = factory.Trait(status=Cohort.Status.CANCELLED)

    @factory.post_generation
    def sessions(obj, create, extracted, **kwargs):
        # Most tests want the weekly sessions laid out; pass sessions=False to skip that.
        if create and extracted is not False:
            from cohorts.services import cohort_generate_sessions

            cohort_generate_sessions(cohort=obj)


class SessionFactory(factory.django.DjangoModelFactory):
    """One meeting laid out by hand; most tests let cohort_generate_sessions do this."""

    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory, sessions=False)
    scheduled_date = factory.LazyAttribute(lambda s: s.cohort.first_session_date)
    starts_at = factory.LazyAttribute(
        lambda s: dt.datetime.combine(s.scheduled_date, s.cohort.start_time, tzinfo=PACIFIC)
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + dt.timedelta(minutes=90))

    class Params:
        skipped = factory.Trait(status=Session.Status.SKIPPED)
