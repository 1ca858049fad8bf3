from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from graphql_relay import to_global_id

from marketplace.accounts import tokens
from marketplace.accounts.models import User
from marketplace.village_hubs.models import Cooperative, StaffRole, VillageHub
from tests.factories.accounts import UserFactory
from tests.factories.regions import village_bakalankrapyak, village_pecatu
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    HubOperatorFactory,
    VillageHubFactory,
)
from tests.storefront_api.conftest import GraphQLClient


def gid(type_name: str, pk: Any) -> str:
    return to_global_id(type_name, str(pk))


def token_for(user: User) -> str:
    return tokens.create_access_token(user)


@dataclass
class World:
    """Two cooperatives, two hubs and one user per role."""

    coop_a: Cooperative
    coop_b: Cooperative
    hub_1: VillageHub
    hub_2: VillageHub
    platform_staff: User
    customer: User
    admin_a: User
    staff_a: User
    admin_b: User
    operator_1: User


@pytest.fixture
def world(db: None) -> World:
    pecatu = village_pecatu()
    kudus = village_bakalankrapyak()
    coop_a = CooperativeFactory(name="Koperasi Pecatu Makmur", village=pecatu)
    coop_b = CooperativeFactory(name="Koperasi Kudus Sejahtera", village=kudus)
    hub_1 = VillageHubFactory(name="Gerai Pecatu", slug="gerai-pecatu", village=pecatu)
    hub_2 = VillageHubFactory(name="Gerai Kudus", slug="gerai-kudus", village=kudus)
    admin_a = CooperativeStaffFactory(cooperative=coop_a, role=StaffRole.ADMIN).user
    staff_a = CooperativeStaffFactory(cooperative=coop_a, role=StaffRole.STAFF).user
    admin_b = CooperativeStaffFactory(cooperative=coop_b, role=StaffRole.ADMIN).user
    operator_1 = HubOperatorFactory(hub=hub_1).user
    return World(
        coop_a=coop_a,
        coop_b=coop_b,
        hub_1=hub_1,
        hub_2=hub_2,
        platform_staff=UserFactory(is_staff=True),
        customer=UserFactory(),
        admin_a=admin_a,
        staff_a=staff_a,
        admin_b=admin_b,
        operator_1=operator_1,
    )


class Api:
    """``gql.execute`` signed in as a user (or anonymous with ``None``)."""

    def __init__(self, gql: GraphQLClient) -> None:
        self.gql = gql

    def __call__(
        self, query: str, variables: dict[str, Any] | None = None, *, as_user: User | None = None
    ) -> dict[str, Any]:
        token = token_for(as_user) if as_user is not None else None
        return self.gql.execute(query, variables, token=token)


@pytest.fixture
def api(gql: GraphQLClient) -> Api:
    return Api(gql)


def assert_permission_denied(result: dict[str, Any]) -> None:
    codes = [error["extensions"]["exception"]["code"] for error in result.get("errors", [])]
    assert codes == ["PermissionDenied"], result
