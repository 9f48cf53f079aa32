from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"

    def ready(self) -> None:
        from . import digest, emails  # noqa: F401  register the consultation email kinds
