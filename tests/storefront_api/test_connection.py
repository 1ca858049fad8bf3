"""Relay pagination as Saleor's: both directions, totalCount, limits and bad cursors."""

from __future__ import annotations

import graphene
import pytest
from graphene import relay

from marketplace.accounts.models import User
from storefront_api.core.connection import (
    CountableConnection,
    connection_args,
    resolve_connection,
)

pytestmark = pytest.mark.django_db


class UserNode(graphene.ObjectType):
    email = graphene.String(required=True)

    class Meta:
        name = "User"
        interfaces = (relay.Node,)


class UserCountableConnection(CountableConnection):
    class Meta:
        node = UserNode


class Query(graphene.ObjectType):
    users = graphene.Field(UserCountableConnection, **connection_args())

    @staticmethod
    def resolve_users(root, info, **args):
        return resolve_connection(
            User.objects.all(), info, args, UserCountableConnection, order_by=["email"]
        )


schema = graphene.Schema(query=Query)

PAGE = """
query ($first: Int, $last: Int, $after: String, $before: String) {
  users(first: $first, last: $last, after: $after, before: $before) {
    totalCount
    edges { cursor node { email } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


class Context:
    pass


def page(**variables):
    return schema.execute(PAGE, variable_values=variables, context_value=Context())


def emails(result) -> list[str]:
    return [edge["node"]["email"] for edge in result.data["users"]["edges"]]


@pytest.fixture
def seven_users():
    for letter in "gfedcba":
        User.objects.create_user(f"{letter}@desa.id", "x")


def test_walks_forward_page_by_page(seven_users):
    first = page(first=3)
    second = page(first=3, after=first.data["users"]["pageInfo"]["endCursor"])
    third = page(first=3, after=second.data["users"]["pageInfo"]["endCursor"])

    assert emails(first) == ["a@desa.id", "b@desa.id", "c@desa.id"]
    assert emails(second) == ["d@desa.id", "e@desa.id", "f@desa.id"]
    assert emails(third) == ["g@desa.id"]
    assert first.data["users"]["totalCount"] == 7
    assert first.data["users"]["pageInfo"]["hasNextPage"] is True
    assert first.data["users"]["pageInfo"]["hasPreviousPage"] is False
    assert third.data["users"]["pageInfo"]["hasNextPage"] is False
    assert third.data["users"]["pageInfo"]["hasPreviousPage"] is True


def test_walks_backward_from_the_end(seven_users):
    last = page(last=3)
    before = page(last=3, before=last.data["users"]["pageInfo"]["startCursor"])

    assert emails(last) == ["e@desa.id", "f@desa.id", "g@desa.id"]
    assert emails(before) == ["b@desa.id", "c@desa.id", "d@desa.id"]
    assert last.data["users"]["pageInfo"]["hasPreviousPage"] is True
    assert before.data["users"]["pageInfo"]["hasNextPage"] is True


def test_row_added_before_the_cursor_does_not_shift_the_next_page(seven_users):
    first = page(first=3)
    User.objects.create_user("aa@desa.id", "x")

    second = page(first=3, after=first.data["users"]["pageInfo"]["endCursor"])

    assert emails(second) == ["d@desa.id", "e@desa.id", "f@desa.id"]


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        (
            {"first": 101},
            "Requesting 101 records on the `users` connection exceeds the `first` limit "
            "of 100 records.",
        ),
        (
            {"last": 150},
            "Requesting 150 records on the `users` connection exceeds the `last` limit "
            "of 100 records.",
        ),
        (
            {},
            "You must provide a `first` or `last` value to properly paginate the `users` "
            "connection.",
        ),
        ({"first": -1}, "Argument `first` must be a non-negative integer."),
        ({"first": 2, "last": 2}, "Argument `last` cannot be combined with `first`."),
        ({"first": 2, "after": "bm90LWpzb24="}, "Received cursor is invalid."),
        ({"first": 2, "after": "%%%"}, "Received cursor is invalid."),
    ],
)
def test_bad_arguments_give_saleors_errors(seven_users, variables, message):
    result = page(**variables)

    assert result.data["users"] is None
    assert [error.message for error in result.errors] == [message]


def test_total_count_alone_needs_no_page_size(seven_users):
    result = schema.execute("{ users { totalCount } }", context_value=Context())

    assert result.errors is None
    assert result.data == {"users": {"totalCount": 7}}


def test_connection_types_are_named_and_non_null_as_saleors():
    sdl = str(schema)

    assert "edges: [UserCountableEdge!]!" in sdl
    assert "node: User!" in sdl
    assert "cursor: String!" in sdl
    assert "totalCount: Int" in sdl
