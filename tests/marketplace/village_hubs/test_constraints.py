"""The database itself refuses rows the services would refuse (no full_clean here)."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from marketplace.village_hubs.models import (
    Cooperative,
    CooperativeStaff,
    HubOpeningHours,
    HubOperator,
    HubSupply,
    Producer,
    VillageHub,
)
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    HubOpeningHoursFactory,
    HubOperatorFactory,
    HubSupplyFactory,
    ProducerFactory,
    VillageHubFactory,
)

pytestmark = pytest.mark.django_db


def _refused(queryset, **values) -> bool:
    try:
        with transaction.atomic():
            queryset.update(**values)
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize(
    "values",
    [
        {"fee_percentage": Decimal("100.01")},
        {"fee_percentage": Decimal("-0.01")},
        {"member_count": -1},
        {"members_male": -1},
        {"members_female": -1},
        {"member_count": 10, "members_male": 6, "members_female": 5},
        {"jenis": "bank"},
        {"jenis": Cooperative.Jenis.KSP, "has_savings_unit": False},
        {"nomor_induk_koperasi": "123"},
        {"nib": "123"},
        {"npwp": "01.234.567.8-901"},
        {"phone": "081234567890"},
    ],
)
def test_database_refuses_invalid_cooperative(values):
    cooperative = CooperativeFactory()
    assert _refused(Cooperative.objects.filter(pk=cooperative.pk), **values)


def test_database_accepts_fee_bounds():
    cooperative = CooperativeFactory()
    assert not _refused(Cooperative.objects.filter(pk=cooperative.pk), fee_percentage=100)
    assert not _refused(Cooperative.objects.filter(pk=cooperative.pk), fee_percentage=0)


@pytest.mark.parametrize("field", ["nomor_induk_koperasi", "nib", "npwp"])
def test_database_refuses_duplicate_cooperative_identifiers(field):
    # given
    value = {"nomor_induk_koperasi": "5103052001000001", "nib": "9120001234567"}.get(
        field, "012345678901000"
    )
    CooperativeFactory(**{field: value})
    other = CooperativeFactory()

    # then
    assert _refused(Cooperative.objects.filter(pk=other.pk), **{field: value})


@pytest.mark.parametrize(
    "values",
    [
        {"pirt_number": "2063302010027"},
        {"bpom_number": "MD235602169254"},
        {"nib": "12"},
        {"phone": "+6212"},
        {"size_class": "besar"},
        {"halal_certificate_expires_on": datetime.date(2028, 1, 1)},
    ],
)
def test_database_refuses_invalid_producer(values):
    producer = ProducerFactory(halal_certificate_number="")
    assert _refused(Producer.objects.filter(pk=producer.pk), **values)


@pytest.mark.parametrize("values", [{"time_zone": "Europe/Berlin"}, {"phone": "0812"}])
def test_database_refuses_invalid_hub(values):
    hub = VillageHubFactory()
    assert _refused(VillageHub.objects.filter(pk=hub.pk), **values)


def test_database_refuses_second_hub_on_one_channel():
    first, second = VillageHubFactory(), VillageHubFactory()
    assert _refused(VillageHub.objects.filter(pk=second.pk), channel=first.channel)


@pytest.mark.parametrize(
    "values",
    [
        {"weekday": 7},
        {"closes": datetime.time(8, 0)},  # same as opens
        {"closes": datetime.time(7, 0)},
    ],
)
def test_database_refuses_invalid_opening_hours(values):
    hours = HubOpeningHoursFactory(opens=datetime.time(8, 0), closes=datetime.time(16, 0))
    assert _refused(HubOpeningHours.objects.filter(pk=hours.pk), **values)


def test_database_refuses_duplicate_memberships():
    staff = CooperativeStaffFactory()
    operator = HubOperatorFactory()
    supply = HubSupplyFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        CooperativeStaff.objects.create(user=staff.user, cooperative=staff.cooperative)
    with pytest.raises(IntegrityError), transaction.atomic():
        HubOperator.objects.create(user=operator.user, hub=operator.hub)
    with pytest.raises(IntegrityError), transaction.atomic():
        HubSupply.objects.create(hub=supply.hub, cooperative=supply.cooperative)


def test_database_refuses_role_outside_choices():
    staff = CooperativeStaffFactory()
    assert _refused(CooperativeStaff.objects.filter(pk=staff.pk), role="owner")


def test_village_in_use_cannot_be_deleted():
    cooperative = CooperativeFactory()
    with pytest.raises(ProtectedError):
        cooperative.village.delete()
