from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Sign-in protection, throttles, staff sessions and the site's error pages."""

    name = "security"
    verbose_name = "Security"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.core.checks import register

        from .throttle import check_rates

        register(check_rates)

        from .sessions import session_mark_signed_in

        user_logged_in.connect(session_mark_signed_in, dispatch_uid="security.signed_in")
