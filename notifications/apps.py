from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Emails and reminders"

    def ready(self) -> None:
        from . import emails  # noqa: F401  registers the staff test message
