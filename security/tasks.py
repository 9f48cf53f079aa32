from celery import shared_task
from django.core.management import call_command


@shared_task
def clear_sessions() -> None:
    """Weekly: delete expired sessions (twin of `manage.py clearsessions`)."""
    call_command("clearsessions")
