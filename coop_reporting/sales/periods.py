"""Reporting periods: day, month and financial year (``COOP_FINANCIAL_YEAR_START_MONTH``).

A financial year is named after the calendar year it starts in: with the start month 4,
financial year 2024 runs from 1 April 2024 to 31 March 2025. Changing the setting
changes the yearly rollups: run ``manage.py rebuild_reporting`` afterwards.
"""

from __future__ import annotations

import datetime

from django.conf import settings


def financial_year_start_month() -> int:
    return int(getattr(settings, "COOP_FINANCIAL_YEAR_START_MONTH", 1))


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(month: datetime.date, months: int) -> datetime.date:
    """First day of the month ``months`` after (or before) ``month``'s."""
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def financial_year_of(day: datetime.date) -> int:
    start_month = financial_year_start_month()
    return day.year if day.month >= start_month else day.year - 1


def financial_year_start(year: int) -> datetime.date:
    return datetime.date(year, financial_year_start_month(), 1)


def financial_year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """``[start, end)`` of financial year ``year``."""
    start = financial_year_start(year)
    return start, add_months(start, 12)


def period_starts(day: datetime.date) -> tuple[tuple[str, datetime.date], ...]:
    """The (period, period_start) keys a sale on ``day`` is rolled up into."""
    return (
        ("day", day),
        ("month", month_start(day)),
        ("year", financial_year_start(financial_year_of(day))),
    )
