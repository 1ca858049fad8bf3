"""``manage.py rebuild_reporting``: rebuild sales facts and rollups from orders."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from coop_reporting.sales.services import reporting_rebuild
from coop_reporting.supervision.services import reporting_summaries_rebuild


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

        def progress(rows):
            return tqdm(
                rows,
                desc="paid order lines",
                unit=" lines",
                disable=bool(options["no_progress"]),
                file=sys.stderr,
            )

        result = reporting_rebuild(progress=progress)
        summaries = reporting_summaries_rebuild()
        self.stdout.write(
            f"lines={result.lines_seen} sales_added={result.sales_added} "
            f"orders_reconciled={result.orders_reconciled} rollups={result.rollups} "
            f"summaries={summaries} "
            f"seconds={time.monotonic() - started:.2f}"
        )
