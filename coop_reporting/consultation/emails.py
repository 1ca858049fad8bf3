"""The e-mail each new consultation message sends to the other side: a question or a
cooperative's reply to the officers supervising the cooperative, a Dinas reply to the
cooperative's admins. One e-mail per recipient, in their language, queued in the same
transaction as the message (``marketplace.core.services.email_send``: the outbox row is
written with it, a worker sends it after commit), with a link to the thread's page."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from coop_reporting.consultation import selectors
from coop_reporting.consultation.models import (
    ConsultationMessage,
    ConsultationSide,
    ConsultationTopic,
)
from marketplace.accounts.models import User
from marketplace.core.models import OutgoingEmail
from marketplace.notifications.emails import notification_send


def thread_link(message: ConsultationMessage, *, for_side: str) -> str:
    """The thread's page on the recipient's side: the back office or the district desk."""
    thread = message.thread
    if for_side == ConsultationSide.COOPERATIVE:
        path = reverse("web:backoffice-consultation", args=[thread.cooperative_id, thread.pk])
    else:
        path = reverse("web:dinas-consultation", args=[thread.pk])
    return settings.PUBLIC_URL.rstrip("/") + path


def _recipients(message: ConsultationMessage) -> tuple[list[User], str]:
    cooperative = message.thread.cooperative
    if message.side == ConsultationSide.COOPERATIVE:
        people, side = selectors.officers_covering(cooperative), ConsultationSide.DINAS
    else:
        people, side = selectors.cooperative_admins(cooperative), ConsultationSide.COOPERATIVE
    return [person for person in people if person.pk != message.author_id and person.email], side


def _subject(message: ConsultationMessage, *, is_question: bool) -> str:
    names = {
        "cooperative": message.thread.cooperative.name,
        "topic": ConsultationTopic(message.thread.topic).label,
    }
    if is_question:
        return _("New question from %(cooperative)s: %(topic)s") % names
    if message.side == ConsultationSide.DINAS:
        return _("The Dinas answered your question: %(topic)s") % names
    return _("%(cooperative)s replied: %(topic)s") % names


def message_emails_send(message: ConsultationMessage, *, is_question: bool) -> list[OutgoingEmail]:
    """Queue the e-mails announcing ``message`` to the other side (call inside the
    transaction that writes it). Returns them, one per recipient."""
    recipients, side = _recipients(message)
    attachments = [item.file_name or item.file.name for item in message.attachments.all()]
    sent = []
    for person in recipients:
        sent.append(
            notification_send(
                to=person.email,
                template="consultation_message",
                language_code=person.language_code,
                subject=lambda: _subject(message, is_question=is_question),
                context={
                    "recipient": person,
                    "message": message,
                    "thread": message.thread,
                    "cooperative": message.thread.cooperative,
                    "topic": ConsultationTopic(message.thread.topic).label,
                    "is_question": is_question,
                    "from_dinas": message.side == ConsultationSide.DINAS,
                    "attachments": attachments,
                    "thread_url": thread_link(message, for_side=side),
                },
            )
        )
    return sent
