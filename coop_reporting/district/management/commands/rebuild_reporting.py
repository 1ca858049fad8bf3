"""``manage.py rebuild_reporting``: rebuild sales facts and rollups from orders."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext
from tqdm import tqdm

from coop_reporting.district.services import reporting_summaries_rebuild
from coop_reporting.sales.rebuild import REBUILD_STEPS, reporting_rebuild, timed_step


class Command(BaseCommand):
    help = (
        "Record every paid order line missing from cooperative reporting, reverse lines no "
        "longer paid, recompute all sales rollups from the facts, then the district view's "
        "summaries."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: object, **options: object) -> None:
        started = time.monotonic()
        bar = tqdm(
            total=len(REBUILD_STEPS) + 1,
            unit=" steps",
            disable=bool(options["no_progress"]),
            file=sys.stderr,
        )
        steps_started: list[str] = []

        def on_step(name: str) -> None:
            if steps_started:
                bar.update(1)
            steps_started.append(name)
            bar.set_description(name)

        result = reporting_rebuild(on_step=on_step)
        on_step(gettext("Computing district summaries"))
        with timed_step("district_summaries"):
            summaries = reporting_summaries_rebuild()
        bar.update(1)
        bar.close()
        self.stdout.write(
            f"lines={result.lines_seen} sales_added={result.sales_added} "
            f"orders_reconciled={result.orders_reconciled} rollups={result.rollups} "
            f"summaries={summaries} "
            f"seconds={time.monotonic() - started:.2f}"
        )
