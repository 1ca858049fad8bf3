"""Query cost, depth, alias and token limits (issue 13 item 1): an attacker's document is
refused with HTTP 400 and a GraphQL error before anything runs (no SQL at all), while
the storefront's own documents and GraphiQL's introspection still answer, and every
answer says what it cost in ``extensions.cost`` as Saleor's do."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql import get_introspection_query, parse

from storefront_api.core.query_cost import COST_OVERRIDES, QueryLimits, measure_document
from storefront_api.schema import schema
from tests.helpers import ROOT

pytestmark = pytest.mark.django_db

# shared/ lies beside the repository (CI, the main checkout) or beside its worktree folder.
BENCH = next(
    (
        base / "shared/reference/bench-queries"
        for base in (Path(ROOT).parent, Path(ROOT).parent.parent)
        if (base / "shared/reference/bench-queries").is_dir()
    ),
    Path(ROOT).parent / "shared/reference/bench-queries",
)
LIMIT_CODES = {"QueryCostExceeded", "QueryTooDeep", "QueryTooManyAliases"}


def nested_products(levels: int, first: int = 2) -> str:
    """``products → category → products(first: N) → …``, ``levels`` times (the issue's)."""
    selection = "id name"
    for _ in range(levels):
        selection = (
            f'products(first: {first}, channel: "desa-pecatu") '
            f"{{ edges {{ node {{ id name category {{ id {selection} }} }} }} }}"
        )
    return f"{{ {selection} }}"


def aliases(count: int, field: str = 'products(first: 100, channel: "desa-pecatu")') -> str:
    body = " ".join(f"a{i}: {field} {{ edges {{ node {{ id name }} }} }}" for i in range(count))
    return f"{{ {body} }}"


def refused(gql, body) -> tuple[dict, int]:
    """Post ``body``; the answer and the number of SQL queries the request made."""
    with CaptureQueriesContext(connection) as queries:
        response = gql.post(body)
    return response, len(queries)


def codes(body: dict) -> set[str]:
    return {error["extensions"]["exception"]["code"] for error in body["errors"]}


def test_ten_level_nested_products_are_refused_before_any_sql(gql):
    response, sql = refused(gql, {"query": nested_products(10)})
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert "QueryTooDeep" in codes(body)
    assert body["errors"][0]["message"] == (
        "The query is nested 41 levels deep; at most 15 are allowed."
    )
    assert sql == 0


def test_twenty_level_nested_products_are_refused_for_depth_and_cost(gql):
    response, sql = refused(gql, {"query": nested_products(20)})
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert codes(body) == {"QueryTooDeep", "QueryCostExceeded"}
    assert body["extensions"]["cost"]["requestedQueryCost"] > 1_000_000
    assert body["extensions"]["cost"]["maximumAvailable"] == 50_000
    assert sql == 0


def test_thousand_aliases_are_refused_while_parsing(gql):
    response, sql = refused(gql, {"query": aliases(1_000)})
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert "Document contains more than 5000 tokens" in error["message"]
    assert error["extensions"]["exception"]["code"] == "GraphQLSyntaxError"
    assert sql == 0


def test_thousand_aliases_are_refused_for_aliases_and_cost_without_a_token_limit(gql, settings):
    settings.GRAPHQL_QUERY_MAX_TOKENS = 0
    response, sql = refused(gql, {"query": aliases(1_000)})
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert codes(body) == {"QueryTooManyAliases", "QueryCostExceeded"}
    cost_error = next(e for e in body["errors"] if e["extensions"]["code"] == "QueryCostExceeded")
    assert cost_error["message"] == (
        "The query exceeds the maximum cost of 50000. Actual cost is 100000."
    )
    assert cost_error["extensions"]["cost"] == {
        "requestedQueryCost": 100_000,
        "maximumAvailable": 50_000,
    }
    assert body["extensions"]["cost"] == cost_error["extensions"]["cost"]
    assert sql == 0


def shops(count: int) -> str:
    return "{ " + " ".join(f"s{i}: shop {{ name }}" for i in range(count)) + " }"


def test_alias_limit_counts_aliases(gql):
    answer = gql.post({"query": shops(50)})
    assert answer.status_code == 200
    assert len(answer.json()["data"]) == 50

    response, sql = refused(gql, {"query": shops(51)})
    assert response.status_code == 400
    assert codes(response.json()) == {"QueryTooManyAliases"}
    assert response.json()["errors"][0]["message"] == (
        "The query uses 51 aliases; at most 50 are allowed."
    )
    assert sql == 0


def test_aliases_inside_fragments_count_each_time_the_fragment_is_spread(gql):
    fragment = "fragment Names on Shop { " + " ".join(f"n{i}: name" for i in range(30)) + " }"
    query = "{ shop { ...Names } again: shop { ...Names } } " + fragment
    response = gql.post({"query": query})
    assert response.status_code == 400
    assert "The query uses 61 aliases" in response.json()["errors"][0]["message"]


def test_fragment_bomb_is_refused_for_cost_without_running(gql):
    fragments = ["fragment F0 on Product { id category { id } }"] + [
        f"fragment F{i} on Product {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, 25)
    ]
    query = (
        '{ products(first: 1, channel: "desa-pecatu") { edges { node { ...F24 } } } } '
        + " ".join(fragments)
    )
    response, sql = refused(gql, {"query": query})
    assert response.status_code == 400
    body = response.json()
    assert codes(body) == {"QueryCostExceeded"}
    assert body["extensions"]["cost"]["requestedQueryCost"] == 1 + 2**24
    assert sql == 0


def test_cost_multiplies_nested_page_sizes_from_variables(gql):
    query = """
        query Nested($first: Int!) {
          products(first: $first, channel: "desa-pecatu") { edges { node { category {
            products(first: $first) { edges { node { category {
              products(first: $first) { edges { node { id } } }
            } } } }
          } } } }
        }
    """
    ok = gql.post({"query": query, "variables": {"first": 20}})
    assert ok.status_code == 200
    # 20 products and their categories, 20 × 20 products and their categories, 20³ products
    assert ok.json()["extensions"]["cost"] == {
        "requestedQueryCost": 20 + 20 + 400 + 400 + 8_000,
        "maximumAvailable": 50_000,
    }

    response, sql = refused(gql, {"query": query, "variables": {"first": 100}})
    assert response.status_code == 400
    assert codes(response.json()) == {"QueryCostExceeded"}
    assert response.json()["extensions"]["cost"]["requestedQueryCost"] == 1_020_200
    assert sql == 0


def test_every_answer_reports_its_cost(gql, settings):
    result = gql.execute("{ shop { name defaultCountry { code } } }")
    assert result == {
        "data": {"shop": {"name": settings.SHOP_NAME, "defaultCountry": {"code": "ID"}}},
        "extensions": {"cost": {"requestedQueryCost": 2, "maximumAvailable": 50_000}},
    }


def test_invalid_documents_report_their_cost_too(gql):
    response = gql.post({"query": "{ shop { nope } }"})
    assert response.status_code == 400
    assert response.json()["extensions"] == {
        "cost": {"requestedQueryCost": 1, "maximumAvailable": 50_000}
    }


def test_limits_come_from_settings(gql, settings):
    settings.GRAPHQL_QUERY_MAX_DEPTH = 2
    settings.GRAPHQL_QUERY_MAX_COST = 1
    assert gql.post({"query": "{ shop { name } }"}).status_code == 200
    response = gql.post({"query": "{ shop { defaultCountry { code } } }"})
    assert response.status_code == 400
    assert codes(response.json()) == {"QueryTooDeep", "QueryCostExceeded"}
    assert response.json()["extensions"]["cost"]["maximumAvailable"] == 1


def test_batched_operations_are_checked_one_by_one(gql):
    response, _sql = refused(gql, [{"query": "{ shop { name } }"}, {"query": nested_products(10)}])
    assert response.status_code == 400
    first, second = response.json()
    assert first["data"] == {"shop": {"name": "Lumbung"}}
    assert "data" not in second
    assert "QueryTooDeep" in codes(second)


def test_graphiql_introspection_query_passes(gql):
    result = gql.execute(get_introspection_query(descriptions=True))
    assert result["data"]["__schema"]["queryType"]["name"] == "Query"
    assert result["extensions"]["cost"]["requestedQueryCost"] < 100


def test_storefront_documents_fit_the_default_limits_with_100_products():
    paths = sorted(BENCH.glob("*.graphql"))
    if not paths:
        pytest.skip(f"the storefront's documents are not at {BENCH}")
    limits = QueryLimits.from_settings()
    for path in paths:
        document = parse(path.read_text(encoding="utf-8"))
        measure = measure_document(schema.graphql_schema, document, {"first": 100})
        assert measure.cost <= limits.max_cost, path.name
        assert measure.depth <= limits.max_depth, path.name
        assert measure.aliases <= limits.max_aliases, path.name


def test_cost_overrides_name_real_fields():
    type_map = schema.graphql_schema.type_map
    for type_name, fields in COST_OVERRIDES.items():
        assert set(fields) <= set(type_map[type_name].fields), type_name


def test_nested_introspection_is_refused(gql):
    # Each level multiplies by every type's fields: graphql-core's MaxIntrospectionDepthRule
    # (part of the validation that runs after the limits) refuses it.
    fields = "name"
    for _ in range(4):
        fields = f"fields {{ type {{ {fields} }} }}"
    response = gql.post({"query": f"{{ __schema {{ types {{ {fields} }} }} }}"})
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert body["errors"][0]["message"] == "Maximum introspection depth exceeded"
