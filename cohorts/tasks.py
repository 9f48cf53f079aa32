"""Thin Celery tasks; each has a management-command twin for running by hand or from cron."""

from celery import shared_task

from .services import open_groups_extend


@shared_task
def extend_open_groups() -> int:
    # Open groups keep a rolling horizon of weekly sessions; without this they would run
    # out of dates (and of entry points) a few weeks after the last extension.
    extended, _failed = open_groups_extend()
    return extended
