from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ModelWithMetadata(models.Model):
    """Saleor's free-form key/value metadata: ``metadata`` (public) and ``private_metadata``.

    Keys and values are strings. Who may read and write them is decided per type by the
    API (``storefront_api.core.metadata``); write through
    :mod:`marketplace.core.metadata`, which changes keys atomically in the database.
    """

    metadata = models.JSONField(_("metadata"), default=dict, blank=True)
    private_metadata = models.JSONField(_("private metadata"), default=dict, blank=True)

    class Meta:
        abstract = True


class OutgoingEmail(TimeStampedModel):
    """An e-mail written in a transaction and sent by a Celery worker after commit.

    The row is the outbox: a task re-delivered after a crash finds ``sent_at`` set and
    does not send twice.
    """

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["sent_at"])]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class Heartbeat(models.Model):
    """When a periodic process last proved it works, by name.

    ``beat``: Celery beat's heartbeat task last ran, so beat sent it, the broker carried
    it and a worker ran it. ``/health/`` reports it stale past ``BEAT_STALE_AFTER``.
    """

    name = models.CharField(_("name"), max_length=50, unique=True)
    at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.name}: {self.at.isoformat()}"
