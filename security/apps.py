from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Staff sign-in and roles, sign-in protection, throttles and staff sessions."""

    name = "security"
    verbose_name = "Security"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.core.checks import register
        from django.db.models.signals import post_migrate

        from .roles import staff_roles_sync

        post_migrate.connect(staff_roles_sync, dispatch_uid="security.staff_roles_sync")

        from .throttle import check_rates

        register(check_rates)

        from .sessions import session_mark_signed_in

        user_logged_in.connect(session_mark_signed_in, dispatch_uid="security.signed_in")
