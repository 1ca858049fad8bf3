"""Issue 12's first scenario from end to end, as the people involved do it.

A villager with only a phone number buys two products of two cooperatives in the shop's
pages and will pay at pickup; each cooperative marks its lines ready; the hub's operator
finds the order at the counter by its pickup code, takes the cash and hands the goods
over; both cooperatives' activity profiles then show the sale.
"""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from tests.web.test_counter import (
    HUB,
    find_by_code,
    graphql,
    order_uuid,
    prepare,
    sign_in_api,
    wait_for_sales,
)
from tests.web.test_shop import _buy_two_and_pay_at_pickup

pytestmark = pytest.mark.browser

PROFILE = """query($c: ID!) { cooperativeActivityProfile(cooperative: $c) {
    orders marketplaceSales } }"""


def _profiles(site, staff: dict[int, str]) -> dict[int, tuple[int, int]]:
    """(orders, marketplace sales) of each cooperative, as its own admin reads them."""
    found = {}
    for cooperative_id, email in staff.items():
        profile = graphql(
            site,
            PROFILE,
            {"c": to_global_id("Cooperative", cooperative_id)},
            sign_in_api(site, email),
        )["cooperativeActivityProfile"]
        found[cooperative_id] = (profile["orders"], int(profile["marketplaceSales"]))
    return found


def _admins(site) -> dict[int, str]:
    """Each cooperative selling in the hub, with the e-mail of one of its admins."""
    rows = site.sql(
        "SELECT DISTINCT ON (s.cooperative_id) s.cooperative_id, u.email"
        " FROM village_hubs_cooperativestaff s JOIN accounts_user u ON u.id = s.user_id"
        " WHERE s.role = 'admin' ORDER BY s.cooperative_id, u.email"
    )
    return dict(rows)


def test_a_villagers_purchase_is_collected_at_the_counter_and_reaches_both_cooperatives(
    site, phone, screenshot, sign_in
):
    admins = _admins(site)
    before = _profiles(site, admins)

    _problems, code = _buy_two_and_pay_at_pickup(site, phone, screenshot, None, "e2e")
    uuid = order_uuid(site, code)
    bought = dict(
        site.sql(
            "SELECT cooperative_id, sum(total_price_amount)::int FROM orders_orderline"
            " WHERE order_id = %s GROUP BY cooperative_id",
            (uuid,),
        )
    )
    assert len(bought) == 2

    prepare(site, to_global_id("Order", uuid))

    phone.context.clear_cookies()
    sign_in(phone, "operator.pecatu@lumbung.test", next_url=f"/loket/{HUB}/")
    find_by_code(phone, code)
    total = sum(bought.values())
    amount = f"Rp{total:,}".replace(",", ".")
    phone.get_by_role("button", name=f"Terima uang {amount} dan serahkan").click()
    phone.wait_for_load_state()
    assert phone.locator("[data-stage=collected]").is_visible()

    wait_for_sales(site, uuid)
    after = _profiles(site, admins)
    for cooperative_id, sales in bought.items():
        orders_before, sales_before = before[cooperative_id]
        assert after[cooperative_id] == (orders_before + 1, sales_before + sales)
