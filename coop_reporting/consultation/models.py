"""Consultation threads: a question from a cooperative's admin to the Dinas officers who
supervise the cooperative, the messages that follow and the files attached to them.

A thread is ``open`` (waiting for the Dinas), ``answered`` (the Dinas wrote last) or
``closed`` (either side closed it). Threads and messages are never deleted: a closed
thread stays on the record, and a new message on it opens it again (see
``services.consultation_reply``), as a helpdesk reopens a solved ticket when the asker
writes back.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.village_hubs.models import Cooperative


class ConsultationTopic(models.TextChoices):
    RAT = "rat", _("RAT (annual members' meeting)")
    FINANCE = "finance", _("Finance")
    LEGAL = "legal", _("Legal and permits")
    MARKETING = "marketing", _("Marketing")
    OTHER = "other", _("Other")


class ConsultationStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class ConsultationSide(models.TextChoices):
    COOPERATIVE = "cooperative", _("Cooperative")
    DINAS = "dinas", _("Dinas")


class ConsultationThread(models.Model):
    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.PROTECT,
        related_name="consultation_threads",
        verbose_name=_("cooperative"),
    )
    topic = models.CharField(_("topic"), max_length=16, choices=ConsultationTopic.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.OPEN,
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    asked_at = models.DateTimeField(_("asked"), db_index=True)
    first_answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    last_message_at = models.DateTimeField(_("last message"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ("-last_message_at", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(topic__in=ConsultationTopic.values),
                name="coop_consultation_thread_topic_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ConsultationStatus.values),
                name="coop_consultation_thread_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(first_answered_at__isnull=True)
                | Q(first_answered_at__gte=models.F("asked_at")),
                name="coop_consultation_thread_answered_after_asked",
            ),
        ]
        indexes = [
            models.Index(fields=["cooperative", "status"], name="coop_consult_coop_status"),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative_id}/{self.pk} {self.topic} ({self.status})"

    @property
    def is_closed(self) -> bool:
        return self.status == ConsultationStatus.CLOSED


class ConsultationMessage(models.Model):
    thread = models.ForeignKey(
        ConsultationThread,
        on_delete=models.PROTECT,
        related_name="messages",
        verbose_name=_("consultation"),
    )
    side = models.CharField(_("side"), max_length=16, choices=ConsultationSide.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("written"))

    class Meta:
        verbose_name = _("consultation message")
        verbose_name_plural = _("consultation messages")
        ordering = ("created_at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(side__in=ConsultationSide.values),
                name="coop_consultation_message_side_valid",
            ),
            models.CheckConstraint(
                condition=~Q(text=""), name="coop_consultation_message_text_not_blank"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id}: {self.side} {self.created_at:%Y-%m-%d %H:%M}"


class ConsultationAttachment(models.Model):
    """A PDF or image attached to a message, checked as RAT attachments are."""

    message = models.ForeignKey(
        ConsultationMessage,
        on_delete=models.PROTECT,
        related_name="attachments",
        verbose_name=_("message"),
    )
    file = models.FileField(_("file"), upload_to="consultation/", max_length=255)
    file_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("consultation attachment")
        verbose_name_plural = _("consultation attachments")
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.file_name or self.file.name
