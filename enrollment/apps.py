from django.apps import AppConfig


class EnrollmentConfig(AppConfig):
    name = "enrollment"

    def ready(self) -> None:
        from cohorts.services import cohort_cancelled, session_moved

        from . import couple_emails, emails, privacy, reminder_emails  # noqa: F401  email kinds

        privacy.register()

        cohort_cancelled.connect(_cohort_cancelled, dispatch_uid="enrollment.cohort_cancelled")
        session_moved.connect(_session_moved, dispatch_uid="enrollment.session_moved")


def _cohort_cancelled(sender, *, cohort, now, **kwargs) -> None:
    from .services import cohort_cancel_places

    cohort_cancel_places(cohort=cohort, now=now)


def _session_moved(sender, *, session, now, **kwargs) -> None:
    from .reminders import session_move_follow

    session_move_follow(session=session, now=now)
