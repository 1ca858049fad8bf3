from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client
from django.utils import translation

from marketplace.accounts.models import User

PASSWORD = "kopi-tubruk-2024"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Assert on the English msgids, whatever the Indonesian catalogue says."""
    with translation.override("en"):
        yield


class GraphQLClient:
    """Posts to the real /graphql/ endpoint, as a Saleor storefront would."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def post(self, body: Any, *, headers: dict[str, str] | None = None) -> HttpResponse:
        return self.client.post(
            "/graphql/",
            data=json.dumps(body),
            content_type="application/json",
            headers={"Accept-Language": "en", **(headers or {})},
        )

    def execute(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
        status: int = 200,
    ) -> dict[str, Any]:
        headers = dict(headers or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        body: dict[str, Any] = {"query": query}
        if variables is not None:
            body["variables"] = variables
        response = self.post(body, headers=headers)
        assert response.status_code == status, response.content
        return response.json()


@pytest.fixture
def gql(client: Client) -> GraphQLClient:
    return GraphQLClient(client)


@pytest.fixture
def user(db: None) -> User:
    return User.objects.create_user(
        email="siti@desa.id", password=PASSWORD, first_name="Siti", last_name="Aminah"
    )
