"""The Celery application: ``celery -A marketplace worker`` / ``celery -A marketplace beat``."""

import os

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

app = Celery("marketplace")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@beat_init.connect
def _heartbeat_on_start(sender: object, **kwargs: object) -> None:
    """A heartbeat as soon as beat starts, not one interval later (see ``/health/``)."""
    from django.conf import settings

    app.send_task(
        "marketplace.core.tasks.beat_heartbeat_task", expires=settings.BEAT_HEARTBEAT_INTERVAL
    )
