from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "roster"
    verbose_name = "Rosters and attendance"

    def ready(self) -> None:
        from cohorts.services import cohort_cancelled, session_moved

        from . import emails, privacy, summaries  # noqa: F401  register the roster's emails

        privacy.register()

        cohort_cancelled.connect(_cohort_cancelled, dispatch_uid="roster.cohort_cancelled")
        session_moved.connect(_session_moved, dispatch_uid="roster.session_moved")


def _cohort_cancelled(sender, *, cohort, now, **kwargs) -> None:
    from .summaries import roster_summaries_cancel

    roster_summaries_cancel(cohort=cohort)


def _session_moved(sender, *, session, now, **kwargs) -> None:
    from .summaries import roster_summaries_follow_move

    roster_summaries_follow_move(session=session, now=now)
