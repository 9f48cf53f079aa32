"""Who may see which roster: the coordinator sees every cohort, a therapist only the cohorts
they lead or co-lead, everyone else nothing.

Another therapist's cohort is a 404, never a 403, so a guessed id does not even confirm
that the cohort exists.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import Http404

from cohorts.models import Cohort, Session, Therapist
from cohorts.querysets import CohortQuerySet
from security.roles import COORDINATOR


def is_coordinator(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    # Asked on every staff page: keep the answer on the user for the rest of the request.
    cached = getattr(user, "_roster_is_coordinator", None)
    if cached is None:
        # `backends.StaffModelBackend` loads the answer with the user; ask only otherwise.
        in_group = getattr(user, "_roster_in_coordinator_group", None)
        if in_group is None:
            in_group = user.groups.filter(name=COORDINATOR).exists()
        cached = user.is_superuser or in_group
        user._roster_is_coordinator = cached
    return cached


def therapist_of(user: AbstractBaseUser | AnonymousUser) -> Therapist | None:
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return None
    return getattr(user, "therapist", None)


def may_use_roster(user: AbstractBaseUser | AnonymousUser) -> bool:
    return is_coordinator(user) or therapist_of(user) is not None


def visible_cohorts(user: AbstractBaseUser | AnonymousUser) -> CohortQuerySet:
    cohorts = Cohort.objects.all()
    if is_coordinator(user):
        return cohorts
    therapist = therapist_of(user)
    if therapist is None:
        return cohorts.none()
    return cohorts.for_therapist(therapist)


def may_see_cohort(user: AbstractBaseUser | AnonymousUser, cohort: Cohort) -> bool:
    if is_coordinator(user):
        return True
    therapist = therapist_of(user)
    return therapist is not None and therapist.pk in (
        cohort.lead_therapist_id,
        cohort.co_therapist_id,
    )


def therapist_cohort_or_404(user: AbstractBaseUser | AnonymousUser, pk: int) -> Cohort:
    cohort = (
        visible_cohorts(user)
        .select_related("group", "group__office", "lead_therapist", "co_therapist")
        .filter(pk=pk)
        .first()
    )
    if cohort is None:
        raise Http404("No such cohort.")
    return cohort


def therapist_session_or_404(user: AbstractBaseUser | AnonymousUser, pk: int) -> Session:
    session = (
        Session.objects.filter(pk=pk, cohort__in=visible_cohorts(user))
        .select_related("cohort", "cohort__group", "cohort__lead_therapist", "cohort__co_therapist")
        .first()
    )
    if session is None:
        raise Http404("No such session.")
    return session
