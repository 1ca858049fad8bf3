"""Report files made on request by a Celery worker (``tasks.report_export_generate_task``).

A ``ReportExport`` is one request: what (``kind``, a key of ``registry``; ``format``;
``parameters`` as JSON), who asked, and how it went (``status``, ``error``). The file is
stored with Django's default storage under a path with the export's UUID and a random
token (``export_file_path``), so it cannot be guessed; it is handed out only through the
permission-checked download view (storefront_api.coop_reporting.downloads).
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.village_hubs.models import Cooperative


class ReportExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    PDF = "pdf", "PDF"


class ReportExportStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    SUCCESS = "success", _("Ready")
    FAILED = "failed", _("Failed")


def export_file_path(instance: ReportExport, filename: str) -> str:
    """``reports/exports/<uuid>/<random token>/<filename>``: not guessable."""
    return f"reports/exports/{instance.pk.hex}/{secrets.token_urlsafe(18)}/{filename}"


class ReportExport(models.Model):
    Format = ReportExportFormat
    Status = ReportExportStatus

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=64)
    format = models.CharField(_("format"), max_length=8, choices=ReportExportFormat.choices)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8, default="id")
    # The cooperative the report is about (permission checks); null for reports about
    # something else (a district), whose scope is in ``parameters``.
    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cooperative"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ReportExportStatus.choices,
        default=ReportExportStatus.PENDING,
    )
    file = models.FileField(_("file"), upload_to=export_file_path, max_length=255, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        ordering = ("-created_at",)
        constraints = [
            models.CheckConstraint(
                condition=Q(format__in=ReportExportFormat.values),
                name="coop_exports_format_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportExportStatus.values),
                name="coop_exports_status_valid",
            ),
            models.CheckConstraint(condition=~Q(kind=""), name="coop_exports_kind_not_blank"),
            models.CheckConstraint(
                condition=~Q(status=ReportExportStatus.SUCCESS) | ~Q(file=""),
                name="coop_exports_success_has_file",
            ),
        ]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="coop_exports_requester"),
            models.Index(fields=["cooperative", "-created_at"], name="coop_exports_cooperative"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}.{self.format} {self.pk} ({self.status})"
