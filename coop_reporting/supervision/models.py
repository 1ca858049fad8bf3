"""Dinas officers' assignments: a user supervises the cooperatives registered in one
kabupaten/kota (``regency``) or one province, for a named Dinas office. A user may have
several; unassigning deactivates (history stays). The district view built on them is
``coop_reporting.district``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import TimeStampedModel
from marketplace.regions.models import Province, Regency


class DinasOfficerAssignment(TimeStampedModel):
    """A user working for a Dinas Koperasi office, supervising one regency or province."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="dinas_assignments",
        verbose_name=_("user"),
    )
    regency = models.ForeignKey(
        Regency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regency or city"),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    office_name = models.CharField(_("Dinas office"), max_length=255)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("Dinas officer assignment")
        verbose_name_plural = _("Dinas officer assignments")
        ordering = ("user_id", "pk")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(regency__isnull=False, province__isnull=True)
                    | Q(regency__isnull=True, province__isnull=False)
                ),
                name="coop_supervision_assignment_one_region",
            ),
            models.UniqueConstraint(
                fields=["user", "regency"],
                condition=Q(regency__isnull=False),
                name="coop_supervision_assignment_user_regency_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "province"],
                condition=Q(province__isnull=False),
                name="coop_supervision_assignment_user_province_unique",
            ),
            models.CheckConstraint(
                condition=~Q(office_name=""), name="coop_supervision_assignment_office_not_blank"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "is_active"], name="coop_supervision_assign_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.regency_id or self.province_id}"

    @property
    def region_code(self) -> str:
        return self.regency_id or self.province_id or ""
