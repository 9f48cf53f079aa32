from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"

    def ready(self) -> None:
        from . import emails  # noqa: F401  registers the consultation email kinds
