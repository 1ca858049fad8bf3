"""``manage.py export_schema``: write the live schema's SDL to ``storefront_api/schema.graphql``.

The file is committed; a test fails when it differs from the live schema, so every
change to the API shows up in review as a diff of the SDL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from graphql import print_schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def schema_sdl() -> str:
    """The printed SDL of the schema served at /graphql/, ending with a newline."""
    from storefront_api.schema import schema

    return print_schema(schema.graphql_schema).rstrip("\n") + "\n"


class Command(BaseCommand):
    help = "Write the GraphQL schema (SDL) to storefront_api/schema.graphql."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--output", default=str(SCHEMA_FILE), help="Where to write (default: %(default)s)."
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit with an error if the file is out of date.",
        )

    def handle(self, *args: Any, output: str, check: bool, **options: Any) -> None:
        path = Path(output)
        sdl = schema_sdl()
        if check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != sdl:
                self.stderr.write(f"{path} is out of date: run manage.py export_schema.")
                raise SystemExit(1)
            self.stdout.write(f"{path} is up to date.")
            return
        path.write_text(sdl, encoding="utf-8")
        self.stdout.write(f"Wrote {path}.")
