"""Consistency of a RAT report's figures: pure checks, no ORM.

Every refusal is collected (one ``ValidationError`` with an entry per field), so a
cooperative fixing its report sees everything that is wrong at once. Groups are checked
as soon as all their figures are given; ``complete=True`` (submission) also requires
every figure.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coop_reporting.rat import deadlines
from coop_reporting.rat.error_codes import RatErrorCode
from coop_reporting.rat.models import (
    ASSET_FIELDS,
    BOARD_FIELDS,
    EQUITY_FIELDS,
    EXPENSE_FIELDS,
    INCOME_FIELDS,
    LIABILITY_FIELDS,
    MEMBER_FIELDS,
    NON_NEGATIVE_AMOUNT_FIELDS,
    REPORT_FIELDS,
)
from marketplace.core.money import format_rupiah

HUNDRED = Decimal(100)
SHU_DISTRIBUTION_FIELD = "shu_distribution"


@dataclass(frozen=True)
class ShuLine:
    name: str
    percentage: Decimal
    amount: int


class _Errors:
    def __init__(self) -> None:
        self.errors: dict[str, list[ValidationError]] = {}

    def add(self, field: str, message: Any, code: RatErrorCode, **params: Any) -> None:
        self.errors.setdefault(field, []).append(
            ValidationError(message, code=code.value, params=params or None)
        )

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _all_given(values: Mapping[str, Any], names: Sequence[str]) -> bool:
    return all(values.get(name) is not None for name in names)


def _sum(values: Mapping[str, Any], names: Sequence[str]) -> int:
    return sum(int(values[name]) for name in names)


def rat_report_validate(
    values: Mapping[str, Any],
    shu_lines: Sequence[ShuLine],
    *,
    financial_year: int,
    complete: bool,
    today: datetime.date,
) -> None:
    """Raise ValidationError (``RatErrorCode`` codes, one entry per field) unless the
    figures in ``values`` (model field names) and the SHU distribution add up."""
    errors = _Errors()
    _check_signs(values, errors)
    _check_attendance(values, errors)
    _check_balance_sheet(values, errors)
    _check_income_statement(values, errors)
    _check_shu_distribution(values, shu_lines, errors, complete=complete)
    _check_rat_date(values.get("rat_date"), financial_year, errors, complete=complete, today=today)
    if complete:
        for name in REPORT_FIELDS:
            value = values.get(name)
            if value is None or value == "":
                if name not in errors.errors:
                    errors.add(name, _("Fill this in before submitting the report."),
                               RatErrorCode.REQUIRED)  # fmt: skip
    errors.raise_if_any()


def _check_signs(values: Mapping[str, Any], errors: _Errors) -> None:
    counts = (*MEMBER_FIELDS, *(name for name in BOARD_FIELDS if name != "has_manager"))
    for name in (*NON_NEGATIVE_AMOUNT_FIELDS, *counts):
        value = values.get(name)
        if value is not None and value < 0:
            errors.add(name, _("This cannot be negative."), RatErrorCode.NEGATIVE_AMOUNT)


def _check_attendance(values: Mapping[str, Any], errors: _Errors) -> None:
    if not _all_given(values, MEMBER_FIELDS):
        return
    members = values["members_male"] + values["members_female"]
    if values["members_present"] > members:
        errors.add(
            "members_present",
            _("More members attended (%(present)s) than the cooperative has (%(members)s)."),
            RatErrorCode.ATTENDANCE_EXCEEDS_MEMBERS,
            present=values["members_present"],
            members=members,
        )


def _mismatch(errors: _Errors, field: str, message: Any, code: RatErrorCode, given: int,
              expected: int) -> None:  # fmt: skip
    errors.add(field, message, code, given=format_rupiah(given), expected=format_rupiah(expected))


def _percentage(value: Decimal) -> str:
    """``99,5``: a percentage as Indonesians write it (decimal comma, no trailing zeros)."""
    return f"{value.normalize():f}".replace(".", ",")


def _check_balance_sheet(values: Mapping[str, Any], errors: _Errors) -> None:
    total_message = _("The total (%(given)s) is not the sum of its items (%(expected)s).")
    if _all_given(values, (*ASSET_FIELDS, "total_assets")):
        expected = _sum(values, ASSET_FIELDS)
        if values["total_assets"] != expected:
            _mismatch(errors, "total_assets", total_message, RatErrorCode.TOTAL_MISMATCH,
                      values["total_assets"], expected)  # fmt: skip
    if _all_given(values, (*EQUITY_FIELDS, "total_equity")):
        expected = _sum(values, EQUITY_FIELDS)
        if values["total_equity"] != expected:
            _mismatch(errors, "total_equity", total_message, RatErrorCode.TOTAL_MISMATCH,
                      values["total_equity"], expected)  # fmt: skip
    if _all_given(values, (*LIABILITY_FIELDS, "total_equity", "total_liabilities_and_equity")):
        expected = _sum(values, LIABILITY_FIELDS) + values["total_equity"]
        if values["total_liabilities_and_equity"] != expected:
            _mismatch(errors, "total_liabilities_and_equity", total_message,
                      RatErrorCode.TOTAL_MISMATCH, values["total_liabilities_and_equity"],
                      expected)  # fmt: skip
    if _all_given(values, ("total_assets", "total_liabilities_and_equity")):
        if values["total_assets"] != values["total_liabilities_and_equity"]:
            _mismatch(
                errors,
                "total_liabilities_and_equity",
                _(
                    "The balance sheet does not balance: total assets are %(expected)s, "
                    "liabilities and equity %(given)s."
                ),  # fmt: skip
                RatErrorCode.BALANCE_SHEET_UNBALANCED,
                values["total_liabilities_and_equity"],
                values["total_assets"],
            )
    if _all_given(values, ("equity_shu_tahun_berjalan", "shu_net")):
        if values["equity_shu_tahun_berjalan"] != values["shu_net"]:
            _mismatch(
                errors,
                "equity_shu_tahun_berjalan",
                _(
                    "The surplus in the balance sheet (%(given)s) differs from the net surplus "
                    "of the income statement (%(expected)s)."
                ),  # fmt: skip
                RatErrorCode.SHU_MISMATCH,
                values["equity_shu_tahun_berjalan"],
                values["shu_net"],
            )


def _check_income_statement(values: Mapping[str, Any], errors: _Errors) -> None:
    message = _("This should be %(expected)s (income minus expenses), not %(given)s.")
    if _all_given(values, (*INCOME_FIELDS, *EXPENSE_FIELDS, "shu_before_tax")):
        expected = _sum(values, INCOME_FIELDS) - _sum(values, EXPENSE_FIELDS)
        if values["shu_before_tax"] != expected:
            _mismatch(errors, "shu_before_tax", message, RatErrorCode.INCOME_STATEMENT_MISMATCH,
                      values["shu_before_tax"], expected)  # fmt: skip
    if _all_given(values, ("shu_before_tax", "tax", "shu_net")):
        expected = values["shu_before_tax"] - values["tax"]
        if values["shu_net"] != expected:
            _mismatch(
                errors,
                "shu_net",
                _("This should be %(expected)s (surplus before tax minus tax), not %(given)s."),
                RatErrorCode.INCOME_STATEMENT_MISMATCH,
                values["shu_net"],
                expected,
            )


def _check_shu_distribution(
    values: Mapping[str, Any], lines: Sequence[ShuLine], errors: _Errors, *, complete: bool
) -> None:
    field = SHU_DISTRIBUTION_FIELD
    if any(line.amount < 0 or line.percentage < 0 for line in lines):
        errors.add(field, _("Shares of the surplus cannot be negative."),
                   RatErrorCode.NEGATIVE_AMOUNT)  # fmt: skip
        return
    if any(not line.name.strip() for line in lines):
        errors.add(field, _("Name every share of the surplus."), RatErrorCode.REQUIRED)
        return
    shu_net = values.get("shu_net")
    if not lines:
        if complete and shu_net is not None and shu_net > 0:
            errors.add(field, _("Enter how the surplus (SHU) is distributed."),
                       RatErrorCode.REQUIRED)  # fmt: skip
        return
    if shu_net is not None and shu_net <= 0:
        errors.add(field, _("There is no surplus to distribute."),
                   RatErrorCode.SHU_DISTRIBUTION_MISMATCH)  # fmt: skip
        return
    percentage = sum((line.percentage for line in lines), Decimal(0))
    if percentage != HUNDRED:
        errors.add(
            field,
            _("The shares add up to %(percentage)s%%, not 100%%."),
            RatErrorCode.SHU_DISTRIBUTION_MISMATCH,
            percentage=_percentage(percentage),
        )
    amount = sum(line.amount for line in lines)
    if shu_net is not None and amount != shu_net:
        errors.add(
            field,
            _("The shares add up to %(given)s, not the net surplus of %(expected)s."),
            RatErrorCode.SHU_DISTRIBUTION_MISMATCH,
            given=format_rupiah(amount),
            expected=format_rupiah(shu_net),
        )


def _check_rat_date(
    rat_date: datetime.date | None,
    financial_year: int,
    errors: _Errors,
    *,
    complete: bool,
    today: datetime.date,
) -> None:
    if rat_date is None:
        return
    if rat_date <= deadlines.financial_year_end(financial_year):
        errors.add(
            "rat_date",
            _("The RAT for %(year)s is held after that financial year has ended."),
            RatErrorCode.INVALID_RAT_DATE,
            year=financial_year,
        )
    elif complete and rat_date > today:
        errors.add("rat_date", _("Submit the report after the RAT has been held."),
                   RatErrorCode.INVALID_RAT_DATE)  # fmt: skip
