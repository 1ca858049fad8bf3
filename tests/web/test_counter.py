"""The hub's counter on a phone, against the running site with its demo data.

A storefront places a pay-at-pickup order through the GraphQL API over HTTP (goods of two
cooperatives), each cooperative's admin prepares its lines through the API, then the
Pecatu operator finds the order by its code, takes the cash and hands the goods over. The
site's worker records the cooperatives' sales.
"""

from __future__ import annotations

import json
import time
import urllib.request
from typing import Any

import pytest

pytestmark = pytest.mark.browser

HUB = "pecatu"
PASSWORD = "lumbung-demo"
ADMINS = ("pengurus.kud-pecatu@lumbung.test", "pengurus.produsen-pelaga@lumbung.test")


def graphql(site: Any, query: str, variables: dict | None = None, token: str | None = None):
    request = urllib.request.Request(
        site.url + "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={"Content-Type": "application/json"},
    )
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.loads(response.read())
    assert "errors" not in body, body
    return body["data"]


def sign_in_api(site: Any, email: str) -> str:
    data = graphql(
        site,
        "mutation($e: String!, $p: String!) { tokenCreate(email: $e, password: $p) { token } }",
        {"e": email, "p": PASSWORD},
    )
    return data["tokenCreate"]["token"]


def place_order(site: Any) -> tuple[str, str, int]:
    """A storefront's pay-at-pickup order of one product of each of two cooperatives;
    returns (order id, pickup code, total)."""
    products = graphql(
        site,
        """query($c: String!) { products(channel: $c, first: 100) { edges { node {
            cooperative { name } variants { id quantityAvailable } } } } }""",
        {"c": HUB},
    )["products"]["edges"]
    chosen: dict[str, str] = {}
    for edge in products:
        node = edge["node"]
        for variant in node["variants"]:
            if (variant["quantityAvailable"] or 0) >= 2 and node["cooperative"]:
                chosen.setdefault(node["cooperative"]["name"], variant["id"])
    assert len(chosen) >= 2, chosen
    lines = [{"variantId": variant, "quantity": 1} for variant in list(chosen.values())[:2]]
    checkout = graphql(
        site,
        """mutation($input: CheckoutCreateInput!) { checkoutCreate(input: $input) {
            checkout { id availableCollectionPoints { id } } errors { field code } } }""",
        {"input": {"channel": HUB, "email": "wayan.pembeli@example.com", "lines": lines}},
    )["checkoutCreate"]
    assert checkout["errors"] == []
    checkout_id = checkout["checkout"]["id"]
    point = checkout["checkout"]["availableCollectionPoints"][0]["id"]
    delivery = graphql(
        site,
        """mutation($id: ID!, $m: ID!) { checkoutDeliveryMethodUpdate(id: $id,
            deliveryMethodId: $m) { errors { field code } } }""",
        {"id": checkout_id, "m": point},
    )["checkoutDeliveryMethodUpdate"]
    assert delivery["errors"] == []
    completed = graphql(
        site,
        """mutation($id: ID!) { checkoutComplete(id: $id) {
            order { id total { gross { amount } } } errors { field code message } } }""",
        {"id": checkout_id},
    )["checkoutComplete"]
    assert completed["errors"] == []
    order_id = completed["order"]["id"]
    code = site.sql(
        "SELECT pickup_code FROM orders_order WHERE number = (SELECT max(number) FROM orders_order)"
    )[0][0]
    return order_id, code, int(completed["order"]["total"]["gross"]["amount"])


def prepare(site: Any, order_id: str) -> None:
    """Each cooperative's admin marks its lines ready (orderFulfill over the API)."""
    prepared = 0
    for email in ADMINS:
        token = sign_in_api(site, email)
        lines = graphql(
            site, "query($id: ID!) { order(id: $id) { lines { id quantity } } }",
            {"id": order_id}, token,
        )["order"]["lines"]  # fmt: skip
        if not lines:
            continue
        result = graphql(
            site,
            """mutation($o: ID!, $input: OrderFulfillInput!) { orderFulfill(order: $o,
                input: $input) { fulfillments { status } errors { field code message } } }""",
            {
                "o": order_id,
                "input": {
                    "lines": [
                        {
                            "orderLineId": line["id"],
                            "stocks": [{"quantity": line["quantity"], "warehouse": "x"}],
                        }
                        for line in lines
                    ]
                },
            },
            token,
        )["orderFulfill"]
        assert result["errors"] == []
        assert result["fulfillments"][0]["status"] == "WAITING_FOR_APPROVAL"
        prepared += len(lines)
    assert prepared == 2


def wait_for_sales(site: Any, order_uuid: str, lines: int = 2, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = site.sql(
            "SELECT count(*) FROM coop_sales_salefact WHERE order_id = %s", (order_uuid,)
        )
        if rows[0][0] >= lines:
            return
        time.sleep(0.5)
    log = site.log.read_text(errors="replace")[-3000:]
    raise AssertionError(f"the worker did not record the cooperatives' sales:\n{log}")


def order_uuid(site: Any, code: str) -> str:
    return str(site.sql("SELECT id FROM orders_order WHERE pickup_code = %s", (code,))[0][0])


def find_by_code(page: Any, code: str) -> None:
    page.get_by_label("Kode pengambilan").fill(code.lower())
    page.get_by_role("button", name="Cari", exact=True).click()
    page.wait_for_load_state()


def test_another_hubs_operator_gets_404_on_pecatus_counter(site, phone_nojs, sign_in):
    page = phone_nojs
    _order_id, code, _total = place_order(site)
    uuid = order_uuid(site, code)
    sign_in(page, "operator.bakalankrapyak@lumbung.test")
    for path in (f"/loket/{HUB}/", f"/loket/{HUB}/pesanan/{uuid}/", f"/loket/{HUB}/kas/"):
        response = page.goto(site.url + path)
        assert response.status == 404, path


def test_operator_takes_cash_then_hands_over_without_javascript(site, phone_nojs, sign_in):
    page = phone_nojs
    order_id, code, total = place_order(site)
    sign_in(page, "operator.pecatu@lumbung.test", next_url=f"/loket/{HUB}/")
    find_by_code(page, code)
    amount = f"Rp{total:,}".replace(",", ".")
    page.get_by_role("button", name=f"Terima uang {amount}", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("[data-paid=yes]").is_visible()
    # a second click on the same form (resent) records nothing more
    prepare(site, order_id)
    page.reload()
    page.get_by_role("button", name="Serahkan barang").click()
    page.wait_for_load_state()

    assert page.locator("[data-stage=collected]").is_visible()
    uuid = order_uuid(site, code)
    paid_events = site.sql(
        "SELECT count(*) FROM orders_orderevent"
        " WHERE order_id = %s AND type = 'order_marked_as_paid'",
        (uuid,),
    )[0][0]
    assert paid_events == 1
    wait_for_sales(site, uuid)


def test_operator_takes_cash_and_hands_over_in_one_step_with_javascript(
    site, phone, sign_in, screenshot, axe
):
    order_id, code, total = place_order(site)
    prepare(site, order_id)
    sign_in(phone, "operator.pecatu@lumbung.test", next_url=f"/loket/{HUB}/")
    assert phone.get_by_role("heading", name="Siap diambil", exact=False).is_visible()
    screenshot(phone, "counter-queue")
    assert axe(phone) == []

    find_by_code(phone, code)
    assert "/pesanan/" in phone.url
    assert phone.get_by_text(code).first.is_visible()
    screenshot(phone, "counter-order")
    assert axe(phone) == []
    amount = f"Rp{total:,}".replace(",", ".")
    phone.get_by_role("button", name=f"Terima uang {amount} dan serahkan").click()
    phone.wait_for_load_state()

    assert phone.get_by_text("Barang sudah diserahkan.").is_visible()
    assert phone.locator("[data-stage=collected]").is_visible()
    uuid = order_uuid(site, code)
    status, charged = site.sql(
        "SELECT status, total_charged_amount FROM orders_order WHERE id = %s", (uuid,)
    )[0]
    assert (status, int(charged)) == ("fulfilled", total)
    wait_for_sales(site, uuid)

    phone.get_by_role("link", name="Kas hari ini").click()
    assert phone.get_by_text(
        f"#{site.sql('SELECT number FROM orders_order WHERE id = %s', (uuid,))[0][0]}"
    ).is_visible()
