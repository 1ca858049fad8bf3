import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from marketplace.channels.error_codes import ChannelErrorCode
from marketplace.channels.models import AllocationStrategy, Channel, MarkAsPaidStrategy
from marketplace.channels.services import channel_create, channel_update
from tests.factories.channels import ChannelFactory

pytestmark = pytest.mark.django_db


def _codes(exc: ValidationError) -> dict[str, set[str]]:
    return {field: {error.code for error in errors} for field, errors in exc.error_dict.items()}


def test_error_code_values_are_saleors_names_lowercased():
    # given: Saleor 3.24's enum ChannelErrorCode
    saleor_names = [
        "ALREADY_EXISTS",
        "GRAPHQL_ERROR",
        "INVALID",
        "NOT_FOUND",
        "REQUIRED",
        "UNIQUE",
        "CHANNELS_CURRENCY_MUST_BE_THE_SAME",
        "CHANNEL_WITH_ORDERS",
        "DUPLICATED_INPUT_ITEM",
    ]

    # then
    assert [code.name for code in ChannelErrorCode] == saleor_names
    assert [code.value for code in ChannelErrorCode] == [name.lower() for name in saleor_names]


def test_allocation_strategy_values_are_saleors():
    assert AllocationStrategy.values == ["prioritize-sorting-order", "prioritize-high-stock"]


def test_channel_create_with_defaults():
    # when
    channel = channel_create(name="Gerai Desa Pecatu", slug="gerai-pecatu")

    # then
    channel.refresh_from_db()
    assert channel.currency_code == "IDR"
    assert channel.default_country == "ID"
    assert channel.is_active is False
    assert channel.allocation_strategy == AllocationStrategy.PRIORITIZE_SORTING_ORDER
    assert channel.automatically_confirm_all_new_orders is True
    assert channel.allow_unpaid_orders is False
    assert channel.expire_orders_after is None
    assert channel.delete_expired_orders_after == 60
    assert channel.mark_as_paid_strategy == MarkAsPaidStrategy.TRANSACTION_FLOW
    assert channel.use_legacy_error_flow is True
    assert channel.automatically_complete_fully_paid_checkouts is False


def test_channel_create_normalizes_slug_currency_and_country():
    # when
    channel = channel_create(
        name="  Gerai Desa Pecatu ",
        slug="Gerai Desa Pecatu",
        currency_code="idr ",
        default_country="id",
        expire_orders_after=0,
    )

    # then
    assert channel.name == "Gerai Desa Pecatu"
    assert channel.slug == "gerai-desa-pecatu"
    assert channel.currency_code == "IDR"
    assert channel.default_country == "ID"
    assert channel.expire_orders_after is None  # Saleor: 0 disables expiry


def test_channel_create_sets_order_settings():
    # when
    channel = channel_create(
        name="Gerai",
        slug="gerai",
        is_active=True,
        allow_unpaid_orders=True,
        automatically_confirm_all_new_orders=False,
        expire_orders_after=24 * 60,
        delete_expired_orders_after=30,
        allocation_strategy=AllocationStrategy.PRIORITIZE_HIGH_STOCK,
    )

    # then
    channel.refresh_from_db()
    assert channel.is_active is True
    assert channel.allow_unpaid_orders is True
    assert channel.automatically_confirm_all_new_orders is False
    assert channel.expire_orders_after == 1440
    assert channel.delete_expired_orders_after == 30
    assert channel.allocation_strategy == "prioritize-high-stock"


def test_channel_create_duplicate_slug_is_unique_error_and_saves_nothing():
    # given
    ChannelFactory(slug="gerai-pecatu")

    # when
    with pytest.raises(ValidationError) as exc_info:
        channel_create(name="Another", slug="Gerai Pecatu")

    # then
    assert _codes(exc_info.value) == {"slug": {ChannelErrorCode.UNIQUE.value}}
    assert Channel.objects.count() == 1


def test_channel_create_missing_name_and_slug_are_required():
    # when
    with pytest.raises(ValidationError) as exc_info:
        channel_create(name=" ", slug="!!!")

    # then
    assert _codes(exc_info.value) == {
        "name": {ChannelErrorCode.REQUIRED.value},
        "slug": {ChannelErrorCode.REQUIRED.value},
    }
    assert not Channel.objects.exists()


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"currency_code": "RUPIAH"}, "currency_code"),
        ({"currency_code": "1DR"}, "currency_code"),
        ({"default_country": "IDN"}, "default_country"),
        ({"delete_expired_orders_after": 0}, "delete_expired_orders_after"),
        ({"delete_expired_orders_after": 121}, "delete_expired_orders_after"),
        ({"allocation_strategy": "random"}, "allocation_strategy"),
        ({"mark_as_paid_strategy": "cash"}, "mark_as_paid_strategy"),
    ],
)
def test_channel_create_rejects_invalid_settings(settings, field):
    # when
    with pytest.raises(ValidationError) as exc_info:
        channel_create(name="Gerai", slug="gerai", **settings)

    # then
    assert _codes(exc_info.value) == {field: {ChannelErrorCode.INVALID.value}}
    assert not Channel.objects.exists()


def test_channel_create_rejects_unknown_keyword():
    with pytest.raises(TypeError, match="colour"):
        channel_create(name="Gerai", slug="gerai", colour="red")


def test_channel_update_changes_only_given_fields():
    # given
    channel = ChannelFactory(name="Old", slug="old", allow_unpaid_orders=False)

    # when
    channel_update(channel=channel, name="New", slug="New Slug", allow_unpaid_orders=True)

    # then
    channel.refresh_from_db()
    assert channel.name == "New"
    assert channel.slug == "new-slug"
    assert channel.allow_unpaid_orders is True
    assert channel.currency_code == "IDR"


def test_channel_update_cannot_change_currency():
    # given
    channel = ChannelFactory()

    # when / then
    with pytest.raises(TypeError, match="currency_code"):
        channel_update(channel=channel, currency_code="USD")


def test_channel_update_to_taken_slug_is_unique_error_and_saves_nothing():
    # given
    ChannelFactory(slug="taken")
    channel = ChannelFactory(slug="mine", name="Mine")

    # when
    with pytest.raises(ValidationError) as exc_info:
        channel_update(channel=channel, slug="taken", name="Renamed")

    # then
    assert _codes(exc_info.value) == {"slug": {"unique"}}
    channel.refresh_from_db()
    assert (channel.slug, channel.name) == ("mine", "Mine")


def test_channel_update_keeps_own_slug():
    # given
    channel = ChannelFactory(slug="mine")

    # when
    channel_update(channel=channel, slug="mine", name="Same slug")

    # then
    channel.refresh_from_db()
    assert channel.name == "Same slug"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("slug", "gerai"),  # unique
        ("currency_code", "idr"),
        ("default_country", "id"),
        ("delete_expired_orders_after", 0),
        ("delete_expired_orders_after", 121),
        ("expire_orders_after", 0),
        ("allocation_strategy", "random"),
    ],
)
def test_database_rejects_invalid_channel_rows(field, value):
    # given
    ChannelFactory(slug="gerai")
    channel = ChannelFactory(slug="other")

    # when / then
    with pytest.raises(IntegrityError), transaction.atomic():
        Channel.objects.filter(pk=channel.pk).update(**{field: value})
