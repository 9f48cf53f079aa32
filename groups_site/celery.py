"""The Celery app: settings come from Django's CELERY_* names; tasks live in each app.

With no CELERY_BROKER_URL the broker is kombu's file-system transport: messages are files
under var/, so `make run` sends reminders with no Redis server. Production uses Redis.
"""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groups_site.settings")

app = Celery("groups_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _make_queue_folders(sender: Celery, **kwargs) -> None:
    # The file-system transport expects its folders to exist, in the worker and in every
    # process that queues a task.
    if str(sender.conf.broker_url).startswith("filesystem://"):
        options = sender.conf.broker_transport_options or {}
        for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
            if options.get(key):
                Path(options[key]).mkdir(parents=True, exist_ok=True)
