"""Promo codes as Saleor storefronts send them (``checkoutAddPromoCode``,
``checkoutRemovePromoCode``), the checkout's discount fields, and the order they place."""

from __future__ import annotations

from typing import Any

import pytest

from marketplace.discounts.models import VoucherTranslation
from tests.factories.discounts import voucher_in_hub
from tests.storefront_api.checkout.conftest import Shop, gid, token_for
from tests.storefront_api.checkout.test_storefront_flow import COMPLETE, DELIVERY
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

# The storefront's CheckoutFragment, the parts about prices and discounts.
CHECKOUT = """
  id voucherCode discount { amount currency } discountName translatedDiscountName
  subtotalPrice { gross { amount } } shippingPrice { gross { amount } }
  totalPrice { gross { amount currency } tax { amount } }
  lines { quantity variant { id } unitPrice { gross { amount } } undiscountedUnitPrice { amount }
          totalPrice { gross { amount } } undiscountedTotalPrice { amount } }
"""
ADD = (
    "mutation Add($id: ID, $code: String!) { checkoutAddPromoCode(id: $id, promoCode: $code) {"
    " checkout { " + CHECKOUT + " } errors { field message code } } }"
)
ADD_LEGACY = (
    "mutation Add($checkoutId: ID, $token: UUID, $code: String!) { checkoutAddPromoCode("
    "checkoutId: $checkoutId, token: $token, promoCode: $code) {"
    " checkout { voucherCode } checkoutErrors { field code } errors { field code } } }"
)
REMOVE = (
    "mutation Remove($id: ID, $code: String, $codeId: ID) { checkoutRemovePromoCode("
    "checkoutId: $id, promoCode: $code, promoCodeId: $codeId) {"
    " checkout { " + CHECKOUT + " } errors { field message code } } }"
)
CREATE = (
    "mutation Create($input: CheckoutCreateInput!) { checkoutCreate(input: $input) {"
    " checkout { id token } errors { field code } } }"
)
ORDER = """
query Order($id: ID!) { order(id: $id) {
  voucher { code name } voucherCode
  discounts { type name amount { amount } total { amount } valueType value }
  subtotal { gross { amount } } total { gross { amount } } undiscountedTotal { gross { amount } }
  lines { productName quantity unitPrice { gross { amount } }
          undiscountedUnitPrice { gross { amount } } unitDiscount { amount }
          totalPrice { gross { amount } } undiscountedTotalPrice { gross { amount } }
          voucherCode cooperative { name } }
} }
"""


def _cart(gql: GraphQLClient, shop: Shop, lines: list[tuple[Any, int]], language="ID") -> dict:
    response = gql.execute(
        CREATE,
        {
            "input": {
                "channel": "gerai-pecatu",
                "email": "made@desa.id",
                "languageCode": language,
                "lines": [
                    {"variantId": gid("ProductVariant", variant.pk), "quantity": quantity}
                    for variant, quantity in lines
                ],
            }
        },
    )
    checkout = response["data"]["checkoutCreate"]["checkout"]
    gql.execute(DELIVERY, {"id": checkout["id"], "method": gid("Warehouse", shop.point.pk)})
    return checkout


def _add(gql: GraphQLClient, checkout_id: str, code: str) -> dict:
    return gql.execute(ADD, {"id": checkout_id, "code": code})["data"]["checkoutAddPromoCode"]


def test_add_promo_code_discounts_the_cart_and_the_order_keeps_it(gql, shop):
    # given: beras Rp65.000 × 2 (coop A) and kopi Rp40.000 (coop B); 10 % from Rp50.000
    voucher = voucher_in_hub(shop.hub, code="DESAMAJU", value=10, min_spent=50_000)
    voucher.name = "Desa Maju 10%"
    voucher.save()
    VoucherTranslation.objects.create(voucher=voucher, language_code="en", name="Village 10%")
    checkout = _cart(gql, shop, [(shop.beras, 2), (shop.kopi, 1)], language="EN")

    # when
    added = _add(gql, checkout["id"], "desamaju")

    # then
    assert added["errors"] == []
    cart = added["checkout"]
    assert cart["voucherCode"] == "DESAMAJU"
    assert cart["discount"] == {"amount": 17_000, "currency": "IDR"}
    assert (cart["discountName"], cart["translatedDiscountName"]) == (
        "Desa Maju 10%",
        "Village 10%",
    )
    assert cart["subtotalPrice"]["gross"]["amount"] == 153_000
    assert cart["totalPrice"] == {
        "gross": {"amount": 153_000, "currency": "IDR"},
        "tax": {"amount": 0},
    }
    lines = {line["variant"]["id"]: line for line in cart["lines"]}
    beras = lines[gid("ProductVariant", shop.beras.pk)]
    assert beras["undiscountedUnitPrice"]["amount"] == 65_000
    assert beras["unitPrice"]["gross"]["amount"] == 58_500
    assert beras["totalPrice"]["gross"]["amount"] == 117_000
    assert beras["undiscountedTotalPrice"]["amount"] == 130_000
    kopi = lines[gid("ProductVariant", shop.kopi.pk)]
    assert kopi["totalPrice"]["gross"]["amount"] == 36_000

    # when the buyer completes (pay at pickup)
    completed = gql.execute(COMPLETE, {"id": checkout["id"]})["data"]["checkoutComplete"]
    assert completed["errors"] == []
    assert completed["order"]["total"]["gross"]["amount"] == 153_000
    order = gql.execute(ORDER, {"id": completed["order"]["id"]})["data"]["order"]

    # then the order shows the voucher and each cooperative's discounted lines
    assert order["voucher"] == {"code": "DESAMAJU", "name": "Desa Maju 10%"}
    assert order["voucherCode"] == "DESAMAJU"
    assert order["discounts"] == [
        {
            "type": "VOUCHER",
            "name": "Desa Maju 10%",
            "amount": {"amount": 17_000},
            "total": {"amount": 17_000},
            "valueType": "PERCENTAGE",
            "value": 10.0,
        }
    ]
    assert order["subtotal"]["gross"]["amount"] == 153_000
    assert order["undiscountedTotal"]["gross"]["amount"] == 170_000
    by_name = {line["cooperative"]["name"]: line for line in order["lines"]}
    assert by_name["Koperasi Tani Pecatu"]["totalPrice"]["gross"]["amount"] == 117_000
    assert by_name["Koperasi Tani Pecatu"]["undiscountedUnitPrice"]["gross"]["amount"] == 65_000
    assert by_name["Koperasi Tani Pecatu"]["unitPrice"]["gross"]["amount"] == 58_500
    assert by_name["Koperasi Tani Pecatu"]["unitDiscount"]["amount"] == 6_500
    assert by_name["Koperasi Kopi Kintamani"]["totalPrice"]["gross"]["amount"] == 36_000
    assert by_name["Koperasi Kopi Kintamani"]["voucherCode"] == "DESAMAJU"
    assert sum(line["totalPrice"]["gross"]["amount"] for line in order["lines"]) == 153_000


def test_errors_are_saleors_codes_and_change_nothing(gql, shop):
    voucher_in_hub(shop.hub, code="DESAMAJU", value=10, min_spent=200_000)
    checkout = _cart(gql, shop, [(shop.kopi, 1)])

    unknown = _add(gql, checkout["id"], "NGAWUR")
    below = _add(gql, checkout["id"], "DESAMAJU")

    assert unknown == {
        "checkout": None,
        "errors": [{"field": "promoCode", "message": "Promo code is invalid.", "code": "INVALID"}],
    }
    assert below == {
        "checkout": None,
        "errors": [
            {
                "field": "promoCode",
                "message": "This offer is only valid for orders over Rp200.000.",
                "code": "VOUCHER_NOT_APPLICABLE",
            }
        ],
    }
    cart = gql.execute(
        "query($id: ID!) { checkout(id: $id) { voucherCode discount { amount } } }",
        {"id": checkout["id"]},
    )["data"]["checkout"]
    assert cart == {"voucherCode": None, "discount": {"amount": 0}}


def test_legacy_checkout_id_and_token_arguments(gql, shop):
    voucher_in_hub(shop.hub, code="DESAMAJU")
    checkout = _cart(gql, shop, [(shop.beras, 1)])

    by_checkout_id = gql.execute(ADD_LEGACY, {"checkoutId": checkout["id"], "code": "DESAMAJU"})[
        "data"
    ]["checkoutAddPromoCode"]
    by_token = gql.execute(ADD_LEGACY, {"token": checkout["token"], "code": "desamaju"})["data"][
        "checkoutAddPromoCode"
    ]

    assert by_checkout_id == {
        "checkout": {"voucherCode": "DESAMAJU"},
        "checkoutErrors": [],
        "errors": [],
    }
    assert by_token["checkout"] == {"voucherCode": "DESAMAJU"}


def test_remove_by_code_and_by_voucher_id(gql, shop):
    voucher = voucher_in_hub(shop.hub, code="DESAMAJU")
    checkout = _cart(gql, shop, [(shop.beras, 1)])
    _add(gql, checkout["id"], "DESAMAJU")

    removed = gql.execute(REMOVE, {"id": checkout["id"], "code": "DESAMAJU"})["data"][
        "checkoutRemovePromoCode"
    ]
    assert removed["errors"] == []
    assert removed["checkout"]["voucherCode"] is None
    assert removed["checkout"]["totalPrice"]["gross"]["amount"] == 65_000

    _add(gql, checkout["id"], "DESAMAJU")
    removed = gql.execute(REMOVE, {"id": checkout["id"], "codeId": gid("Voucher", voucher.pk)})[
        "data"
    ]["checkoutRemovePromoCode"]
    assert removed["errors"] == []
    assert removed["checkout"]["discount"]["amount"] == 0

    not_there = gql.execute(REMOVE, {"id": checkout["id"], "code": "TIDAKADA"})["data"][
        "checkoutRemovePromoCode"
    ]
    assert not_there["checkout"] is None
    assert not_there["errors"][0]["code"] == "NOT_FOUND"
    assert not_there["errors"][0]["field"] == "promoCode"


def test_checkout_voucher_field_needs_a_manager(gql, shop):
    voucher_in_hub(shop.hub, code="DESAMAJU")
    checkout = _cart(gql, shop, [(shop.beras, 1)])
    _add(gql, checkout["id"], "DESAMAJU")
    query = "query($id: ID!) { checkout(id: $id) { voucherCode voucher { code } } }"

    anonymous = gql.execute(query, {"id": checkout["id"]})
    operator = gql.execute(query, {"id": checkout["id"]}, token=token_for(shop.operator))

    assert anonymous["data"]["checkout"] == {"voucherCode": "DESAMAJU", "voucher": None}
    assert anonymous["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert operator["data"]["checkout"]["voucher"] == {"code": "DESAMAJU"}
