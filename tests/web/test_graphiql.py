"""GraphiQL at /graphql/ works in a real browser with nothing loaded from another host
(issue 12): its scripts come from this site, their integrity hashes hold, and its
introspection query passes the query limits."""

import pytest

pytestmark = pytest.mark.browser


def test_graphiql_runs_offline_and_loads_the_schema(site, phone, screenshot):
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    phone.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    with phone.expect_response(
        lambda response: (
            response.url.endswith("/graphql/")
            and response.request.method == "POST"
            and "__schema" in (response.request.post_data or "")
        )
    ) as introspection:
        phone.goto(site.url + "/graphql/")
    assert introspection.value.status == 200
    assert phone.locator(".graphiql-container").is_visible()
    screenshot(phone, "graphiql")

    others = [url for url in requests if not url.startswith((site.url, "data:", "blob:"))]
    assert others == []
    assert not [error for error in errors if "integrity" in error.lower()]
