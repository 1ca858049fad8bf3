"""Managing vouchers with Saleor's mutations and queries, and who may."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.discounts.models import Voucher, VoucherChannelListing, VoucherCode
from marketplace.village_hubs.models import StaffRole
from tests.factories.accounts import UserFactory
from tests.factories.discounts import voucher_in_hub
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    HubSupplyFactory,
    VillageHubFactory,
)
from tests.storefront_api.checkout.conftest import Shop, gid, token_for
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

VOUCHER = """
  id name code used usageLimit type discountValueType startDate endDate
  applyOncePerOrder applyOncePerCustomer singleUse minCheckoutItemsQuantity
  discountValue currency minSpent { amount currency }
  villageHub { slug } cooperative { name }
  codes(first: 10) { totalCount edges { node { id code used isActive } } }
  channelListings { channel { slug } discountValue currency minSpent { amount } }
  products(first: 10) { edges { node { id } } }
"""
CREATE = (
    "mutation Create($input: VoucherInput!) { voucherCreate(input: $input) {"
    " voucher { " + VOUCHER + " } errors { field message code channels products voucherCodes }"
    " discountErrors { code } } }"
)
UPDATE = (
    "mutation Update($id: ID!, $input: VoucherInput!) { voucherUpdate(id: $id, input: $input) {"
    " voucher { " + VOUCHER + " } errors { field message code voucherCodes } } }"
)
DELETE = (
    "mutation Delete($id: ID!) { voucherDelete(id: $id) { voucher { id name }"
    " errors { field code } } }"
)
LISTING = (
    "mutation Listing($id: ID!, $input: VoucherChannelListingInput!) {"
    " voucherChannelListingUpdate(id: $id, input: $input) {"
    " voucher { channelListings { channel { slug } discountValue minSpent { amount } } }"
    " errors { field message code channels } } }"
)
CATALOGUES_ADD = (
    "mutation Add($id: ID!, $input: CatalogueInput!) { voucherCataloguesAdd(id: $id, "
    "input: $input) { voucher { products(first: 5) { edges { node { id } } } }"
    " errors { field code products } } }"
)
CODES_DELETE = (
    "mutation Delete($ids: [ID!]!) { voucherCodeBulkDelete(ids: $ids) { count"
    " errors { path code voucherCodes } } }"
)
VOUCHERS = """
query Vouchers($filter: VoucherFilterInput, $sort: VoucherSortingInput, $channel: String,
               $first: Int) {
  vouchers(first: $first, filter: $filter, sortBy: $sort, channel: $channel) {
    totalCount edges { node { id name code discountValue used } }
  }
}
"""
ONE = "query One($id: ID!, $channel: String) { voucher(id: $id, channel: $channel) { id name } }"


def _data(response: dict[str, Any], name: str) -> dict[str, Any]:
    assert "errors" not in response, response
    return response["data"][name]


def _admin_of(cooperative) -> Any:
    return CooperativeStaffFactory(cooperative=cooperative, role=StaffRole.ADMIN).user


def test_hub_operator_creates_lists_and_edits_a_hub_voucher(gql: GraphQLClient, shop: Shop):
    token = token_for(shop.operator)
    created = _data(
        gql.execute(
            CREATE,
            {
                "input": {
                    "name": "Desa Maju",
                    "type": "ENTIRE_ORDER",
                    "discountValueType": "PERCENTAGE",
                    "addCodes": ["DESAMAJU", " maju2 "],
                    "startDate": "2026-12-01T00:00:00",
                    "endDate": "2026-12-31T23:59:59",
                    "usageLimit": 100,
                    "applyOncePerCustomer": True,
                }
            },
            token=token,
        ),
        "voucherCreate",
    )
    assert created["errors"] == []
    assert created["discountErrors"] == []
    voucher = created["voucher"]
    assert voucher["villageHub"] == {"slug": "gerai-pecatu"}  # the operator's only hub
    # dates without an offset are the hub's local time (WITA in Bali)
    assert voucher["startDate"] == "2026-12-01T00:00:00+08:00"
    assert voucher["endDate"] == "2026-12-31T23:59:59+08:00"
    assert voucher["code"] == "DESAMAJU"
    assert sorted(edge["node"]["code"] for edge in voucher["codes"]["edges"]) == [
        "DESAMAJU",
        "maju2",
    ]
    assert (voucher["used"], voucher["usageLimit"], voucher["applyOncePerCustomer"]) == (
        0,
        100,
        True,
    )

    listed = _data(
        gql.execute(
            LISTING,
            {
                "id": voucher["id"],
                "input": {
                    "addChannels": [
                        {
                            "channelId": gid("Channel", shop.hub.channel_id),
                            "discountValue": "10",
                            "minAmountSpent": "50000",
                        }
                    ]
                },
            },
            token=token,
        ),
        "voucherChannelListingUpdate",
    )
    assert listed["errors"] == []
    assert listed["voucher"]["channelListings"] == [
        {"channel": {"slug": "gerai-pecatu"}, "discountValue": 10.0, "minSpent": {"amount": 50_000}}
    ]

    updated = _data(
        gql.execute(
            UPDATE,
            {"id": voucher["id"], "input": {"name": "Desa Maju Desember", "addCodes": ["MAJU3"]}},
            token=token,
        ),
        "voucherUpdate",
    )
    assert updated["errors"] == []
    assert updated["voucher"]["name"] == "Desa Maju Desember"
    assert updated["voucher"]["codes"]["totalCount"] == 3

    found = _data(
        gql.execute(VOUCHERS, {"channel": "gerai-pecatu", "first": 10}, token=token), "vouchers"
    )
    assert found["totalCount"] == 1
    assert found["edges"][0]["node"]["discountValue"] == 10.0


def test_hub_voucher_can_be_listed_only_in_its_hubs_channel(gql, shop):
    voucher = voucher_in_hub(shop.hub)
    other = VillageHubFactory()

    response = _data(
        gql.execute(
            LISTING,
            {
                "id": gid("Voucher", voucher.pk),
                "input": {
                    "addChannels": [
                        {"channelId": gid("Channel", other.channel_id), "discountValue": "5"}
                    ]
                },
            },
            token=token_for(shop.operator),
        ),
        "voucherChannelListingUpdate",
    )

    assert response["voucher"] is None
    assert response["errors"] == [
        {
            "field": "addChannels",
            "message": "This voucher can only be listed in its own village hubs' channels.",
            "code": "INVALID",
            "channels": [gid("Channel", other.channel_id)],
        }
    ]
    assert not VoucherChannelListing.objects.filter(channel=other.channel).exists()


def test_listing_values_are_checked(gql, shop):
    voucher = voucher_in_hub(shop.hub)  # a percentage voucher
    channel = gid("Channel", shop.hub.channel_id)

    def listing(**values: str) -> dict:
        return _data(
            gql.execute(
                LISTING,
                {
                    "id": gid("Voucher", voucher.pk),
                    "input": {"addChannels": [{"channelId": channel, **values}]},
                },
                token=token_for(shop.operator),
            ),
            "voucherChannelListingUpdate",
        )

    assert listing(discountValue="150")["errors"][0]["code"] == "INVALID"
    assert listing(discountValue="10", minAmountSpent="50000.5")["errors"][0] == {
        "field": "minAmountSpent",
        "message": "Rupiah amounts cannot have a fraction; enter a whole number of rupiah.",
        "code": "INVALID",
        "channels": None,
    }
    assert VoucherChannelListing.objects.get(voucher=voucher).discount_value == 10


def test_cooperative_admin_manages_only_its_own_cooperatives_vouchers(gql, shop):
    admin_a = _admin_of(shop.coop_a)
    admin_b = _admin_of(shop.coop_b)
    theirs = voucher_in_hub(shop.hub, code="KOPI10", cooperative=shop.coop_b)

    created = _data(
        gql.execute(
            CREATE,
            {
                "input": {
                    "name": "Beras hemat",
                    "type": "SPECIFIC_PRODUCT",
                    "discountValueType": "FIXED",
                    "addCodes": ["BERAS5"],
                    "products": [gid("Product", shop.beras.product_id)],
                }
            },
            token=token_for(admin_a),
        ),
        "voucherCreate",
    )
    assert created["errors"] == []
    assert created["voucher"]["cooperative"] == {"name": "Koperasi Tani Pecatu"}
    assert created["voucher"]["products"]["edges"] == [
        {"node": {"id": gid("Product", shop.beras.product_id)}}
    ]
    mine = created["voucher"]["id"]

    # listed in a hub the cooperative supplies; a hub it does not supply is refused
    far_hub = VillageHubFactory()
    refused = _data(
        gql.execute(
            LISTING,
            {"id": mine, "input": {"addChannels": [
                {"channelId": gid("Channel", far_hub.channel_id), "discountValue": "5000"}
            ]}},
            token=token_for(admin_a),
        ),
        "voucherChannelListingUpdate",
    )  # fmt: skip
    assert refused["errors"][0]["code"] == "INVALID"

    # another cooperative's product cannot be added
    foreign = _data(
        gql.execute(
            CATALOGUES_ADD,
            {"id": mine, "input": {"products": [gid("Product", shop.kopi.product_id)]}},
            token=token_for(admin_a),
        ),
        "voucherCataloguesAdd",
    )
    assert foreign == {
        "voucher": None,
        "errors": [
            {
                "field": "products",
                "code": "INVALID",
                "products": [gid("Product", shop.kopi.product_id)],
            }
        ],
    }

    # cooperative A never sees nor changes cooperative B's voucher
    listed = _data(gql.execute(VOUCHERS, {"first": 10}, token=token_for(admin_a)), "vouchers")
    assert [edge["node"]["id"] for edge in listed["edges"]] == [mine]
    assert (
        _data(
            gql.execute(ONE, {"id": gid("Voucher", theirs.pk)}, token=token_for(admin_a)), "voucher"
        )
        is None
    )
    deleted = _data(
        gql.execute(DELETE, {"id": gid("Voucher", theirs.pk)}, token=token_for(admin_a)),
        "voucherDelete",
    )
    assert deleted == {"voucher": None, "errors": [{"field": "id", "code": "NOT_FOUND"}]}
    assert Voucher.objects.filter(pk=theirs.pk).exists()
    # ... while its own admin does
    deleted = _data(
        gql.execute(DELETE, {"id": gid("Voucher", theirs.pk)}, token=token_for(admin_b)),
        "voucherDelete",
    )
    assert deleted["errors"] == []
    assert not Voucher.objects.filter(pk=theirs.pk).exists()


def test_cooperative_voucher_cannot_discount_shipping(gql, shop):
    response = _data(
        gql.execute(
            CREATE,
            {"input": {"type": "SHIPPING", "addCodes": ["ONGKIR"]}},
            token=token_for(_admin_of(shop.coop_a)),
        ),
        "voucherCreate",
    )
    assert response["voucher"] is None
    assert response["errors"][0]["field"] == "type"
    assert response["errors"][0]["code"] == "INVALID"
    assert not VoucherCode.objects.filter(code="ONGKIR").exists()


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (["desamaju"], {"code": "ALREADY_EXISTS", "voucherCodes": ["desamaju"]}),
        (["A1", "a1"], {"code": "DUPLICATED_INPUT_ITEM", "voucherCodes": ["A1", "a1"]}),
    ],
)
def test_codes_are_unique_ignoring_case(gql, shop, codes, expected):
    voucher_in_hub(shop.hub, code="DESAMAJU")

    response = _data(
        gql.execute(CREATE, {"input": {"addCodes": codes}}, token=token_for(shop.operator)),
        "voucherCreate",
    )

    [error] = response["errors"]
    assert error["field"] == "codes"
    assert {key: error[key] for key in expected} == expected
    assert Voucher.objects.count() == 1


def test_create_needs_a_code_and_generates_one_for_an_empty_code(gql, shop):
    token = token_for(shop.operator)
    missing = _data(gql.execute(CREATE, {"input": {"name": "x"}}, token=token), "voucherCreate")
    generated = _data(
        gql.execute(CREATE, {"input": {"name": "y", "code": ""}}, token=token), "voucherCreate"
    )

    assert missing["errors"][0]["code"] == "REQUIRED"
    assert generated["errors"] == []
    assert len(generated["voucher"]["code"]) == 14  # ABCD-EF12-3456


def test_usage_limit_cannot_change_once_used(gql, shop):
    voucher = voucher_in_hub(shop.hub, usage_limit=10)
    VoucherCode.objects.filter(voucher=voucher).update(used=1)

    response = _data(
        gql.execute(
            UPDATE,
            {"id": gid("Voucher", voucher.pk), "input": {"usageLimit": 20}},
            token=token_for(shop.operator),
        ),
        "voucherUpdate",
    )

    assert response["errors"][0]["code"] == "VOUCHER_ALREADY_USED"
    voucher.refresh_from_db()
    assert voucher.usage_limit == 10


@pytest.mark.parametrize("who", ["anonymous", "buyer", "cooperative staff", "other operator"])
def test_others_cannot_manage_vouchers(gql, shop, who):
    voucher = voucher_in_hub(shop.hub)
    user = {
        "anonymous": None,
        "buyer": UserFactory(),
        "cooperative staff": shop.staff_a,  # staff, not an admin (pengurus)
        "other operator": shop.other_operator,
    }[who]
    token = token_for(user) if user else None

    listing = gql.execute(VOUCHERS, {"first": 10}, token=token)
    created = gql.execute(CREATE, {"input": {"addCodes": ["X"]}}, token=token)
    deleted = gql.execute(DELETE, {"id": gid("Voucher", voucher.pk)}, token=token)

    if who == "other operator":  # manages vouchers, just not this hub's
        assert listing["data"]["vouchers"]["totalCount"] == 0
        assert deleted["data"]["voucherDelete"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
        assert created["data"]["voucherCreate"]["voucher"]["villageHub"]["slug"] != "gerai-pecatu"
    else:
        for response in (listing, created, deleted):
            assert response["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert Voucher.objects.filter(pk=voucher.pk).exists()


def test_platform_staff_sees_all_and_filters_and_sorts(gql, shop):
    staff = UserFactory(is_staff=True)
    hub_voucher = voucher_in_hub(shop.hub, code="DESAMAJU", value=10, name="Bravo")
    coop_voucher = voucher_in_hub(
        shop.hub, code="KOPI", value=25, cooperative=shop.coop_b, name="Alpha"
    )
    ended = voucher_in_hub(shop.hub, code="LAMA", value=5, name="Charlie")
    ended.end_date = ended.start_date + datetime.timedelta(hours=1)
    ended.save()
    token = token_for(staff)

    def names(**variables: Any) -> list[str]:
        data = _data(gql.execute(VOUCHERS, {"first": 10, **variables}, token=token), "vouchers")
        return [edge["node"]["name"] for edge in data["edges"]]

    assert names() == ["Alpha", "Bravo", "Charlie"]
    assert names(filter={"status": ["ACTIVE"]}) == ["Alpha", "Bravo"]
    assert names(filter={"status": ["EXPIRED"]}) == ["Charlie"]
    assert names(filter={"search": "kop"}) == ["Alpha"]
    assert names(channel="gerai-pecatu", sort={"field": "VALUE", "direction": "DESC"}) == [
        "Alpha",
        "Bravo",
        "Charlie",
    ]
    assert names(sort={"field": "NAME", "direction": "DESC"}) == ["Charlie", "Bravo", "Alpha"]
    assert {hub_voucher.pk, coop_voucher.pk} <= set(Voucher.objects.values_list("pk", flat=True))


def test_voucher_code_bulk_delete(gql, shop):
    voucher = voucher_in_hub(shop.hub, code="SATU")
    second = VoucherCode.objects.create(voucher=voucher, code="DUA")
    other = voucher_in_hub(VillageHubFactory(), code="LAIN")
    token = token_for(shop.operator)

    refused = gql.execute(
        CODES_DELETE,
        {"ids": [gid("VoucherCode", second.pk), gid("VoucherCode", other.codes.get().pk)]},
        token=token,
    )["data"]["voucherCodeBulkDelete"]
    deleted = gql.execute(CODES_DELETE, {"ids": [gid("VoucherCode", second.pk)]}, token=token)[
        "data"
    ]["voucherCodeBulkDelete"]

    assert refused == {
        "count": 0,
        "errors": [
            {
                "path": "ids",
                "code": "NOT_FOUND",
                "voucherCodes": [gid("VoucherCode", other.codes.get().pk)],
            }
        ],
    }
    assert deleted == {"count": 1, "errors": []}
    assert list(voucher.codes.values_list("code", flat=True)) == ["SATU"]


def test_vouchers_list_runs_in_constant_queries(gql, shop):
    staff = UserFactory(is_staff=True)
    query = (
        'query($first: Int) { vouchers(first: $first, channel: "gerai-pecatu") { edges { node {'
        " id name code used discountValue minSpent { amount } villageHub { slug }"
        " channelListings { channel { slug } discountValue } } } } }"
    )
    voucher_in_hub(shop.hub, code="V0")
    token = token_for(staff)

    def count(first: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = gql.execute(query, {"first": first}, token=token)
        assert "errors" not in response, response
        return len(queries)

    one = count(1)
    for index in range(1, 12):
        supplier = CooperativeFactory()
        HubSupplyFactory(hub=shop.hub, cooperative=supplier)
        voucher_in_hub(shop.hub, code=f"V{index}", cooperative=supplier)
    assert count(12) == one


def test_translate_and_remove_catalogues(gql, shop):
    voucher = voucher_in_hub(shop.hub, type="specific_product")
    voucher.products.add(shop.beras.product, shop.kopi.product)
    token = token_for(shop.operator)
    vid = gid("Voucher", voucher.pk)

    translated = gql.execute(
        "mutation($id: ID!) { voucherTranslate(id: $id, languageCode: EN, input: {name: "
        '"Village 10%"}) { voucher { translation(languageCode: EN) { name language { code } } }'
        " errors { field code } } }",
        {"id": vid},
        token=token,
    )["data"]["voucherTranslate"]
    removed = gql.execute(
        "mutation($id: ID!, $input: CatalogueInput!) { voucherCataloguesRemove(id: $id, "
        "input: $input) { voucher { products(first: 5) { edges { node { id } } } }"
        " errors { field code } } }",
        {"id": vid, "input": {"products": [gid("Product", shop.kopi.product_id)]}},
        token=token,
    )["data"]["voucherCataloguesRemove"]

    assert translated == {
        "voucher": {"translation": {"name": "Village 10%", "language": {"code": "EN"}}},
        "errors": [],
    }
    assert removed == {
        "voucher": {
            "products": {"edges": [{"node": {"id": gid("Product", shop.beras.product_id)}}]}
        },
        "errors": [],
    }
