"""Write use cases shared by every app."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from marketplace.core.models import Heartbeat, OutgoingEmail

logger = logging.getLogger(__name__)


def email_send(*, to: str, subject: str, body: str, html_body: str = "") -> OutgoingEmail:
    """Store an e-mail in the outbox and have a worker send it once the transaction commits.

    Callers render the text in the recipient's language before calling this.
    """
    from marketplace.core.tasks import send_email_task

    email = OutgoingEmail.objects.create(to=to, subject=subject, body=body, html_body=html_body)
    transaction.on_commit(lambda: send_email_task.delay(email.pk))
    logger.info("email_queued", extra={"email_id": email.pk})
    return email


def heartbeat_record(*, name: str) -> Heartbeat:
    """Stamp the current time as ``name``'s last sign of life (see ``Heartbeat``)."""
    heartbeat, _created = Heartbeat.objects.update_or_create(
        name=name, defaults={"at": timezone.now()}
    )
    return heartbeat
