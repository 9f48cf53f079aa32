from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "clients"
    verbose_name = "Clients and leads"

    def ready(self) -> None:
        from . import emails  # noqa: F401  registers the intake email kinds
