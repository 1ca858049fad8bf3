"""RAT deadlines and the activity window, from ``coop_reporting/rules/rat_deadline.json``.

Pure date arithmetic, no ORM: the deadline of financial year *Y* is the last day of the
month that lies ``months_after_year_end`` months after the year's end (December year-end,
6 months: 30 June of *Y + 1*). A cooperative's articles may set another number of months
(``RatDeadlineOverride``); the caller passes it in.
"""

from __future__ import annotations

import calendar
import datetime
import json
from functools import cache
from typing import Any

from coop_reporting.rules.loader import RULES_DIR

RULES_FILE = RULES_DIR / "rat_deadline.json"


@cache
def rat_deadline_rules() -> dict[str, Any]:
    """The RAT deadline rules, checked for the fields this module reads."""
    rules = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    months = rules["months_after_year_end"]
    if not isinstance(months, int) or not 1 <= months <= 24:
        raise ValueError(f"{RULES_FILE.name}: months_after_year_end must be 1–24, not {months}")
    if not isinstance(rules["active"]["window_years"], int):
        raise ValueError(f"{RULES_FILE.name}: active.window_years must be a whole number")
    return rules


def financial_year_end(financial_year: int) -> datetime.date:
    end = rat_deadline_rules()["financial_year_end"]
    return datetime.date(financial_year, end["month"], end["day"])


def _add_months_end_of_month(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def rat_deadline(financial_year: int, *, months_after_year_end: int | None = None) -> datetime.date:
    """Last day on which the RAT for ``financial_year`` is on time."""
    months = months_after_year_end or rat_deadline_rules()["months_after_year_end"]
    return _add_months_end_of_month(financial_year_end(financial_year), months)


def days_late(rat_date: datetime.date, deadline: datetime.date) -> int:
    """Days after ``deadline`` (0 when held by it)."""
    return max((rat_date - deadline).days, 0)


def active_window_start(today: datetime.date) -> datetime.date:
    """First day of the window in which a RAT makes a cooperative *aktif*."""
    years = rat_deadline_rules()["active"]["window_years"]
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def latest_closed_financial_year(today: datetime.date) -> int:
    """The most recent financial year that has ended by ``today``."""
    return today.year if today > financial_year_end(today.year) else today.year - 1
