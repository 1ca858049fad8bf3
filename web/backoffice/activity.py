"""The cooperative's activity profile for a financial year (the API's numbers, from
``coop_reporting.sales.selectors``), a monthly sales chart drawn as inline SVG on the
server, and the savings health score aspect by aspect with each component's reasons."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from coop_reporting.rat import deadlines
from coop_reporting.rat import selectors as rat_selectors
from coop_reporting.sales import selectors as sales_selectors
from web.backoffice.access import cooperative_for_staff

YEARS_BACK = 5
CHART_HEIGHT = 160  # px of the tallest bar
BAR_WIDTH = 22
BAR_GAP = 6


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    height: int
    label_x: int
    month: object
    amount: int


def _bars(months: list[sales_selectors.MonthlySales]) -> list[Bar]:
    highest = max((m.volume_usaha for m in months), default=0) or 1
    bars = []
    for index, month in enumerate(months):
        height = round(month.volume_usaha * CHART_HEIGHT / highest)
        x = index * (BAR_WIDTH + BAR_GAP)
        bars.append(
            Bar(
                x=x,
                y=CHART_HEIGHT - height + 20,
                height=height,
                label_x=x + BAR_WIDTH // 2,
                month=month.month,
                amount=month.volume_usaha,
            )
        )
    return bars


@login_required(login_url="web:sign-in")
def activity(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    today = timezone.localdate()
    years = list(range(today.year, today.year - YEARS_BACK, -1))
    try:
        year = int(request.GET.get("tahun", today.year))
    except ValueError:
        year = today.year
    if year not in years:
        year = today.year
    months = sales_selectors.cooperative_sales_by_month(cooperative, year)
    health_year = deadlines.latest_closed_financial_year(today)
    context = {
        "cooperative": cooperative,
        "year": year,
        "years": years,
        "profile": sales_selectors.cooperative_activity_profile(cooperative, year),
        "months": months,
        "bars": _bars(months),
        "chart_width": 12 * (BAR_WIDTH + BAR_GAP),
        "chart_height": CHART_HEIGHT + 40,
        "bar_width": BAR_WIDTH,
        "categories": sales_selectors.cooperative_sales_by_category(cooperative, year),
        "health_applies": cooperative.has_savings_unit,
        "health": rat_selectors.health_assessment_get(cooperative, health_year)
        if cooperative.has_savings_unit
        else None,
        "health_year": health_year,
        "current": "activity",
    }
    return render(request, "web/backoffice/activity.html", context)
