from __future__ import annotations

import pytest
from django.core.management import call_command

from storefront_api.management.commands.export_schema import SCHEMA_FILE, schema_sdl


def test_committed_schema_matches_live_schema():
    assert SCHEMA_FILE.exists(), (
        "Run `manage.py export_schema` and commit storefront_api/schema.graphql."
    )
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_sdl(), (
        "storefront_api/schema.graphql is out of date: run `manage.py export_schema`."
    )


def test_export_schema_writes_the_sdl(tmp_path):
    output = tmp_path / "schema.graphql"
    call_command("export_schema", output=str(output))
    assert output.read_text(encoding="utf-8") == schema_sdl()
    call_command("export_schema", output=str(output), check=True)


def test_export_schema_check_fails_on_stale_file(tmp_path):
    output = tmp_path / "schema.graphql"
    output.write_text("type Query { old: String }\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        call_command("export_schema", output=str(output), check=True)
