from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ClientsConfig(AppConfig):
    name = "clients"
    verbose_name = "Clients and leads"

    def ready(self) -> None:
        from . import emails  # noqa: F401  registers the intake email kinds
        from .roles import staff_roles_sync

        post_migrate.connect(staff_roles_sync, dispatch_uid="clients.staff_roles_sync")
