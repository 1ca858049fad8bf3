from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

pytestmark = pytest.mark.django_db

SHOP = "{ shop { name defaultCountry { code } } }"


def test_query_is_served_with_200(gql, settings):
    result = gql.execute(SHOP)
    assert result == {
        "data": {"shop": {"name": settings.SHOP_NAME, "defaultCountry": {"code": "ID"}}},
        "extensions": {"cost": {"requestedQueryCost": 2, "maximumAvailable": 50_000}},
    }


def test_batched_operations_answer_in_order(gql, settings):
    response = gql.post(
        [
            {"query": SHOP},
            {"query": "query Me { me { email } }", "operationName": "Me"},
            {"query": 'mutation { tokenVerify(token: "x") { isValid } }'},
        ]
    )
    assert response.status_code == 200
    assert [body["data"] for body in response.json()] == [
        {"shop": {"name": settings.SHOP_NAME, "defaultCountry": {"code": "ID"}}},
        {"me": None},
        {"tokenVerify": {"isValid": False}},
    ]
    assert [body["extensions"]["cost"]["requestedQueryCost"] for body in response.json()] == [
        2,
        1,
        1,
    ]


def test_batch_with_an_invalid_operation_is_400(gql):
    response = gql.post([{"query": SHOP}, {"query": "{ nope }"}])
    assert response.status_code == 400
    first, second = response.json()
    assert "data" in first
    assert "data" not in second


def test_batch_size_is_bounded(gql, settings):
    settings.GRAPHQL_BATCH_MAX_COUNT = 3
    assert gql.post([{"query": SHOP}] * 3).status_code == 200
    response = gql.post([{"query": SHOP}] * 4)
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert body["errors"][0]["message"] == (
        "Number of batch queries exceeded: at most 3 per request."
    )
    assert body["errors"][0]["extensions"]["exception"]["code"] == "GraphQLError"


def test_default_batch_bound_is_30(gql):
    assert gql.post([{"query": "{ me { email } }"}] * 30).status_code == 200
    assert gql.post([{"query": "{ me { email } }"}] * 31).status_code == 400


def test_syntax_error_is_400_without_data(gql):
    response = gql.post({"query": "{ shop { name "})
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["message"].startswith("Syntax Error")
    assert error["locations"] == [{"line": 1, "column": 15}]
    assert error["extensions"]["exception"]["code"] == "GraphQLSyntaxError"


def test_unknown_field_is_400_without_data(gql):
    response = gql.post({"query": "{ nope }"})
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "Cannot query field 'nope' on type 'Query'.",
                "locations": [{"line": 1, "column": 3}],
                "extensions": {"exception": {"code": "GraphQLError"}, "code": "GraphQLError"},
            }
        ],
        "extensions": {"cost": {"requestedQueryCost": 0, "maximumAvailable": 50_000}},
    }


def test_wrong_variable_type_is_400_without_data(gql):
    response = gql.post(
        {
            "query": "mutation V($token: String!) { tokenVerify(token: $token) { isValid } }",
            "variables": {"token": None},
        }
    )
    assert response.status_code == 400
    assert "data" not in response.json()


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"42", b'"query"'],
)
def test_unparsable_body_is_400(client, body):
    response = client.post("/graphql/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "Unable to parse query."


def test_missing_query_is_400(gql):
    response = gql.post({"variables": {}})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "Must provide a query string."


def test_application_graphql_body(client, settings):
    response = client.post(
        "/graphql/", data="{ shop { name } }", content_type="application/graphql"
    )
    assert response.status_code == 200
    assert response.json() == {
        "data": {"shop": {"name": settings.SHOP_NAME}},
        "extensions": {"cost": {"requestedQueryCost": 1, "maximumAvailable": 50_000}},
    }


def test_introspection_works(gql):
    result = gql.execute("{ __schema { queryType { name } mutationType { name } } }")
    assert result == {
        "data": {
            "__schema": {"queryType": {"name": "Query"}, "mutationType": {"name": "Mutation"}}
        },
        "extensions": {"cost": {"requestedQueryCost": 3, "maximumAvailable": 50_000}},
    }


def test_browser_get_shows_graphiql(client):
    response = client.get(
        "/graphql/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b"graphiql" in response.content.lower()


def test_non_browser_get_is_405(client):
    response = client.get("/graphql/", headers={"Accept": "application/json"})
    assert response.status_code == 405
    assert "POST" in response["Allow"]


def test_playground_can_be_switched_off(client, settings):
    settings.GRAPHQL_PLAYGROUND_ENABLED = False
    response = client.get("/graphql/", headers={"Accept": "text/html"})
    assert response.status_code == 405


def test_post_needs_no_csrf_token(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/graphql/", data=json.dumps({"query": "{ me { email } }"}), content_type="application/json"
    )
    assert response.status_code == 200


def test_cors_preflight_and_response_headers(client, gql):
    preflight = client.options(
        "/graphql/",
        headers={
            "Origin": "https://toko.desa.id",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "https://toko.desa.id"
    assert "Authorization" in preflight["Access-Control-Allow-Headers"]
    response = gql.post({"query": "{ me { email } }"}, headers={"Origin": "https://toko.desa.id"})
    assert response["Access-Control-Allow-Origin"] == "https://toko.desa.id"


def test_cors_refuses_unlisted_origin(client, settings):
    settings.ALLOWED_GRAPHQL_ORIGINS = ["https://*.desa.id"]
    preflight = client.options("/graphql/", headers={"Origin": "https://evil.example"})
    assert preflight.status_code == 400
    assert "Access-Control-Allow-Origin" not in preflight


def test_graphiql_loads_nothing_from_another_host(client):
    """GraphiQL works offline: every script and stylesheet it names is served here, with
    the content its integrity hash promises (else the browser would refuse it)."""
    response = client.get("/graphql/", headers={"Accept": "text/html"})
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", html)
    tags = re.findall(r"<(?:script|link)\b[^>]*>", html)
    assets = [re.search(r'(?:src|href)="([^"]+)"', tag) for tag in tags]
    assert len([asset for asset in assets if asset]) == 9  # 2 stylesheets, 7 scripts
    checked = 0
    for tag, asset in zip(tags, assets, strict=True):
        if asset is None:  # an inline script
            continue
        url = asset.group(1)
        assert url.startswith("/static/"), url
        served = client.get(url)
        assert served.status_code == 200, url
        content = b"".join(served.streaming_content) if served.streaming else served.content
        integrity = re.search(r'integrity="sha256-([^"]+)"', tag)
        if integrity:
            digest = base64.b64encode(hashlib.sha256(content).digest()).decode()
            assert digest == integrity.group(1), url
            checked += 1
    assert checked == 8  # all but graphene-django's own graphiql.js carry a hash
