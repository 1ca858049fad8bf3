import datetime

import pytest
from django.core.exceptions import ValidationError

from marketplace.channels.models import Channel
from marketplace.village_hubs.models import HubOpeningHours, HubOperator, HubSupply, VillageHub
from marketplace.village_hubs.services import (
    OpeningInterval,
    hub_opening_hours_set,
    hub_operator_add,
    hub_supply_set,
    village_hub_create,
    village_hub_update,
)
from tests.factories.accounts import UserFactory
from tests.factories.channels import ChannelFactory
from tests.factories.regions import village_bakalankrapyak, village_pecatu, village_yoboi
from tests.factories.village_hubs import (
    CooperativeFactory,
    HubOpeningHoursFactory,
    HubOperatorFactory,
    HubSupplyFactory,
    VillageHubFactory,
)

pytestmark = pytest.mark.django_db


def _codes(exc: ValidationError) -> dict[str, set[str]]:
    return {field: {error.code for error in errors} for field, errors in exc.error_dict.items()}


# --- village_hub_create ------------------------------------------------------------------


def test_village_hub_create_opens_an_idr_channel_that_allows_unpaid_orders():
    # when
    hub = village_hub_create(
        name="Gerai Desa Pecatu",
        village=village_pecatu(),
        address="Jl. Raya Uluwatu No. 8",
        phone="0812 3456 7890",
    )

    # then
    hub.refresh_from_db()
    channel = hub.channel
    assert hub.slug == "gerai-desa-pecatu"
    assert hub.phone == "+6281234567890"
    assert hub.is_active is True
    assert (channel.name, channel.slug) == ("Gerai Desa Pecatu", "gerai-desa-pecatu")
    assert channel.currency_code == "IDR"
    assert channel.default_country == "ID"
    assert channel.allow_unpaid_orders is True
    assert channel.is_active is True
    assert channel.village_hub == hub


@pytest.mark.parametrize(
    ("make_village", "zone"),
    [
        (village_pecatu, "Asia/Makassar"),  # Bali: WITA
        (village_yoboi, "Asia/Jayapura"),  # Papua: WIT
        (village_bakalankrapyak, "Asia/Jakarta"),  # Jawa Tengah: WIB
    ],
)
def test_village_hub_time_zone_defaults_from_the_province(make_village, zone):
    # when
    hub = village_hub_create(name="Gerai Desa", village=make_village())

    # then
    hub.refresh_from_db()
    assert hub.time_zone == zone


def test_village_hub_create_with_explicit_time_zone():
    # when
    hub = village_hub_create(name="Gerai", village=village_pecatu(), time_zone="Asia/Jakarta")

    # then
    assert hub.time_zone == "Asia/Jakarta"


def test_village_hub_create_with_unknown_time_zone_is_invalid():
    # when
    with pytest.raises(ValidationError) as exc_info:
        village_hub_create(name="Gerai", village=village_pecatu(), time_zone="Europe/Berlin")

    # then
    assert _codes(exc_info.value) == {"time_zone": {"invalid"}}
    assert not VillageHub.objects.exists()
    assert not Channel.objects.exists()


def test_village_hub_create_generates_a_slug_free_among_hubs_and_channels():
    # given
    VillageHubFactory(slug="gerai-desa-pecatu")
    ChannelFactory(slug="gerai-desa-pecatu-2")

    # when
    hub = village_hub_create(name="Gerai Desa Pecatu", village=village_pecatu())

    # then
    assert hub.slug == "gerai-desa-pecatu-3"
    assert hub.channel.slug == "gerai-desa-pecatu-3"


def test_village_hub_create_with_taken_slug_is_unique_error_and_saves_nothing():
    # given
    VillageHubFactory(slug="pecatu")
    channels_before = Channel.objects.count()

    # when
    with pytest.raises(ValidationError) as exc_info:
        village_hub_create(name="Gerai", slug="Pecatu", village=village_pecatu())

    # then
    assert _codes(exc_info.value) == {"slug": {"unique"}}
    assert VillageHub.objects.count() == 1
    assert Channel.objects.count() == channels_before


def test_village_hub_create_with_slug_of_a_standalone_channel_is_unique_error():
    # given
    ChannelFactory(slug="pecatu")

    # when
    with pytest.raises(ValidationError) as exc_info:
        village_hub_create(name="Gerai", slug="pecatu", village=village_pecatu())

    # then
    assert _codes(exc_info.value) == {"slug": {"unique"}}
    assert not VillageHub.objects.exists()


def test_village_hub_create_with_bad_input_saves_nothing():
    # when
    with pytest.raises(ValidationError) as exc_info:
        village_hub_create(name=" ", village=village_pecatu(), phone="12")

    # then
    assert _codes(exc_info.value) == {"name": {"required"}, "phone": {"invalid_phone"}}
    assert not VillageHub.objects.exists()
    assert not Channel.objects.exists()


# --- village_hub_update ------------------------------------------------------------------


def test_village_hub_update_keeps_the_channel_in_step():
    # given
    hub = VillageHubFactory(name="Old", slug="old", is_active=True)

    # when
    village_hub_update(hub=hub, name="Gerai Baru", slug="Gerai Baru", is_active=False)

    # then
    hub.refresh_from_db()
    hub.channel.refresh_from_db()
    assert (hub.name, hub.slug, hub.is_active) == ("Gerai Baru", "gerai-baru", False)
    assert (hub.channel.name, hub.channel.slug, hub.channel.is_active) == (
        "Gerai Baru",
        "gerai-baru",
        False,
    )


def test_village_hub_update_moving_village_rederives_time_zone():
    # given
    hub = VillageHubFactory(village=village_pecatu(), time_zone="Asia/Makassar")

    # when
    village_hub_update(hub=hub, village=village_yoboi())

    # then
    hub.refresh_from_db()
    assert hub.time_zone == "Asia/Jayapura"


def test_village_hub_update_explicit_time_zone_wins():
    # given
    hub = VillageHubFactory(village=village_pecatu(), time_zone="Asia/Makassar")

    # when
    village_hub_update(hub=hub, village=village_yoboi(), time_zone="Asia/Makassar")

    # then
    hub.refresh_from_db()
    assert hub.time_zone == "Asia/Makassar"


def test_village_hub_update_to_taken_slug_saves_nothing():
    # given
    VillageHubFactory(slug="taken")
    hub = VillageHubFactory(slug="mine", name="Mine")

    # when
    with pytest.raises(ValidationError) as exc_info:
        village_hub_update(hub=hub, slug="taken", name="Renamed")

    # then
    assert _codes(exc_info.value) == {"slug": {"unique"}}
    hub.refresh_from_db()
    hub.channel.refresh_from_db()
    assert (hub.slug, hub.name, hub.channel.slug, hub.channel.name) == (
        "mine",
        "Mine",
        "mine",
        "Mine",
    )


def test_village_hub_update_to_slug_of_a_standalone_channel_rolls_back():
    # given
    ChannelFactory(slug="taken")
    hub = VillageHubFactory(slug="mine")

    # when
    with pytest.raises(ValidationError) as exc_info:
        village_hub_update(hub=hub, slug="taken")

    # then
    assert _codes(exc_info.value) == {"slug": {"unique"}}
    assert VillageHub.objects.get(pk=hub.pk).slug == "mine"


# --- opening hours -----------------------------------------------------------------------


def test_hub_opening_hours_set_replaces_the_hours():
    # given
    hub = VillageHubFactory()
    HubOpeningHoursFactory(hub=hub, weekday=6)
    friday = HubOpeningHours.Weekday.FRIDAY

    # when
    hours = hub_opening_hours_set(
        hub=hub,
        intervals=[
            OpeningInterval(friday, datetime.time(13, 0), datetime.time(17, 0)),
            OpeningInterval(friday, datetime.time(8, 0), datetime.time(11, 30)),
            OpeningInterval(0, datetime.time(8, 0), datetime.time(16, 0)),
        ],
    )

    # then
    assert len(hours) == 3
    stored = [(h.weekday, h.opens, h.closes) for h in hub.opening_hours.all()]
    assert stored == [
        (0, datetime.time(8, 0), datetime.time(16, 0)),
        (4, datetime.time(8, 0), datetime.time(11, 30)),
        (4, datetime.time(13, 0), datetime.time(17, 0)),
    ]


def test_hub_opening_hours_closing_before_opening_is_invalid_and_keeps_old_hours():
    # given
    hub = VillageHubFactory()
    HubOpeningHoursFactory(hub=hub)

    # when
    with pytest.raises(ValidationError) as exc_info:
        hub_opening_hours_set(
            hub=hub, intervals=[OpeningInterval(1, datetime.time(17, 0), datetime.time(8, 0))]
        )

    # then
    assert _codes(exc_info.value) == {"opening_hours": {"invalid_opening_hours"}}
    assert hub.opening_hours.count() == 1


def test_hub_opening_hours_overlap_is_invalid():
    # given
    hub = VillageHubFactory()

    # when
    with pytest.raises(ValidationError) as exc_info:
        hub_opening_hours_set(
            hub=hub,
            intervals=[
                OpeningInterval(2, datetime.time(8, 0), datetime.time(12, 0)),
                OpeningInterval(2, datetime.time(11, 0), datetime.time(15, 0)),
            ],
        )

    # then
    assert _codes(exc_info.value) == {"opening_hours": {"invalid_opening_hours"}}
    assert not hub.opening_hours.exists()


def test_hub_opening_hours_unknown_weekday_is_invalid():
    with pytest.raises(ValidationError) as exc_info:
        hub_opening_hours_set(
            hub=VillageHubFactory(),
            intervals=[OpeningInterval(7, datetime.time(8, 0), datetime.time(12, 0))],
        )

    assert _codes(exc_info.value) == {"opening_hours": {"invalid"}}


def test_hub_opening_hours_set_to_nothing_closes_the_hub():
    # given
    hub = HubOpeningHoursFactory().hub

    # when
    hub_opening_hours_set(hub=hub, intervals=[])

    # then
    assert not hub.opening_hours.exists()


# --- operators and supplies --------------------------------------------------------------


def test_hub_operator_add():
    # given
    hub = VillageHubFactory()
    user = UserFactory()

    # when
    operator = hub_operator_add(hub=hub, user=user)

    # then
    assert HubOperator.objects.get() == operator
    assert (operator.hub, operator.user) == (hub, user)


def test_hub_operator_add_twice_is_already_exists():
    # given
    operator = HubOperatorFactory()

    # when
    with pytest.raises(ValidationError) as exc_info:
        hub_operator_add(hub=operator.hub, user=operator.user)

    # then
    assert _codes(exc_info.value) == {"user": {"already_exists"}}
    assert HubOperator.objects.count() == 1


def test_hub_supply_set_adds_and_removes_and_keeps_existing_links():
    # given
    hub = VillageHubFactory()
    kept = HubSupplyFactory(hub=hub, cooperative=CooperativeFactory(name="A"))
    removed = HubSupplyFactory(hub=hub, cooperative=CooperativeFactory(name="B"))
    added = CooperativeFactory(name="C")
    other_hub_supply = HubSupplyFactory(cooperative=removed.cooperative)

    # when
    supplies = hub_supply_set(hub=hub, cooperatives=[kept.cooperative, added, added])

    # then
    assert [s.cooperative.name for s in supplies] == ["A", "C"]
    assert supplies[0].pk == kept.pk
    assert supplies[0].created_at == kept.created_at
    assert not HubSupply.objects.filter(pk=removed.pk).exists()
    assert HubSupply.objects.filter(pk=other_hub_supply.pk).exists()


def test_hub_supply_set_empty_removes_all():
    # given
    supply = HubSupplyFactory()

    # when
    supplies = hub_supply_set(hub=supply.hub, cooperatives=[])

    # then
    assert supplies == []
    assert not HubSupply.objects.exists()


def test_hub_supply_set_refuses_inactive_cooperatives_and_changes_nothing():
    # given
    supply = HubSupplyFactory()
    inactive = CooperativeFactory(name="KUD Tidur", is_active=False)

    # when
    with pytest.raises(ValidationError) as exc_info:
        hub_supply_set(hub=supply.hub, cooperatives=[inactive])

    # then
    assert _codes(exc_info.value) == {"cooperatives": {"cooperative_inactive"}}
    assert "KUD Tidur" in exc_info.value.error_dict["cooperatives"][0].messages[0]
    assert list(HubSupply.objects.all()) == [supply]
