"""Managing vouchers through ``discounts.services``: who may, and what is refused."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.discounts import services
from marketplace.discounts.models import Voucher, VoucherCode
from marketplace.village_hubs.models import StaffRole
from tests.factories.accounts import UserFactory
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    HubOperatorFactory,
    HubSupplyFactory,
    VillageHubFactory,
)

pytestmark = pytest.mark.django_db


def codes_of(error: ValidationError) -> dict[str, str]:
    return {field: errors[0].code for field, errors in error.error_dict.items()}


def test_operator_creates_vouchers_only_for_their_hub(hub):
    operator = HubOperatorFactory(hub=hub).user

    voucher = services.voucher_create(actor=operator, add_codes=["DESAMAJU"], name="Desa Maju")

    assert voucher.village_hub == hub
    with pytest.raises(PermissionDenied):
        services.voucher_create(actor=operator, village_hub=VillageHubFactory(), add_codes=["X"])
    with pytest.raises(PermissionDenied):
        services.voucher_create(actor=operator, cooperative=CooperativeFactory(), add_codes=["Y"])
    assert Voucher.objects.count() == 1


def test_only_a_cooperatives_admin_creates_its_vouchers():
    cooperative = CooperativeFactory()
    admin = CooperativeStaffFactory(cooperative=cooperative, role=StaffRole.ADMIN).user
    staff = CooperativeStaffFactory(cooperative=cooperative).user

    voucher = services.voucher_create(actor=admin, add_codes=["TANI"])

    assert voucher.cooperative == cooperative
    with pytest.raises(PermissionDenied):
        services.voucher_create(actor=staff, cooperative=cooperative, add_codes=["TANI2"])
    with pytest.raises(PermissionDenied):
        services.voucher_update(voucher=voucher, actor=staff, name="diubah")
    with pytest.raises(PermissionDenied):
        services.voucher_create(actor=UserFactory(), add_codes=["TANI3"])


def test_staff_creates_a_platform_voucher_listed_anywhere(hub):
    staff = UserFactory(is_staff=True)
    voucher = services.voucher_create(actor=staff, add_codes=["LUMBUNG"])
    other = VillageHubFactory()

    services.voucher_channel_listing_update(
        voucher=voucher,
        actor=staff,
        add=[
            services.VoucherListingInput(channel=hub.channel, discount_value=5_000),
            services.VoucherListingInput(channel=other.channel, discount_value="7500"),
        ],
    )

    assert (voucher.village_hub, voucher.cooperative) == (None, None)
    assert sorted(voucher.channel_listings.values_list("discount_value", flat=True)) == [
        5_000,
        7_500,
    ]


def test_dates_without_a_zone_are_the_hubs_local_time(hub):
    operator = HubOperatorFactory(hub=hub).user  # the hub keeps WITA (UTC+8)

    voucher = services.voucher_create(
        actor=operator,
        add_codes=["MALAM"],
        start_date=datetime.datetime(2026, 12, 1, 0, 0),  # noqa: DTZ001 - local on purpose
        end_date=datetime.datetime(2026, 12, 1, 23, 59),  # noqa: DTZ001 - local on purpose
    )

    assert voucher.start_date == datetime.datetime(2026, 11, 30, 16, 0, tzinfo=datetime.UTC)
    assert voucher.end_date.astimezone(ZoneInfo("Asia/Makassar")).hour == 23


def test_refusals_change_nothing(hub):
    operator = HubOperatorFactory(hub=hub).user
    VoucherCode.objects.create(voucher=Voucher.objects.create(village_hub=hub), code="ADA")

    cases = [
        ({"add_codes": ["ada"]}, {"codes": "already_exists"}),
        ({"add_codes": ["B", "b"]}, {"codes": "duplicated_input_item"}),
        ({}, {"add_codes": "required"}),
        ({"add_codes": ["C"], "code": "D"}, {"code": "invalid"}),
        (
            {
                "add_codes": ["E"],
                "start_date": datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC),
                "end_date": datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC),
            },
            {"end_date": "invalid"},
        ),
        ({"add_codes": ["F"], "countries": ["Indonesia"]}, {"countries": "invalid"}),
    ]
    for kwargs, expected in cases:
        with pytest.raises(ValidationError) as caught:
            services.voucher_create(actor=operator, **kwargs)
        assert codes_of(caught.value) == expected, kwargs
    assert Voucher.objects.count() == 1


def test_cooperative_voucher_lists_only_in_hubs_it_supplies(hub):
    cooperative = CooperativeFactory()
    HubSupplyFactory(hub=hub, cooperative=cooperative)
    admin = CooperativeStaffFactory(cooperative=cooperative, role=StaffRole.ADMIN).user
    voucher = services.voucher_create(actor=admin, add_codes=["TANI"])
    far = VillageHubFactory()

    services.voucher_channel_listing_update(
        voucher=voucher,
        actor=admin,
        add=[services.VoucherListingInput(channel=hub.channel, discount_value="10")],
    )
    with pytest.raises(ValidationError) as caught:
        services.voucher_channel_listing_update(
            voucher=voucher,
            actor=admin,
            add=[services.VoucherListingInput(channel=far.channel, discount_value="10")],
        )

    [error] = caught.value.error_dict["add_channels"]
    assert (error.code, error.params["channels"]) == ("invalid", [far.channel_id])
    assert list(voucher.channel_listings.values_list("channel_id", flat=True)) == [hub.channel_id]


def test_new_listing_needs_a_value_and_a_percentage_at_most_100(hub):
    operator = HubOperatorFactory(hub=hub).user
    voucher = services.voucher_create(
        actor=operator, add_codes=["PERSEN"], discount_value_type="percentage"
    )

    refusals = [
        (None, "discount_value", "required"),
        ("100.5", "discount_value", "invalid"),
        ("0", "discount_value", "invalid"),
    ]
    for value, field, code in refusals:
        with pytest.raises(ValidationError) as caught:
            services.voucher_channel_listing_update(
                voucher=voucher,
                actor=operator,
                add=[services.VoucherListingInput(channel=hub.channel, discount_value=value)],
            )
        assert codes_of(caught.value) == {field: code}
    assert not voucher.channel_listings.exists()


def test_fixed_value_is_whole_rupiah_above_zero(hub):
    operator = HubOperatorFactory(hub=hub).user
    voucher = services.voucher_create(actor=operator, add_codes=["POTONG"])  # fixed

    for value in ("0", "2500.5", "-100"):
        with pytest.raises(ValidationError) as caught:
            services.voucher_channel_listing_update(
                voucher=voucher,
                actor=operator,
                add=[services.VoucherListingInput(channel=hub.channel, discount_value=value)],
            )
        assert codes_of(caught.value) == {"discount_value": "invalid"}, value
    assert not voucher.channel_listings.exists()
