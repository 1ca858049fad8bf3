from __future__ import annotations

import logging

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from marketplace.core.models import OutgoingEmail
from marketplace.core.services import heartbeat_record

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(OSError,),  # SMTP and socket errors
    retry_backoff=True,
    max_retries=8,
)
def send_email_task(email_id: int) -> None:
    """Send one queued e-mail. Safe to run twice or concurrently: it is sent once."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.sent_at is not None:
            return
        email.attempts += 1
        message = EmailMultiAlternatives(email.subject, email.body, to=[email.to])
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        message.send()
        email.sent_at = timezone.now()
        email.save(update_fields=["attempts", "sent_at", "updated_at"])
    logger.info("email_sent", extra={"email_id": email_id})


@shared_task(ignore_result=True)
def beat_heartbeat_task() -> None:
    """Beat's heartbeat: its running proves beat, the broker and a worker work."""
    heartbeat_record(name="beat")
