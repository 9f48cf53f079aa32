from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save, pre_save


class EnrollmentConfig(AppConfig):
    name = "enrollment"

    def ready(self) -> None:
        from cohorts.models import Cohort
        from cohorts.services import cohort_cancelled, session_moved

        from . import couple_emails, emails, privacy, reminders  # noqa: F401  email kinds

        privacy.register()

        cohort_cancelled.connect(_cohort_cancelled, dispatch_uid="enrollment.cohort_cancelled")
        session_moved.connect(_session_moved, dispatch_uid="enrollment.session_moved")
        pre_save.connect(_remember_capacity, sender=Cohort, dispatch_uid="enrollment.capacity")
        post_save.connect(_capacity_raised, sender=Cohort, dispatch_uid="enrollment.capacity")


def _cohort_cancelled(sender, *, cohort, now, **kwargs) -> None:
    from .services import cohort_cancelled_notify

    cohort_cancelled_notify(cohort=cohort, now=now)


def _session_moved(sender, *, session, now, **kwargs) -> None:
    from .reminders import session_move_follow

    session_move_follow(session=session, now=now)


def _remember_capacity(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw or instance.pk is None or (update_fields and "capacity" not in update_fields):
        return
    instance._capacity_before_save = (
        sender.objects.filter(pk=instance.pk).values_list("capacity", flat=True).first()
    )


def _capacity_raised(sender, instance, created, raw=False, **kwargs) -> None:
    before = getattr(instance, "_capacity_before_save", None)
    if created or raw or before is None or instance.capacity <= before:
        return
    from .services import offer_next

    cohort_id = instance.pk
    # After the admin's save commits: the offer transaction locks the cohort row itself.
    transaction.on_commit(lambda: offer_next(cohort_id=cohort_id), robust=True)
