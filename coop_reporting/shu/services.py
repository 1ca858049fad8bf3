"""Changes: a cooperative's SHU allocation for a year and offline member transactions.
Who may call them is ``marketplace.permissions.can_manage_members``'."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coop_reporting.shu.error_codes import ShuErrorCode
from coop_reporting.shu.models import OfflineMemberTransaction, ShuAllocation
from marketplace.core.exceptions import field_error
from marketplace.members.models import Member
from marketplace.village_hubs.models import Cooperative

YEAR_RANGE = (1945, 2200)


def _percentage(field: str, value: Any) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise field_error(field, _("Enter a percentage."), ShuErrorCode.INVALID) from None
    if not number.is_finite() or number < 0 or number > 100:
        raise field_error(
            field, _("A percentage is between 0 and 100."), ShuErrorCode.PERCENTAGE_OUT_OF_RANGE
        )
    if number != number.quantize(Decimal("0.01")):
        raise field_error(field, _("At most two decimals."), ShuErrorCode.INVALID)
    return number


def _check_year(year: int) -> None:
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise field_error("financial_year", _("No such financial year."), ShuErrorCode.INVALID)


def shu_allocation_set(
    *,
    cooperative: Cooperative,
    financial_year: int,
    capital_percentage: Any,
    patronage_percentage: Any,
    actor: Any = None,
) -> ShuAllocation:
    """Set the AD/ART percentages of ``financial_year``'s SHU for jasa modal and jasa usaha.

    Each is 0–100 with at most two decimals (PERCENTAGE_OUT_OF_RANGE, INVALID) and
    together they are at most 100 (PERCENTAGES_OVER_100 on ``patronage_percentage``):
    the rest of the SHU goes to the cadangan and the funds.
    """
    _check_year(financial_year)
    capital = _percentage("capital_percentage", capital_percentage)
    patronage = _percentage("patronage_percentage", patronage_percentage)
    if capital + patronage > 100:
        raise field_error(
            "patronage_percentage",
            _("Jasa modal and jasa usaha together may not exceed 100%."),
            ShuErrorCode.PERCENTAGES_OVER_100,
        )
    with transaction.atomic():
        allocation, _created = ShuAllocation.objects.select_for_update().update_or_create(
            cooperative=cooperative,
            financial_year=financial_year,
            defaults={
                "capital_percentage": capital,
                "patronage_percentage": patronage,
                "updated_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
    return allocation


def offline_transaction_record(
    *,
    member: Member,
    occurred_on: datetime.date | None,
    amount: Any,
    description: str,
    actor: Any = None,
) -> OfflineMemberTransaction:
    """Record a member's business with the cooperative outside the marketplace (whole
    rupiah above 0, a date, what it was); it counts for their jasa usaha."""
    errors: dict[str, ValidationError] = {}
    if occurred_on is None:
        errors["occurred_on"] = ValidationError(_("Enter the date."), code="required")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        errors["amount"] = ValidationError(
            _("Enter an amount in whole rupiah above 0."), code=ShuErrorCode.NOT_POSITIVE.value
        )
    description = (description or "").strip()
    if not description:
        errors["description"] = ValidationError(_("Say what it was."), code="required")
    if errors or occurred_on is None:  # (no date is an error above)
        raise ValidationError(errors)
    return OfflineMemberTransaction.objects.create(
        member=member,
        occurred_on=occurred_on,
        amount=amount,
        description=description[:255],
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
