"""BaseLoader batches related lookups per request, and errors stay ordinary GraphQL errors."""

from __future__ import annotations

import json
from collections import defaultdict

import graphene
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from graphql import GraphQLError

from marketplace.accounts.models import User
from storefront_api.core.dataloaders import BaseLoader
from storefront_api.core.views import GraphQLView

pytestmark = pytest.mark.django_db


class GroupsByUserIdLoader(BaseLoader[int, list[Group]]):
    def batch_load(self, keys):
        by_user = defaultdict(list)
        links = User.groups.through.objects.filter(user_id__in=keys).select_related("group")
        for link in links.order_by("group__name"):
            by_user[link.user_id].append(link.group)
        return [by_user[key] for key in keys]


class PermissionsByGroupIdLoader(BaseLoader[int, list[Permission]]):
    def batch_load(self, keys):
        by_group = defaultdict(list)
        links = Group.permissions.through.objects.filter(group_id__in=keys)
        for link in links.select_related("permission").order_by("permission__codename"):
            by_group[link.group_id].append(link.permission)
        return [by_group[key] for key in keys]


class UnavailableLoader(BaseLoader[int, str]):
    def batch_load(self, keys):
        raise GraphQLError("Nickname service is unavailable.")


class RejectingLoader(BaseLoader[int, str]):
    def batch_load(self, keys):
        raise ValidationError("Not allowed here.")


class PermissionType(graphene.ObjectType):
    codename = graphene.String(required=True)


class GroupType(graphene.ObjectType):
    name = graphene.String(required=True)
    permissions = graphene.List(graphene.NonNull(PermissionType), required=True)

    @staticmethod
    def resolve_permissions(root, info):
        return PermissionsByGroupIdLoader(info.context).load_from(root, key=lambda g: g.pk)


class UserType(graphene.ObjectType):
    email = graphene.String(required=True)
    groups = graphene.List(graphene.NonNull(GroupType), required=True)
    nickname = graphene.String()
    secret = graphene.String()
    crash = graphene.String()

    @staticmethod
    def resolve_groups(root, info):
        return GroupsByUserIdLoader(info.context).load_from(root, key=lambda u: u.pk)

    @staticmethod
    def resolve_nickname(root, info):
        return UnavailableLoader(info.context).load_from(root, key=lambda u: u.pk)

    @staticmethod
    def resolve_secret(root, info):
        return RejectingLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_crash(root, info):
        raise RuntimeError("database exploded")


class Query(graphene.ObjectType):
    users = graphene.List(graphene.NonNull(UserType), required=True)

    @staticmethod
    def resolve_users(root, info):
        return User.objects.order_by("pk")


view = GraphQLView.as_view(schema=graphene.Schema(query=Query))


def run(query: str) -> tuple[int, dict]:
    request = RequestFactory().post(
        "/graphql/", data=json.dumps({"query": query}), content_type="application/json"
    )
    response = view(request)
    return response.status_code, json.loads(response.content)


def make_users(count: int) -> None:
    permissions = list(Permission.objects.order_by("pk")[:3])
    for index in range(count):
        user = User.objects.create_user(email=f"petani{index}@desa.id", password="x")
        group = Group.objects.create(name=f"koperasi-{index}")
        group.permissions.set(permissions[: 1 + index % 3])
        shared, _ = Group.objects.get_or_create(name="pembeli")
        shared.permissions.set(permissions[:1])
        user.groups.set([group, shared])


NESTED = "{ users { email groups { name permissions { codename } } } }"


@pytest.mark.parametrize("count", [1, 4, 12])
def test_nested_lookups_take_one_query_per_level(django_assert_num_queries, count):
    # given
    make_users(count)
    # when: users, their groups, the groups' permissions
    with django_assert_num_queries(3):
        status, body = run(NESTED)
    # then
    assert status == 200
    assert "errors" not in body
    users = body["data"]["users"]
    assert len(users) == count
    assert users[-1]["email"] == f"petani{count - 1}@desa.id"
    assert [group["name"] for group in users[0]["groups"]] == ["koperasi-0", "pembeli"]
    assert len(users[0]["groups"][0]["permissions"]) == 1
    if count > 2:
        assert len(users[2]["groups"][0]["permissions"]) == 3


def test_loader_cache_is_per_operation(django_assert_num_queries):
    make_users(2)
    with django_assert_num_queries(2):
        run("{ users { groups { name } } }")
    with django_assert_num_queries(2):
        run("{ users { groups { name } } }")


def test_resolver_exception_is_a_normal_graphql_error():
    make_users(2)
    status, body = run("{ users { email crash } }")
    assert status == 200
    assert body["data"]["users"] == [
        {"email": "petani0@desa.id", "crash": None},
        {"email": "petani1@desa.id", "crash": None},
    ]
    assert len(body["errors"]) == 2
    error = body["errors"][0]
    assert error["message"] == "Internal Server Error"  # DEBUG is off: no internals leak
    assert error["path"] == ["users", 0, "crash"]
    assert error["extensions"]["exception"]["code"] == "RuntimeError"


def test_loader_exception_is_a_normal_graphql_error():
    make_users(2)
    status, body = run("{ users { email nickname groups { name } } }")
    assert status == 200
    assert body["errors"][0]["message"] == "Nickname service is unavailable."
    assert body["errors"][0]["path"] == ["users", 0, "nickname"]
    assert body["errors"][0]["extensions"]["exception"]["code"] == "GraphQLError"
    first = body["data"]["users"][0]
    assert first["email"] == "petani0@desa.id"
    assert first["nickname"] is None
    assert [group["name"] for group in first["groups"]] == ["koperasi-0", "pembeli"]


def test_validation_error_in_resolver_keeps_its_message():
    make_users(1)
    status, body = run("{ users { email secret } }")
    assert status == 200
    assert body["data"]["users"] == [{"email": "petani0@desa.id", "secret": None}]
    assert body["errors"][0]["message"] == "Not allowed here."
    assert body["errors"][0]["extensions"]["exception"]["code"] == "ValidationError"


def test_load_many_and_prime_batch_explicit_keys(django_assert_num_queries, rf):
    make_users(3)
    pks = list(User.objects.order_by("pk").values_list("pk", flat=True))
    request = rf.get("/")
    loader = GroupsByUserIdLoader(request)
    assert GroupsByUserIdLoader(request) is loader  # one loader per request
    with django_assert_num_queries(1):
        loader.prime(pks[1:])
        groups = loader.load(pks[0])
        others = loader.load_many(pks[1:])
    assert [g.name for g in groups] == ["koperasi-0", "pembeli"]
    assert [[g.name for g in gs] for gs in others] == [
        ["koperasi-1", "pembeli"],
        ["koperasi-2", "pembeli"],
    ]
