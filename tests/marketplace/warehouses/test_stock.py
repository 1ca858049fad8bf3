from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection

from marketplace.warehouses import services
from marketplace.warehouses.models import ClickAndCollectOption, Stock, Warehouse
from marketplace.warehouses.selectors import (
    stock_available,
    stocks_manageable_by,
    user_can_manage_variant_stock,
    user_can_manage_warehouse,
    warehouses_manageable_by,
)
from tests.factories.accounts import UserFactory
from tests.factories.catalog import ProductVariantFactory
from tests.factories.channels import ChannelFactory
from tests.factories.regions import VillageFactory
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    HubOperatorFactory,
    HubSupplyFactory,
    VillageHubFactory,
)
from tests.factories.warehouses import StockFactory, WarehouseFactory

pytestmark = pytest.mark.django_db


def error(exc_info: pytest.ExceptionInfo[ValidationError], field: str) -> ValidationError:
    return exc_info.value.error_dict[field][0]


# --- warehouses --------------------------------------------------------------------------


def test_warehouse_create_pickup_point_serves_hub_channel():
    # given
    hub = VillageHubFactory()
    # when
    warehouse = services.warehouse_create(
        name="Titik Ambil Pecatu",
        village=VillageFactory(),
        village_hub=hub,
        click_and_collect_option=ClickAndCollectOption.LOCAL_STOCK,
        is_private=False,
    )
    # then
    warehouse.refresh_from_db()
    assert warehouse.slug == "titik-ambil-pecatu"
    assert warehouse.click_and_collect_option == "local"
    assert warehouse.postal_code == "80362"
    assert list(warehouse.channels.all()) == [hub.channel]


def test_warehouse_update_changes_option_and_channels():
    # given
    warehouse = WarehouseFactory(channels=[ChannelFactory()])
    channel = ChannelFactory()
    # when
    services.warehouse_update(
        warehouse=warehouse, click_and_collect_option="all", channels=[channel]
    )
    # then
    warehouse.refresh_from_db()
    assert warehouse.click_and_collect_option == "all"
    assert list(warehouse.channels.all()) == [channel]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"click_and_collect_option": "sometimes"}, "click_and_collect_option"),
        ({"postal_code": "8036"}, "__all__"),
        ({"email": "not-an-email"}, "email"),
    ],
)
def test_warehouse_update_refuses_invalid_and_saves_nothing(data, field):
    # given
    warehouse = WarehouseFactory(name="Gudang Lama")
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.warehouse_update(warehouse=warehouse, name="Gudang Baru", **data)
    # then
    assert field in exc_info.value.error_dict
    assert all(e.code == "invalid" for e in exc_info.value.error_dict[field])
    warehouse.refresh_from_db()
    assert warehouse.name == "Gudang Lama"


def test_warehouse_create_refuses_hub_and_cooperative_together():
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.warehouse_create(
            name="Campur",
            village=VillageFactory(),
            village_hub=VillageHubFactory(),
            cooperative=CooperativeFactory(),
        )
    # then
    assert error(exc_info, "cooperative").code == "invalid"
    assert not Warehouse.objects.exists()


# --- stock updates -----------------------------------------------------------------------


def test_stocks_update_sets_quantities_in_own_and_supplied_hub_warehouses():
    # given
    variant = ProductVariantFactory()
    cooperative = variant.product.cooperative
    own = WarehouseFactory(cooperative=cooperative)
    hub = VillageHubFactory()
    HubSupplyFactory(hub=hub, cooperative=cooperative)
    pickup = WarehouseFactory(village_hub=hub)
    StockFactory(warehouse=pickup, product_variant=variant, quantity=3)
    # when
    services.product_variant_stocks_update(variant=variant, stocks=[(own, 12), (pickup, "7")])
    # then
    assert dict(Stock.objects.values_list("warehouse_id", "quantity")) == {own.pk: 12, pickup.pk: 7}


@pytest.mark.parametrize("quantity", [-1, 2.5, "1.5", "banyak", None, True, float("nan")])
def test_stocks_update_refuses_bad_quantity_and_changes_nothing(quantity):
    # given
    variant = ProductVariantFactory()
    first = WarehouseFactory(cooperative=variant.product.cooperative)
    second = WarehouseFactory(cooperative=variant.product.cooperative)
    StockFactory(warehouse=first, product_variant=variant, quantity=5)
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_variant_stocks_update(
            variant=variant, stocks=[(first, 9), (second, quantity)]
        )
    # then
    assert error(exc_info, "quantity").code == "invalid"
    assert error(exc_info, "quantity").params == {"index": 1}
    assert list(Stock.objects.values_list("warehouse_id", "quantity")) == [(first.pk, 5)]


def test_stocks_update_refuses_other_cooperatives_warehouse_and_changes_nothing():
    # given
    variant = ProductVariantFactory()
    own = WarehouseFactory(cooperative=variant.product.cooperative)
    foreign = WarehouseFactory(cooperative=CooperativeFactory())
    unsupplied_pickup = WarehouseFactory(village_hub=VillageHubFactory())
    platform = WarehouseFactory()
    for warehouse in (foreign, unsupplied_pickup, platform):
        # when
        with pytest.raises(ValidationError) as exc_info:
            services.product_variant_stocks_update(
                variant=variant, stocks=[(own, 4), (warehouse, 4)]
            )
        # then
        assert error(exc_info, "warehouse").code == "invalid"
        assert error(exc_info, "warehouse").params == {"index": 1}
    assert not Stock.objects.exists()


def test_stocks_update_refuses_duplicate_warehouse():
    # given
    variant = ProductVariantFactory()
    own = WarehouseFactory(cooperative=variant.product.cooperative)
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_variant_stocks_update(variant=variant, stocks=[(own, 1), (own, 2)])
    # then
    assert error(exc_info, "warehouse").code == "unique"
    assert not Stock.objects.exists()


def test_stocks_update_refuses_quantity_below_allocated():
    # given
    variant = ProductVariantFactory()
    own = WarehouseFactory(cooperative=variant.product.cooperative)
    StockFactory(warehouse=own, product_variant=variant, quantity=10, quantity_allocated=4)
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_variant_stocks_update(variant=variant, stocks=[(own, 3)])
    # then
    assert error(exc_info, "quantity").code == "invalid"
    assert Stock.objects.get().quantity == 10


def test_stock_adjust_refuses_going_below_zero():
    # given
    variant = ProductVariantFactory()
    own = WarehouseFactory(cooperative=variant.product.cooperative)
    StockFactory(warehouse=own, product_variant=variant, quantity=2)
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_variant_stock_adjust(variant=variant, warehouse=own, delta=-3)
    # then
    assert error(exc_info, "quantity").code == "invalid"
    assert Stock.objects.get().quantity == 2


# --- availability ------------------------------------------------------------------------


def test_stock_available_sums_channel_warehouses_minus_allocations():
    # given
    channel, other_channel = ChannelFactory(), ChannelFactory()
    variant = ProductVariantFactory()
    StockFactory(
        product_variant=variant,
        warehouse=WarehouseFactory(channels=[channel]),
        quantity=10,
        quantity_allocated=3,
    )
    StockFactory(
        product_variant=variant,
        warehouse=WarehouseFactory(channels=[channel, other_channel]),
        quantity=5,
    )
    StockFactory(
        product_variant=variant, warehouse=WarehouseFactory(channels=[other_channel]), quantity=100
    )
    StockFactory(warehouse=WarehouseFactory(channels=[channel]), quantity=50)  # another variant
    # then
    assert stock_available(variant=variant, channel=channel) == 12
    assert stock_available(variant=variant, channel=other_channel) == 105
    assert stock_available(variant=variant, channel=ChannelFactory()) == 0


# --- permissions -------------------------------------------------------------------------


def test_hub_operator_manages_only_own_hub_pickup_points():
    # given
    hub_1, hub_2 = VillageHubFactory(), VillageHubFactory()
    pickup_1 = WarehouseFactory(village_hub=hub_1)
    pickup_2 = WarehouseFactory(village_hub=hub_2)
    coop_warehouse = WarehouseFactory(cooperative=CooperativeFactory())
    operator = HubOperatorFactory(hub=hub_1).user
    platform = UserFactory(is_staff=True)
    # then
    assert list(warehouses_manageable_by(operator)) == [pickup_1]
    assert user_can_manage_warehouse(operator, pickup_1) is True
    assert user_can_manage_warehouse(operator, pickup_2) is False
    assert user_can_manage_warehouse(operator, coop_warehouse) is False
    assert set(warehouses_manageable_by(platform)) == {pickup_1, pickup_2, coop_warehouse}
    assert not warehouses_manageable_by(AnonymousUser()).exists()


def test_cooperative_staff_manage_only_their_variants_stock():
    # given
    stock_a, stock_b = StockFactory(), StockFactory()
    staff_a = CooperativeStaffFactory(cooperative=stock_a.product_variant.product.cooperative).user
    platform = UserFactory(is_superuser=True)
    # then
    assert list(stocks_manageable_by(staff_a)) == [stock_a]
    assert user_can_manage_variant_stock(staff_a, stock_a.product_variant) is True
    assert user_can_manage_variant_stock(staff_a, stock_b.product_variant) is False
    assert set(stocks_manageable_by(platform)) == {stock_a, stock_b}
    assert user_can_manage_variant_stock(AnonymousUser(), stock_a.product_variant) is False


# --- concurrency -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_stock_adjustments_do_not_lose_updates():
    # given
    variant = ProductVariantFactory()
    warehouse = WarehouseFactory(cooperative=variant.product.cooperative)
    StockFactory(warehouse=warehouse, product_variant=variant, quantity=0)
    rounds, workers = 10, 4
    barrier = threading.Barrier(workers)
    failures: list[BaseException] = []

    def receive() -> None:
        try:
            barrier.wait()
            for _ in range(rounds):
                services.product_variant_stock_adjust(variant=variant, warehouse=warehouse, delta=1)
        except BaseException as exc:  # reported below
            failures.append(exc)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=receive) for _ in range(workers)]
    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    # then
    assert failures == []
    assert Stock.objects.get().quantity == rounds * workers


@pytest.mark.django_db(transaction=True)
def test_concurrent_stock_updates_serialize_on_new_rows():
    # given
    variant = ProductVariantFactory()
    warehouse = WarehouseFactory(cooperative=variant.product.cooperative)
    barrier = threading.Barrier(2)
    failures: list[BaseException] = []

    def update(quantity: int) -> None:
        try:
            barrier.wait()
            services.product_variant_stocks_update(variant=variant, stocks=[(warehouse, quantity)])
        except BaseException as exc:
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=update, args=(q,)) for q in (5, 8)]
    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    # then: both succeed (no unique violation on the new row), one of them wins
    assert failures == []
    assert Stock.objects.count() == 1
    assert Stock.objects.get().quantity in {5, 8}
