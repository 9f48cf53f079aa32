"""Couples for display tests: two partners' places in one couples cohort, written straight
to the tables (setting the scene; the site itself goes through enrollment.services)."""

from django.utils import timezone

from enrollment.models import Couple, Enrollment
from tests.factories import EnrollmentFactory


def couple_in(cohort, *, first=("Ana", "Luis"), **traits) -> tuple[Enrollment, Enrollment]:
    """Two partners, each with their own client and place, in the same state (`traits`,
    as EnrollmentFactory takes them; per-partner ones as `a_<name>` / `b_<name>`)."""
    couple = Couple.objects.create(cohort=cohort)
    shared = {k: v for k, v in traits.items() if not k.startswith(("a_", "b_"))}
    places = []
    for prefix, name in zip(("a_", "b_"), first, strict=True):
        own = {k[2:]: v for k, v in traits.items() if k.startswith(prefix)}
        places.append(
            EnrollmentFactory(
                cohort=cohort, couple=couple, client__first_name=name, **{**shared, **own}
            )
        )
    return places[0], places[1]


def partner_stayed_alone(cohort, *, first="Sol") -> Enrollment:
    """One seat held alone: the other partner left and the coordinator kept this one on."""
    stays, _left = couple_in(
        cohort, first=(first, "Gone"), enrolled=True, b_status=Enrollment.Status.WITHDRAWN
    )
    Couple.objects.filter(pk=stays.couple_id).update(kept_alone_at=timezone.now())
    return stays
