"""What members' SHU shares are computed from, besides the RAT report and the ledgers.

* ``ShuAllocation``: the cooperative's AD/ART percentages of a financial year's SHU for
  jasa modal (capital: members' savings) and jasa usaha (patronage: members' business).
* ``OfflineMemberTransaction``: a member's business with the cooperative outside the
  marketplace (shop counter, harvest delivered), entered by its admins; it counts for
  jasa usaha beside marketplace purchases and sales as a producer.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import TimeStampedModel
from marketplace.members.models import Member
from marketplace.village_hubs.models import Cooperative


class ShuAllocation(TimeStampedModel):
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="shu_allocations"
    )
    financial_year = models.PositiveSmallIntegerField(_("financial year"))
    capital_percentage = models.DecimalField(
        _("jasa modal (% of SHU)"), max_digits=5, decimal_places=2
    )
    patronage_percentage = models.DecimalField(
        _("jasa usaha (% of SHU)"), max_digits=5, decimal_places=2
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("SHU allocation")
        verbose_name_plural = _("SHU allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "financial_year"], name="shu_allocation_one_per_year"
            ),
            models.CheckConstraint(
                condition=Q(
                    capital_percentage__gte=0,
                    capital_percentage__lte=100,
                    patronage_percentage__gte=0,
                    patronage_percentage__lte=100,
                )
                & Q(capital_percentage__lte=100 - models.F("patronage_percentage")),
                name="shu_allocation_percentages_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative_id} {self.financial_year}"


class OfflineMemberTransaction(models.Model):
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="offline_transactions"
    )
    occurred_on = models.DateField(_("date"))
    amount = models.BigIntegerField(_("amount (Rp)"))
    description = models.CharField(_("description"), max_length=255)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("offline member transaction")
        verbose_name_plural = _("offline member transactions")
        ordering = ("member", "occurred_on", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="offline_member_transaction_positive"
            ),
        ]
        indexes = [models.Index(fields=["member", "occurred_on"])]

    def __str__(self) -> str:
        return f"{self.member_id} {self.occurred_on} {self.amount}"
