"""Saleor's storefront toolchain reads Lumbung's schema: graphql-js 16 (the npm ``graphql``
package, run with Node as graphql-codegen runs it) takes the schema over HTTP with its
default introspection query, builds it, prints it and parses the print; the committed
``storefront_api/schema.graphql`` builds too. Only Saleor's and GraphQL's own scalars are
exposed, so strict-scalar code generation has a type for each.

Needs Node and ``graphql@16`` in ``.data/npm`` (``./lumbung test`` installs it with npm);
skipped, saying which is missing, otherwise.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from storefront_api.management.commands.export_schema import SCHEMA_FILE
from tests.helpers import ROOT
from tests.storefront_api.conftest import GraphQLClient

SCRIPT = Path(__file__).parent / "graphql_js" / "read_schema.mjs"
NODE_MODULES = Path(ROOT) / ".data" / "npm" / "node_modules"

STANDARD_SCALARS = {"Boolean", "Float", "ID", "Int", "String"}
# every scalar of Saleor 3.24's schema (../shared/reference/saleor-schema.graphql)
SALEOR_SCALARS = {
    "Date",
    "DateTime",
    "Day",
    "Decimal",
    "GenericScalar",
    "Hour",
    "JSON",
    "JSONString",
    "Metadata",
    "Minute",
    "PositiveDecimal",
    "PositiveInt",
    "UUID",
    "Upload",
    "WeightScalar",
    "_Any",
}

pytestmark = pytest.mark.django_db


def _node(*args: str, stdin: str = "") -> str:
    result = subprocess.run(
        ["node", str(SCRIPT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={"NPM_NODE_MODULES": str(NODE_MODULES), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def graphql_js() -> None:
    if not shutil.which("node"):
        pytest.skip("Node is not installed: graphql-js cannot read the schema here")
    if not (NODE_MODULES / "graphql" / "package.json").exists():
        pytest.skip(f"graphql@16 is not installed in {NODE_MODULES} (./lumbung test installs it)")


@pytest.fixture
def report(graphql_js: None, gql: GraphQLClient) -> dict[str, Any]:
    query = _node("query")
    answer = gql.post({"query": query})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert "errors" not in body, body["errors"]
    sdl = SCHEMA_FILE.read_text(encoding="utf-8")
    return json.loads(_node("check", stdin=json.dumps({"introspection": body["data"], "sdl": sdl})))


def test_graphql_js_16_builds_prints_and_parses_the_served_schema(report):
    assert report["version"].startswith("16.")
    assert report["buildClientSchema"] == "ok"
    assert report["printParses"] == "ok"
    assert report["validationErrors"] == []
    assert report["deprecatedLocations"] == [
        "FIELD_DEFINITION",
        "ARGUMENT_DEFINITION",
        "INPUT_FIELD_DEFINITION",
        "ENUM_VALUE",
    ]


def test_only_saleors_and_standard_scalars_are_exposed(report):
    lumbung_only = set(report["scalars"]) - SALEOR_SCALARS - STANDARD_SCALARS
    assert lumbung_only == set(), "strict-scalar code generation has no type for these"
    assert {"Decimal", "DateTime", "UUID"} <= set(report["scalars"])


def test_deprecated_checkout_arguments_are_ordinary_arguments_saying_deprecated(report):
    arguments = {arg["name"]: arg["description"] for arg in report["checkoutLinesAddArgs"]}
    assert {"id", "lines", "checkoutId", "token"} <= set(arguments)
    assert "DEPRECATED" in arguments["checkoutId"]
    assert "DEPRECATED" in arguments["token"]
    assert "DEPRECATED" not in arguments["id"]


def test_the_committed_schema_file_builds_with_graphql_js_16(report):
    assert report["committedSdlBuilds"] == "ok"
