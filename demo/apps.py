from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo practice of `make run` (`manage.py seed_demo`). It may import every app; no
    app imports it."""

    name = "demo"
    verbose_name = "Demo data"
