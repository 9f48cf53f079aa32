from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"

    def ready(self) -> None:
        from . import digest, emails, privacy  # noqa: F401  register the consultation email kinds

        privacy.register()
