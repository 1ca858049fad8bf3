"""Bar charts drawn on the server as inline SVG: the geometry of each bar and its label.

No chart library and no script: the template draws ``<rect>`` and ``<text>`` from these
figures, and a ``<table>`` of the same figures sits next to the chart for screen readers.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import formats

from marketplace.core.money import format_rupiah

WIDTH = 720
HEIGHT = 240
TOP = 16
BOTTOM = 28  # room for the month labels
LEFT = 4


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the month, under the bar
    value: int
    title: str  # "Jan 2026: Rp1.500.000", the bar's tooltip and accessible name


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    baseline: float
    bars: list[Bar]
    maximum: int


def monthly_bars(months: Sequence[tuple[datetime.date, int]]) -> BarChart:
    """One bar per ``(first day of month, rupiah)``, scaled to the largest month."""
    maximum = max((value for _month, value in months), default=0)
    plot = HEIGHT - TOP - BOTTOM
    step = (WIDTH - LEFT) / max(len(months), 1)
    bars = []
    for index, (month, value) in enumerate(months):
        height = plot * value / maximum if maximum else 0.0
        label = formats.date_format(month, "M")
        bars.append(
            Bar(
                x=round(LEFT + index * step + step * 0.15, 1),
                y=round(TOP + plot - height, 1),
                width=round(step * 0.7, 1),
                height=round(height, 1),
                label=label,
                value=value,
                title=f"{formats.date_format(month, 'F Y')}: {format_rupiah(value)}",
            )
        )
    return BarChart(width=WIDTH, height=HEIGHT, baseline=TOP + plot, bars=bars, maximum=maximum)
