"""Cooperatives, producers and hubs built directly (not through the services)."""

from __future__ import annotations

import datetime

import factory

from marketplace.village_hubs.models import (
    Cooperative,
    CooperativeStaff,
    HubOpeningHours,
    HubOperator,
    HubSupply,
    Producer,
    VillageHub,
)
from tests.factories.accounts import UserFactory
from tests.factories.channels import ChannelFactory
from tests.factories.regions import VillageFactory


class CooperativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cooperative

    name = factory.Sequence(lambda n: f"Koperasi Desa Merah Putih {n}")
    jenis = Cooperative.Jenis.PRODUSEN
    village = factory.SubFactory(VillageFactory)
    address = "Jl. Raya Uluwatu No. 1"
    member_count = 120
    members_male = 50
    members_female = 70
    is_active = True


class CooperativeStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperativeStaff

    user = factory.SubFactory(UserFactory)
    cooperative = factory.SubFactory(CooperativeFactory)
    role = CooperativeStaff.Role.STAFF


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Producer

    cooperative = factory.SubFactory(CooperativeFactory)
    name = factory.Sequence(lambda n: f"Keripik Tempe Bu Sri {n}")
    owner_name = "Sri Rahayu"
    village = factory.SelfAttribute("cooperative.village")
    size_class = Producer.SizeClass.MIKRO


class VillageHubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VillageHub

    name = factory.Sequence(lambda n: f"Gerai Desa {n}")
    slug = factory.Sequence(lambda n: f"gerai-desa-{n}")
    village = factory.SubFactory(VillageFactory)
    channel = factory.SubFactory(
        ChannelFactory,
        name=factory.SelfAttribute("..name"),
        slug=factory.SelfAttribute("..slug"),
        allow_unpaid_orders=True,
    )
    time_zone = VillageHub.TimeZone.WITA  # the default village is in Bali
    is_active = True


class HubOpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubOpeningHours

    hub = factory.SubFactory(VillageHubFactory)
    weekday = HubOpeningHours.Weekday.MONDAY
    opens = datetime.time(8, 0)
    closes = datetime.time(16, 0)


class HubOperatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubOperator

    user = factory.SubFactory(UserFactory)
    hub = factory.SubFactory(VillageHubFactory)


class HubSupplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubSupply

    hub = factory.SubFactory(VillageHubFactory)
    cooperative = factory.SubFactory(CooperativeFactory)
