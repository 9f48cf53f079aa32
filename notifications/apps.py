from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Emails and reminders"

    def ready(self) -> None:
        from . import checks, emails  # noqa: F401  the kinds check; the staff test message
