from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from marketplace.catalog.search import elasticsearch_enabled
from marketplace.catalog.search.reindex import (
    BATCH_SIZE,
    elasticsearch_reindex,
    postgres_reindex,
)


class Command(BaseCommand):
    help = (
        "Rebuild the product search index: PostgreSQL vectors and vocabulary, and, when "
        "ELASTICSEARCH_URL is set, a new Elasticsearch index the alias then moves to."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress bar."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        progress = not options["no_progress"]
        started = time.perf_counter()
        count = postgres_reindex(batch_size=options["batch_size"], progress=progress)
        self.stdout.write(
            _("Indexed %(count)d products in PostgreSQL in %(seconds).1f s.")
            % {"count": count, "seconds": time.perf_counter() - started}
        )
        if elasticsearch_enabled():
            started = time.perf_counter()
            name = elasticsearch_reindex(batch_size=options["batch_size"], progress=progress)
            self.stdout.write(
                _("Elasticsearch index %(name)s built and made live in %(seconds).1f s.")
                % {"name": name, "seconds": time.perf_counter() - started}
            )
