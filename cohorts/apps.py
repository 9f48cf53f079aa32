from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = "Groups and cohorts"

    def ready(self) -> None:
        from .caching import connect_signals

        connect_signals()
