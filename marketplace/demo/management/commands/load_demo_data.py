from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string

from marketplace.demo.data import demo_data_load, demo_members_cooperative
from marketplace.demo.history import demo_sales_history_load
from marketplace.demo.members import demo_members_sign_in_text


class Command(BaseCommand):
    help = (
        "Load the deterministic demo data (idempotent: run it any number of times): the "
        "catalog, a sales history up to yesterday, then what each loader named in "
        "settings.DEMO_DATA_LOADERS adds (cooperative reporting)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Allow with DEBUG off.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo data is for development; pass --force to load it anyway.")
        counts = demo_data_load()
        counts |= demo_sales_history_load()
        # Loaders of packages marketplace may not import (coop_reporting), by dotted path.
        for path in getattr(settings, "DEMO_DATA_LOADERS", ()):
            counts |= import_string(path)()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
        members_at = demo_members_cooperative()
        if members_at is not None:
            self.stdout.write(demo_members_sign_in_text(members_at))
