from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Site pages"

    def ready(self) -> None:
        from cohorts.caching import connect_signals

        # An edited FAQ answer shows at once, not after the public page cache expires.
        connect_signals(
            ("pages.FaqSection", "pages.FaqEntry", "pages.GuideSection", "pages.GuideRow")
        )
