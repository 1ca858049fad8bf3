"""Writes of the consultation desk: ask, reply, close.

Callers say who writes (``selectors.writing_side``: the pages and the API ask the same
function); these services check what may happen. Refusals are ``ValidationError`` with
``ConsultationErrorCode`` values and change nothing. Attachments are checked by the RAT
attachments' own function (``coop_reporting.rat.attachments.attachment_clean``) before
anything is written. Each message queues its e-mails in the same transaction.

Status: a question is ``open``; a Dinas message makes the thread ``answered`` (the first
one stamps ``first_answered_at``); a cooperative message makes it ``open`` again. Either
side may close it; a new message on a closed thread reopens it, as a helpdesk reopens a
solved ticket when someone writes back, so a closed thread is never a dead end and its
whole history stays in one place.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coop_reporting.consultation import emails
from coop_reporting.consultation.error_codes import ConsultationErrorCode
from coop_reporting.consultation.models import (
    ConsultationAttachment,
    ConsultationMessage,
    ConsultationSide,
    ConsultationStatus,
    ConsultationThread,
    ConsultationTopic,
)
from coop_reporting.rat.attachments import CleanAttachment, ImageCleaner, attachment_clean
from marketplace.accounts.models import User
from marketplace.core.exceptions import field_error
from marketplace.village_hubs.models import Cooperative

logger = logging.getLogger(__name__)

TEXT_FIELD = "text"
ATTACHMENTS_FIELD = "attachments"
MAX_TEXT_LENGTH = 5000


@dataclass(frozen=True)
class Upload:
    """A file sent with a message: its name and its bytes (or a file object)."""

    name: str
    content: IO[bytes] | bytes


def max_attachments() -> int:
    return int(getattr(settings, "CONSULTATION_MAX_ATTACHMENTS", 3))


def _clean_text(text: str) -> str:
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise field_error(TEXT_FIELD, _("Write your message."), ConsultationErrorCode.REQUIRED)
    if len(text) > MAX_TEXT_LENGTH:
        raise field_error(
            TEXT_FIELD,
            _("Write at most %(max)s characters.") % {"max": MAX_TEXT_LENGTH},
            ConsultationErrorCode.INVALID,
        )
    return text


def _clean_files(
    files: Sequence[Upload], image_clean: ImageCleaner
) -> list[tuple[Upload, CleanAttachment]]:
    """Every file checked as a RAT attachment is; the first refusal, on ``attachments``."""
    if len(files) > max_attachments():
        raise field_error(
            ATTACHMENTS_FIELD,
            _("Attach at most %(max)s files.") % {"max": max_attachments()},
            ConsultationErrorCode.TOO_MANY_FILES,
        )
    cleaned = []
    for upload in files:
        try:
            cleaned.append((upload, attachment_clean(upload.content, image_clean=image_clean)))
        except ValidationError as refused:
            error = next(e for errors in refused.error_dict.values() for e in errors)
            message = error.message % error.params if error.params else error.message
            name = upload.name or _("the file")
            raise field_error(
                ATTACHMENTS_FIELD,
                f"{name}: {message}",
                ConsultationErrorCode(error.code),
            ) from None
    return cleaned


def _store(cooperative_id: int, cleaned: list[tuple[Upload, CleanAttachment]]) -> list[str]:
    return [
        default_storage.save(
            f"consultation/{cooperative_id}/{uuid.uuid4().hex}.{clean.extension}",
            ContentFile(clean.content),
        )
        for _upload, clean in cleaned
    ]


def _write_message(
    *,
    thread: ConsultationThread,
    side: str,
    actor: User,
    text: str,
    files: list[tuple[Upload, CleanAttachment]],
    stored: list[str],
    now: datetime.datetime,
) -> ConsultationMessage:
    message = ConsultationMessage.objects.create(
        thread=thread, side=side, author=actor, text=text, created_at=now
    )
    for (upload, clean), name in zip(files, stored, strict=True):
        ConsultationAttachment.objects.create(
            message=message,
            file=name,
            file_name=(upload.name or "")[:255],
            content_type=clean.content_type,
            size=len(clean.content),
            page_count=clean.page_count,
        )
    return message


def consultation_ask(
    *,
    cooperative: Cooperative,
    actor: User,
    topic: str,
    text: str,
    files: Sequence[Upload] = (),
    image_clean: ImageCleaner,
) -> ConsultationThread:
    """A cooperative's admin asks the Dinas a question; the officers supervising the
    cooperative are e-mailed. ``image_clean`` is ``marketplace.catalog.images.image_clean``."""
    if topic not in ConsultationTopic.values:
        raise field_error("topic", _("Choose a topic."), ConsultationErrorCode.REQUIRED)
    text = _clean_text(text)
    cleaned = _clean_files(files, image_clean)
    stored = _store(cooperative.pk, cleaned)
    now = timezone.now()
    try:
        with transaction.atomic():
            thread = ConsultationThread.objects.create(
                cooperative=cooperative,
                topic=topic,
                asked_by=actor,
                asked_at=now,
                last_message_at=now,
            )
            message = _write_message(
                thread=thread,
                side=ConsultationSide.COOPERATIVE,
                actor=actor,
                text=text,
                files=cleaned,
                stored=stored,
                now=now,
            )
            emails.message_emails_send(message, is_question=True)
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    logger.info(
        "consultation_asked",
        extra={"thread_id": thread.pk, "cooperative_id": cooperative.pk, "topic": topic},
    )
    return thread


def _status_after(thread: ConsultationThread, side: str, now: datetime.datetime) -> None:
    if side == ConsultationSide.DINAS:
        thread.status = ConsultationStatus.ANSWERED
        if thread.first_answered_at is None:
            thread.first_answered_at = now
    else:
        thread.status = ConsultationStatus.OPEN
    thread.last_message_at = now
    thread.closed_at = None
    thread.closed_by = None


def consultation_reply(
    *,
    thread: ConsultationThread,
    side: str,
    actor: User,
    text: str,
    files: Sequence[Upload] = (),
    image_clean: ImageCleaner,
) -> ConsultationMessage:
    """A message on a thread from ``side`` (the caller's ``writing_side``); the other
    side is e-mailed. A closed thread opens again (see the module's doc)."""
    if side not in ConsultationSide.values:
        raise ValueError(f"Unknown side {side!r}")
    text = _clean_text(text)
    cleaned = _clean_files(files, image_clean)
    stored = _store(thread.cooperative_id, cleaned)
    now = timezone.now()
    try:
        with transaction.atomic():
            locked = ConsultationThread.objects.select_for_update().get(pk=thread.pk)
            reopened = locked.is_closed
            _status_after(locked, side, now)
            locked.save()
            message = _write_message(
                thread=locked, side=side, actor=actor, text=text, files=cleaned, stored=stored,
                now=now,
            )  # fmt: skip
            emails.message_emails_send(message, is_question=False)
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    thread.refresh_from_db()
    logger.info(
        "consultation_replied",
        extra={"thread_id": thread.pk, "side": side, "reopened": reopened},
    )
    return message


@transaction.atomic
def consultation_close(*, thread: ConsultationThread, actor: User) -> ConsultationThread:
    """Close a thread (either side, or platform staff). It stays on the record."""
    locked = ConsultationThread.objects.select_for_update().get(pk=thread.pk)
    if locked.is_closed:
        raise field_error(
            None, _("This consultation is already closed."), ConsultationErrorCode.ALREADY_CLOSED
        )
    locked.status = ConsultationStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.closed_by = actor
    locked.save(update_fields=["status", "closed_at", "closed_by"])
    logger.info("consultation_closed", extra={"thread_id": locked.pk})
    return locked
