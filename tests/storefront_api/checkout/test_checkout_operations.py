"""Cart edits, customer attach, legacy arguments, address rules, pickup-code look-up,
orders lists and cancelation, over HTTP."""

from __future__ import annotations

from typing import Any

import pytest

from marketplace.checkout.models import Checkout
from marketplace.checkout.services import checkout_customer_set
from marketplace.core.models import OutgoingEmail
from marketplace.orders.models import Order
from tests.factories.accounts import UserFactory
from tests.factories.checkout import stock_of
from tests.factories.regions import ProvinceFactory
from tests.storefront_api.checkout.conftest import Shop, gid, token_for
from tests.storefront_api.checkout.test_storefront_flow import (
    COMPLETE,
    DELIVERY,
    EMAIL,
    _create_cart,
)
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

LINES = "checkout { quantity lines { id quantity variant { id } } } errors { field code }"


def _place_order(gql: GraphQLClient, shop: Shop, token: str | None = None) -> dict[str, Any]:
    checkout = _create_cart(gql, shop)
    if token:
        gql.execute(
            "mutation($id: ID!) { checkoutCustomerAttach(id: $id) { errors { code } } }",
            {"id": checkout["id"]},
            token=token,
        )
    # a signed-in user's checkout is theirs only (issue 13): they finish it signed in
    gql.execute(EMAIL, {"id": checkout["id"], "email": "made@desa.id"}, token=token)
    gql.execute(
        DELIVERY, {"id": checkout["id"], "method": gid("Warehouse", shop.point.pk)}, token=token
    )
    return gql.execute(COMPLETE, {"id": checkout["id"]}, token=token)["data"]["checkoutComplete"][
        "order"
    ]


def test_lines_add_update_delete(gql: GraphQLClient, shop: Shop) -> None:
    checkout = _create_cart(gql, shop)
    beras = gid("ProductVariant", shop.beras.pk)
    added = gql.execute(
        "mutation($id: ID!, $lines: [CheckoutLineInput!]!) { checkoutLinesAdd(id: $id, "
        "lines: $lines) { " + LINES + " } }",
        {"id": checkout["id"], "lines": [{"variantId": beras, "quantity": 3}]},
    )["data"]["checkoutLinesAdd"]
    assert added["errors"] == []
    assert added["checkout"]["quantity"] == 6
    line_id = added["checkout"]["lines"][0]["id"]
    updated = gql.execute(
        "mutation($id: ID!, $lines: [CheckoutLineUpdateInput!]!) { checkoutLinesUpdate(id: $id, "
        "lines: $lines) { " + LINES + " } }",
        {"id": checkout["id"], "lines": [{"lineId": line_id, "quantity": 1}]},
    )["data"]["checkoutLinesUpdate"]
    assert updated["errors"] == []
    assert updated["checkout"]["quantity"] == 2
    negative = gql.execute(
        "mutation($id: ID!, $lines: [CheckoutLineUpdateInput!]!) { checkoutLinesUpdate(id: $id, "
        "lines: $lines) { " + LINES + " } }",
        {"id": checkout["id"], "lines": [{"lineId": line_id, "quantity": -1}]},
    )["data"]["checkoutLinesUpdate"]
    assert negative == {
        "checkout": None,
        "errors": [{"field": "quantity", "code": "ZERO_QUANTITY"}],
    }
    deleted = gql.execute(
        "mutation($id: ID!, $ids: [ID!]!) { checkoutLinesDelete(id: $id, linesIds: $ids) "
        "{ " + LINES + " } }",
        {"id": checkout["id"], "ids": [line_id]},
    )["data"]["checkoutLinesDelete"]
    assert deleted["errors"] == []
    assert [line["variant"]["id"] for line in deleted["checkout"]["lines"]] == [
        gid("ProductVariant", shop.kopi.pk)
    ]


def test_legacy_token_arguments(gql: GraphQLClient, shop: Shop) -> None:
    checkout = _create_cart(gql, shop)
    token = checkout["token"]
    read = gql.execute("query($t: UUID!) { checkout(token: $t) { id } }", {"t": token})
    assert read["data"]["checkout"] == {"id": checkout["id"]}
    email = gql.execute(
        'mutation($t: UUID!) { checkoutEmailUpdate(token: $t, email: "a@desa.id") '
        "{ checkout { email } checkoutErrors { code } errors { code } } }",
        {"t": token},
    )["data"]["checkoutEmailUpdate"]
    assert email == {"checkout": {"email": "a@desa.id"}, "checkoutErrors": [], "errors": []}
    shipping = gql.execute(
        "mutation($t: UUID!, $m: ID!) { checkoutShippingMethodUpdate(token: $t, "
        "shippingMethodId: $m) { checkout { id } errors { field code } } }",
        {"t": token, "m": gid("Warehouse", shop.point.pk)},
    )["data"]["checkoutShippingMethodUpdate"]
    assert shipping["errors"] == []
    order = gql.execute(COMPLETE, {"id": checkout["id"]})["data"]["checkoutComplete"]["order"]
    by_token = gql.execute(
        "query($t: UUID!) { orderByToken(token: $t) { id } }",
        {"t": Order.objects.get().pk.hex},
    )
    assert by_token["data"]["orderByToken"] == {"id": order["id"]}


def test_customer_attach_and_me_orders(gql: GraphQLClient, shop: Shop) -> None:
    buyer = UserFactory(email="made@desa.id")
    order = _place_order(gql, shop, token=token_for(buyer))
    _place_order(gql, shop)  # anonymous, not the buyer's
    mine = gql.execute(
        "{ me { orders(first: 10) { totalCount edges { node { id number } } } } }",
        token=token_for(buyer),
    )["data"]["me"]["orders"]
    assert mine["totalCount"] == 1
    assert mine["edges"][0]["node"]["id"] == order["id"]


def test_attach_gives_the_checkout_the_customers_email_and_the_order_goes_out_under_it(
    gql: GraphQLClient, shop: Shop
) -> None:
    # given: a guest's cart with the e-mail typed before signing in
    buyer = UserFactory(email="wayan@desa.id")
    checkout = _create_cart(gql, shop)
    gql.execute(EMAIL, {"id": checkout["id"], "email": "guest@desa.id"})
    # when: the buyer signs in and the storefront attaches them, as Saleor's does
    attached = gql.execute(
        "mutation($id: ID!) { checkoutCustomerAttach(id: $id) { checkout { email } "
        "errors { code } } }",
        {"id": checkout["id"]},
        token=token_for(buyer),
    )["data"]["checkoutCustomerAttach"]
    gql.execute(
        DELIVERY,
        {"id": checkout["id"], "method": gid("Warehouse", shop.point.pk)},
        token=token_for(buyer),
    )
    order = gql.execute(
        "mutation($id: ID!) { checkoutComplete(id: $id) { order { userEmail } errors { code } } }",
        {"id": checkout["id"]},
        token=token_for(buyer),
    )["data"]["checkoutComplete"]["order"]
    # then: the checkout, the order and its confirmation carry the account's e-mail
    assert attached == {"checkout": {"email": "wayan@desa.id"}, "errors": []}
    assert order == {"userEmail": "wayan@desa.id"}
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == ["wayan@desa.id"]


def test_attaching_an_account_without_email_keeps_the_email_given(
    gql: GraphQLClient, shop: Shop
) -> None:
    phone_only = UserFactory(email=None, phone="+6281234567890")
    checkout = _create_cart(gql, shop)
    gql.execute(EMAIL, {"id": checkout["id"], "email": "guest@desa.id"})
    attached = checkout_customer_set(checkout=Checkout.objects.get(), user=phone_only)
    assert (attached.user, attached.email) == (phone_only, "guest@desa.id")


def test_note_and_language_set_on_the_checkout_go_on_to_the_order(
    gql: GraphQLClient, shop: Shop
) -> None:
    checkout = _create_cart(gql, shop)
    noted = gql.execute(
        "mutation($id: ID!) { checkoutCustomerNoteUpdate(id: $id, customerNote: "
        '" Diambil sore hari ") { checkout { customerNote } errors { code } } }',
        {"id": checkout["id"]},
    )["data"]["checkoutCustomerNoteUpdate"]
    language = gql.execute(
        "mutation($id: ID!) { checkoutLanguageCodeUpdate(id: $id, languageCode: EN) "
        "{ checkout { languageCode } errors { code } } }",
        {"id": checkout["id"]},
    )["data"]["checkoutLanguageCodeUpdate"]
    assert noted == {"checkout": {"customerNote": "Diambil sore hari"}, "errors": []}
    assert language == {"checkout": {"languageCode": "EN"}, "errors": []}

    gql.execute(EMAIL, {"id": checkout["id"], "email": "made@desa.id"})
    gql.execute(DELIVERY, {"id": checkout["id"], "method": gid("Warehouse", shop.point.pk)})
    gql.execute(COMPLETE, {"id": checkout["id"]})
    order = Order.objects.get()
    assert (order.customer_note, order.language_code) == ("Diambil sore hari", "en")


def test_orders_answer_saleors_fields_for_features_lumbung_lacks(
    gql: GraphQLClient, shop: Shop
) -> None:
    buyer = UserFactory(email="made@desa.id")
    _place_order(gql, shop, token=token_for(buyer))
    order = gql.execute(
        "{ me { orders(first: 1) { edges { node { origin original canFinalize errors { code } "
        "giftCards { id } trackingClientId redirectUrl lines { isPriceOverridden saleId "
        "taxClassMetadata { key } } availableCollectionPoints { id } } } } } }",
        token=token_for(buyer),
    )["data"]["me"]["orders"]["edges"][0]["node"]
    assert order["origin"] == "CHECKOUT"
    assert order["availableCollectionPoints"] == [{"id": gid("Warehouse", shop.point.pk)}]
    assert (order["original"], order["redirectUrl"], order["trackingClientId"]) == (None, None, "")
    assert (order["canFinalize"], order["errors"], order["giftCards"]) == (True, [], [])
    assert {(line["isPriceOverridden"], line["saleId"]) for line in order["lines"]} == {
        (False, None)
    }


def test_me_lists_my_checkouts_as_saleor_does(gql: GraphQLClient, shop: Shop) -> None:
    buyer, neighbour = UserFactory(), UserFactory()
    checkout = _create_cart(gql, shop)
    gql.execute(
        "mutation($id: ID!) { checkoutCustomerAttach(id: $id) { errors { code } } }",
        {"id": checkout["id"]},
        token=token_for(buyer),
    )
    query = (
        '{ me { checkoutIds(channel: "gerai-pecatu") checkoutTokens checkout { id } '
        "checkouts(first: 5) { totalCount edges { node { id } } } "
        "giftCards(first: 5) { totalCount edges { node { id } } } } }"
    )
    mine = gql.execute(query, token=token_for(buyer))["data"]["me"]
    assert mine["checkoutIds"] == [checkout["id"]]
    assert mine["checkoutTokens"] == [str(Checkout.objects.get().pk)]
    assert mine["checkout"] == {"id": checkout["id"]}
    assert mine["checkouts"] == {"totalCount": 1, "edges": [{"node": {"id": checkout["id"]}}]}
    assert mine["giftCards"] == {"totalCount": 0, "edges": []}  # Lumbung issues none
    other_hub = gql.execute('{ me { checkoutIds(channel: "gerai-lain") } }', token=token_for(buyer))
    assert other_hub["data"]["me"]["checkoutIds"] == []
    theirs = gql.execute(query, token=token_for(neighbour))["data"]["me"]
    assert (theirs["checkoutIds"], theirs["checkout"], theirs["checkouts"]["totalCount"]) == (
        [],
        None,
        0,
    )


def test_attach_someone_elses_checkout_is_refused(gql: GraphQLClient, shop: Shop) -> None:
    owner, other = UserFactory(), UserFactory()
    checkout = _create_cart(gql, shop)
    attach = "mutation($id: ID!) { checkoutCustomerAttach(id: $id) { errors { code } } }"
    gql.execute(attach, {"id": checkout["id"]}, token=token_for(owner))
    refused = gql.execute(attach, {"id": checkout["id"]}, token=token_for(other))
    assert refused["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert Checkout.objects.get().user == owner


def test_order_by_pickup_code_for_the_hubs_operators_only(gql: GraphQLClient, shop: Shop) -> None:
    order = _place_order(gql, shop)
    code = Order.objects.get().pickup_code
    query = (
        'query($code: String!) { orderByPickupCode(channel: "gerai-pecatu", code: $code) '
        "{ id pickupCode } }"
    )
    spaced = f"{code[:3].lower()} {code[3:]}"
    found = gql.execute(query, {"code": spaced}, token=token_for(shop.operator))
    assert found["data"]["orderByPickupCode"] == {"id": order["id"], "pickupCode": code}
    refused = gql.execute(query, {"code": code}, token=token_for(shop.other_operator))
    assert refused["data"]["orderByPickupCode"] is None
    assert refused["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_orders_scoped_to_staff(gql: GraphQLClient, shop: Shop) -> None:
    _place_order(gql, shop)
    query = "{ orders(first: 10) { totalCount } }"
    assert gql.execute(query, token=token_for(shop.operator))["data"]["orders"] == {"totalCount": 1}
    assert gql.execute(query, token=token_for(shop.other_operator))["data"]["orders"] == {
        "totalCount": 0
    }
    anonymous = gql.execute(query)
    assert anonymous["data"]["orders"] is None
    assert anonymous["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    customer = gql.execute(query, token=token_for(UserFactory()))
    assert customer["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_operator_cancels_and_stock_comes_back(gql: GraphQLClient, shop: Shop) -> None:
    order = _place_order(gql, shop)
    assert stock_of(shop.kopi, shop.point).quantity_allocated == 1
    cancel = "mutation($id: ID!) { orderCancel(id: $id) { order { status } errors { code } } }"
    refused = gql.execute(cancel, {"id": order["id"]}, token=token_for(shop.other_operator))
    assert refused["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert Order.objects.get().status == "unconfirmed"
    done = gql.execute(cancel, {"id": order["id"]}, token=token_for(shop.operator))
    assert done["data"]["orderCancel"] == {"order": {"status": "CANCELED"}, "errors": []}
    assert stock_of(shop.kopi, shop.point).quantity_allocated == 0


def test_indonesian_address_validation_rules(gql: GraphQLClient, db: None) -> None:
    ProvinceFactory(code="51", name="Bali")
    ProvinceFactory(code="33", name="Jawa Tengah")
    rules = gql.execute(
        "{ addressValidationRules(countryCode: ID) { countryCode countryName requiredFields "
        "countryAreaType cityType cityAreaType postalCodeType postalCodeMatchers "
        "postalCodeExamples countryAreaChoices { raw verbose } } }"
    )["data"]["addressValidationRules"]
    assert rules == {
        "countryCode": "ID",
        "countryName": "INDONESIA",
        "requiredFields": ["streetAddress1", "city", "countryArea", "postalCode"],
        "countryAreaType": "province",
        "cityType": "city",
        "cityAreaType": "district",
        "postalCodeType": "postal",
        "postalCodeMatchers": ["^\\d{5}$"],
        "postalCodeExamples": ["80361", "59319"],
        "countryAreaChoices": [
            {"raw": "Bali", "verbose": "Bali"},
            {"raw": "Jawa Tengah", "verbose": "Jawa Tengah"},
        ],
    }


def test_orders_filter_by_status_and_search(gql: GraphQLClient, shop: Shop) -> None:
    first = _place_order(gql, shop)
    second = _place_order(gql, shop)
    gql.execute(
        "mutation($id: ID!) { orderMarkAsPaid(id: $id) { errors { code } } }",
        {"id": second["id"]},
        token=token_for(shop.operator),
    )
    query = (
        "query($f: OrderFilterInput) { orders(first: 10, filter: $f) { edges { node { id } } } }"
    )
    operator = token_for(shop.operator)

    def ids(filter_: dict[str, Any]) -> list[str]:
        data = gql.execute(query, {"f": filter_}, token=operator)["data"]["orders"]
        return [edge["node"]["id"] for edge in data["edges"]]

    assert ids({"status": ["UNCONFIRMED"]}) == [first["id"]]
    assert ids({"status": ["READY_TO_FULFILL"]}) == [second["id"]]
    assert ids({"numbers": [first["number"]]}) == [first["id"]]
    assert ids({"search": Order.objects.order_by("number")[0].pickup_code}) == [first["id"]]


def test_order_events_for_the_hubs_operators_only(gql: GraphQLClient, shop: Shop) -> None:
    order = _place_order(gql, shop)
    gql.execute(
        "mutation($id: ID!) { orderMarkAsPaid(id: $id) { errors { code } } }",
        {"id": order["id"]},
        token=token_for(shop.operator),
    )
    query = "query($id: ID!) { order(id: $id) { number events { type amount } } }"
    seen = gql.execute(query, {"id": order["id"]}, token=token_for(shop.operator))
    assert seen["data"]["order"]["events"] == [
        {"type": "PLACED", "amount": None},
        {"type": "ORDER_MARKED_AS_PAID", "amount": 170000.0},
        {"type": "CONFIRMED", "amount": None},
    ]
    anonymous = gql.execute(query, {"id": order["id"]})
    assert anonymous["data"]["order"] is None
    assert anonymous["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_storefront_cart_and_order_documents_resolve(gql: GraphQLClient, shop: Shop) -> None:
    # the fields saleor/storefront's CheckoutFragment and order page select
    checkout = _create_cart(gql, shop)
    cart = gql.execute(
        "query($id: ID!) { checkout(id: $id) { id email voucherCode discount { amount currency } "
        "discountName translatedDiscountName giftCards { displayCode id currentBalance "
        "{ amount } } channel { id slug } user { id } authorizeStatus chargeStatus "
        "isShippingRequired availablePaymentGateways { id name currencies config { field value } "
        "} delivery { id shippingMethod { id name } } problems { __typename "
        "... on CheckoutProblemDeliveryMethodStale { delivery { id } } } "
        "lines { id undiscountedUnitPrice { amount } } } }",
        {"id": checkout["id"]},
    )
    assert "errors" not in cart
    assert cart["data"]["checkout"]["giftCards"] == []
    assert cart["data"]["checkout"]["problems"] == []
    assert cart["data"]["checkout"]["discount"] == {"amount": 0, "currency": "IDR"}
    order = _place_order(gql, shop)
    page = gql.execute(
        "query($id: ID!) { order(id: $id) { id discounts { type name amount { amount } } "
        "voucher { code } totalBalance { amount } totalCaptured { amount } "
        "lines { thumbnail(size: 128, format: WEBP) { url } variantName } } }",
        {"id": order["id"]},
    )
    assert "errors" not in page
    assert page["data"]["order"]["discounts"] == []
    assert page["data"]["order"]["voucher"] is None
    assert page["data"]["order"]["totalBalance"] == {"amount": -170000}


def test_a_custom_line_price_is_refused_as_saleor_refuses_it_without_handle_checkouts(
    gql: GraphQLClient, shop: Shop
) -> None:
    checkout = _create_cart(gql, shop)
    beras = gid("ProductVariant", shop.beras.pk)
    before = sorted(Checkout.objects.get().lines.values_list("variant_id", "quantity"))
    attempts = [
        (
            "mutation($id: ID!, $lines: [CheckoutLineInput!]!) { checkoutLinesAdd(id: $id, "
            "lines: $lines) { " + LINES + " } }",
            [{"variantId": beras, "quantity": 1, "price": "1"}],
        ),
        (
            "mutation($id: ID!, $lines: [CheckoutLineUpdateInput!]!) { checkoutLinesUpdate("
            "id: $id, lines: $lines) { " + LINES + " } }",
            [{"variantId": beras, "quantity": 5, "priceOverrideReason": "teman"}],
        ),
    ]
    for mutation, lines in attempts:
        result = gql.execute(mutation, {"id": checkout["id"], "lines": lines})
        assert result["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
        assert "HANDLE_CHECKOUTS" in result["errors"][0]["message"]
    created = gql.execute(
        "mutation($input: CheckoutCreateInput!) { checkoutCreate(input: $input) "
        "{ checkout { id } } }",
        {
            "input": {
                "channel": "gerai-pecatu",
                "lines": [{"variantId": beras, "quantity": 1, "price": "500"}],
            }
        },
    )
    assert created["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    # nothing changed: the cart keeps its lines and no second checkout was made
    assert sorted(Checkout.objects.get().lines.values_list("variant_id", "quantity")) == before
