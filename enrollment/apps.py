from django.apps import AppConfig


class EnrollmentConfig(AppConfig):
    name = "enrollment"

    def ready(self) -> None:
        from . import emails  # noqa: F401  registers the enrollment email kinds
