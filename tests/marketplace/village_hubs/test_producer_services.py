import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from marketplace.village_hubs.models import Producer
from marketplace.village_hubs.services import producer_create, producer_update
from tests.factories.regions import village_bakalankrapyak, village_pecatu
from tests.factories.village_hubs import CooperativeFactory, ProducerFactory

pytestmark = pytest.mark.django_db


def _codes(exc: ValidationError) -> dict[str, set[str]]:
    return {field: {error.code for error in errors} for field, errors in exc.error_dict.items()}


def _freeze_now(monkeypatch: pytest.MonkeyPatch, moment: datetime.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_producer_create_stores_normalized_permits():
    # given
    cooperative = CooperativeFactory()
    village = village_pecatu()

    # when
    producer = producer_create(
        cooperative=cooperative,
        name=" Keripik Tempe Bu Sri ",
        village=village,
        owner_name="Sri Rahayu",
        size_class=Producer.SizeClass.KECIL,
        nib="9120001234567",
        pirt_number="P-IRT No. 2065103010027-27",
        halal_certificate_number="id35110012345670724",
        halal_certificate_expires_on=datetime.date(2028, 7, 24),
        bpom_number="BPOM RI md 235602169254",
        phone="+62 812 3456 7890",
    )

    # then
    producer.refresh_from_db()
    assert producer.name == "Keripik Tempe Bu Sri"
    assert producer.size_class == "kecil"
    assert producer.pirt_number == "2065103010027-27"
    assert producer.pirt_expiry_year == 2027
    assert producer.halal_certificate_number == "ID35110012345670724"
    assert producer.bpom_number == "MD 235602169254"
    assert producer.phone == "+6281234567890"
    assert producer.is_active is True


def test_producer_create_with_minimal_data():
    # when
    producer = producer_create(
        cooperative=CooperativeFactory(), name="Anyaman Bambu", village=village_pecatu()
    )

    # then
    assert producer.size_class == Producer.SizeClass.MIKRO
    assert producer.pirt_number == ""
    assert producer.pirt_expiry_year is None
    assert producer.pirt_expired is False


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"pirt_number": "P-IRT 12345"}, {"pirt_number": {"invalid_pirt_number"}}),
        ({"bpom_number": "MD 12345"}, {"bpom_number": {"invalid_bpom_number"}}),
        ({"nib": "12345"}, {"nib": {"invalid_nib"}}),
        ({"phone": "12345"}, {"phone": {"invalid_phone"}}),
        ({"size_class": "besar"}, {"size_class": {"invalid"}}),
        (
            {"halal_certificate_expires_on": datetime.date(2028, 1, 1)},
            {"halal_certificate_number": {"required"}},
        ),
    ],
)
def test_producer_create_rejects_bad_input_and_saves_nothing(fields, expected):
    # when
    with pytest.raises(ValidationError) as exc_info:
        producer_create(
            cooperative=CooperativeFactory(), name="UMKM", village=village_pecatu(), **fields
        )

    # then
    assert _codes(exc_info.value) == expected
    assert not Producer.objects.exists()


def test_producer_create_for_inactive_cooperative_is_refused():
    # given
    cooperative = CooperativeFactory(is_active=False)

    # when
    with pytest.raises(ValidationError) as exc_info:
        producer_create(cooperative=cooperative, name="UMKM", village=village_pecatu())

    # then
    assert _codes(exc_info.value) == {"cooperative": {"cooperative_inactive"}}
    assert not Producer.objects.exists()


def test_producer_update_changes_only_given_fields():
    # given
    producer = ProducerFactory(name="Old", pirt_number="")
    village = village_bakalankrapyak()

    # when
    producer_update(producer=producer, pirt_number="PIRT 206330201002729", village=village)

    # then
    producer.refresh_from_db()
    assert producer.name == "Old"
    assert producer.pirt_number == "2063302010027-29"
    assert producer.village == village


def test_producer_update_with_bad_input_saves_nothing():
    # given
    producer = ProducerFactory(name="Old", bpom_number="")

    # when
    with pytest.raises(ValidationError) as exc_info:
        producer_update(producer=producer, name="New", bpom_number="TR 123")

    # then
    assert _codes(exc_info.value) == {"bpom_number": {"invalid_bpom_number"}}
    producer.refresh_from_db()
    assert (producer.name, producer.bpom_number) == ("Old", "")


def test_producer_update_cannot_move_to_another_cooperative():
    with pytest.raises(TypeError, match="cooperative"):
        producer_update(producer=ProducerFactory(), cooperative=CooperativeFactory())


@pytest.mark.parametrize(
    ("day", "expired"),
    [
        (datetime.date(2026, 1, 1), False),
        (datetime.date(2027, 12, 31), False),  # valid through its expiry year
        (datetime.date(2028, 1, 1), True),
    ],
)
def test_pirt_expired_on(day, expired):
    # given
    producer = ProducerFactory(pirt_number="2063302010027-27")

    # then
    assert producer.pirt_expired_on(day) is expired


def test_pirt_expired_uses_todays_date_in_jakarta(monkeypatch):
    # given: 31 Dec 2027 18:00 UTC is already 1 Jan 2028 01:00 in Jakarta
    producer = ProducerFactory(pirt_number="2063302010027-27")
    _freeze_now(monkeypatch, datetime.datetime(2027, 12, 31, 18, 0, tzinfo=datetime.UTC))

    # then
    assert producer.pirt_expired is True


def test_pirt_not_expired_before_new_year_in_jakarta(monkeypatch):
    # given: 31 Dec 2027 16:59 UTC is 23:59 in Jakarta
    producer = ProducerFactory(pirt_number="2063302010027-27")
    _freeze_now(monkeypatch, datetime.datetime(2027, 12, 31, 16, 59, tzinfo=datetime.UTC))

    # then
    assert producer.pirt_expired is False
