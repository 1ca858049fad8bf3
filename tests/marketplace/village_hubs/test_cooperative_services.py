import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from marketplace.village_hubs.models import Cooperative, CooperativeStaff
from marketplace.village_hubs.services import (
    cooperative_create,
    cooperative_staff_add,
    cooperative_update,
)
from tests.factories.accounts import UserFactory
from tests.factories.regions import village_bakalankrapyak, village_pecatu
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory

pytestmark = pytest.mark.django_db


def _codes(exc: ValidationError) -> dict[str, set[str]]:
    return {field: {error.code for error in errors} for field, errors in exc.error_dict.items()}


def test_cooperative_create_stores_normalized_identifiers():
    # given
    village = village_pecatu()

    # when
    cooperative = cooperative_create(
        name="  Koperasi Desa Merah Putih Pecatu ",
        jenis=Cooperative.Jenis.KSU,
        village=village,
        address="Jl. Raya Uluwatu No. 8",
        nomor_induk_koperasi="5103 0520 0100 0001",
        nomor_badan_hukum="AHU-0012345.AH.01.29.TAHUN 2025",
        tanggal_badan_hukum=datetime.date(2025, 6, 30),
        is_merah_putih=True,
        member_count=250,
        members_male=120,
        members_female=110,
        phone="0812-3456-7890",
        email=" Pengurus@KopdesPecatu.id ",
        nib="9120 0012 34567",
        npwp="01.234.567.8-901.000",
        fee_percentage=Decimal("5.50"),
    )

    # then
    cooperative.refresh_from_db()
    assert cooperative.name == "Koperasi Desa Merah Putih Pecatu"
    assert cooperative.nomor_induk_koperasi == "5103052001000001"
    assert cooperative.phone == "+6281234567890"
    assert cooperative.email == "pengurus@kopdespecatu.id"
    assert cooperative.nib == "9120001234567"
    assert cooperative.npwp == "012345678901000"
    assert cooperative.fee_percentage == Decimal("5.50")
    assert cooperative.is_active is True
    assert cooperative.created_at is not None


def test_cooperative_region_codes_follow_the_village():
    # given
    cooperative = CooperativeFactory(village=village_pecatu())

    # then
    assert cooperative.province_code == "51"
    assert cooperative.regency_code == "51.03"


@pytest.mark.parametrize(
    ("jenis", "is_merah_putih", "has_savings_unit"),
    [
        (Cooperative.Jenis.KSP, False, True),
        (Cooperative.Jenis.KSPPS, False, True),
        (Cooperative.Jenis.KSU, True, True),  # Merah Putih coops run a savings unit
        (Cooperative.Jenis.PRODUSEN, False, False),
    ],
)
def test_cooperative_create_defaults_savings_unit(jenis, is_merah_putih, has_savings_unit):
    # when
    cooperative = cooperative_create(
        name="Koperasi", jenis=jenis, village=village_pecatu(), is_merah_putih=is_merah_putih
    )

    # then
    assert cooperative.has_savings_unit is has_savings_unit


def test_savings_cooperative_without_savings_unit_is_invalid():
    # when
    with pytest.raises(ValidationError) as exc_info:
        cooperative_create(
            name="KSP Sejahtera",
            jenis=Cooperative.Jenis.KSP,
            village=village_pecatu(),
            has_savings_unit=False,
        )

    # then
    assert _codes(exc_info.value) == {"has_savings_unit": {"invalid"}}
    assert not Cooperative.objects.exists()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"nomor_induk_koperasi": "12345"}, {"nomor_induk_koperasi": {"invalid_nik_koperasi"}}),
        ({"nib": "12345"}, {"nib": {"invalid_nib"}}),
        ({"npwp": "12.345"}, {"npwp": {"invalid_npwp"}}),
        ({"phone": "+1 415 555 2671"}, {"phone": {"invalid_phone"}}),
        ({"email": "not-an-email"}, {"email": {"invalid"}}),
        ({"fee_percentage": Decimal("100.01")}, {"fee_percentage": {"invalid"}}),
        ({"fee_percentage": Decimal("-1")}, {"fee_percentage": {"invalid"}}),
        ({"fee_percentage": Decimal("2.555")}, {"fee_percentage": {"invalid"}}),
        (
            {"member_count": 10, "members_male": 6, "members_female": 5},
            {"member_count": {"invalid"}},
        ),
        ({"member_count": -1}, {"member_count": {"invalid"}}),
    ],
)
def test_cooperative_create_rejects_bad_input_and_saves_nothing(fields, expected):
    # when
    with pytest.raises(ValidationError) as exc_info:
        cooperative_create(
            name="Koperasi", jenis=Cooperative.Jenis.PRODUSEN, village=village_pecatu(), **fields
        )

    # then
    assert _codes(exc_info.value) == expected
    assert not Cooperative.objects.exists()


def test_cooperative_create_reports_all_bad_fields_at_once():
    # when
    with pytest.raises(ValidationError) as exc_info:
        cooperative_create(
            name="",
            jenis="bank",
            village=village_pecatu(),
            nib="123",
            phone="telepon",
        )

    # then
    assert _codes(exc_info.value) == {
        "name": {"required"},
        "jenis": {"invalid"},
        "nib": {"invalid_nib"},
        "phone": {"invalid_phone"},
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("nomor_induk_koperasi", "5103052001000001"),
        ("nib", "9120001234567"),
        ("npwp", "012345678901000"),
    ],
)
def test_cooperative_identifiers_are_unique(field, value):
    # given
    CooperativeFactory(**{field: value})

    # when
    with pytest.raises(ValidationError) as exc_info:
        cooperative_create(
            name="Other", jenis=Cooperative.Jenis.KUD, village=village_pecatu(), **{field: value}
        )

    # then
    assert _codes(exc_info.value) == {field: {"unique"}}
    assert Cooperative.objects.count() == 1


def test_cooperatives_without_identifiers_do_not_clash():
    # given
    CooperativeFactory(nomor_induk_koperasi="", nib="", npwp="")

    # when
    cooperative_create(name="Other", jenis=Cooperative.Jenis.KUD, village=village_pecatu())

    # then
    assert Cooperative.objects.count() == 2


def test_cooperative_create_rejects_unknown_keyword():
    with pytest.raises(TypeError, match="kelompok"):
        cooperative_create(
            name="K", jenis=Cooperative.Jenis.KUD, village=village_pecatu(), kelompok="x"
        )


def test_cooperative_update_changes_only_given_fields():
    # given
    cooperative = CooperativeFactory(name="Old", fee_percentage=Decimal(0), phone="")
    village = village_bakalankrapyak()

    # when
    cooperative_update(
        cooperative=cooperative,
        fee_percentage=Decimal("7.5"),
        phone="0291 123456",
        village=village,
    )

    # then
    cooperative.refresh_from_db()
    assert cooperative.name == "Old"
    assert cooperative.fee_percentage == Decimal("7.50")
    assert cooperative.phone == "+62291123456"
    assert cooperative.village == village
    assert cooperative.province_code == "33"


def test_cooperative_update_with_bad_input_saves_nothing():
    # given
    cooperative = CooperativeFactory(name="Old", nib="")

    # when
    with pytest.raises(ValidationError) as exc_info:
        cooperative_update(cooperative=cooperative, name="New", nib="abc")

    # then
    assert _codes(exc_info.value) == {"nib": {"invalid_nib"}}
    cooperative.refresh_from_db()
    assert (cooperative.name, cooperative.nib) == ("Old", "")


def test_cooperative_update_to_savings_type_needs_savings_unit():
    # given
    cooperative = CooperativeFactory(jenis=Cooperative.Jenis.PRODUSEN, has_savings_unit=False)

    # when
    with pytest.raises(ValidationError) as exc_info:
        cooperative_update(cooperative=cooperative, jenis=Cooperative.Jenis.KSP)

    # then
    assert _codes(exc_info.value) == {"has_savings_unit": {"invalid"}}


def test_cooperative_staff_add():
    # given
    cooperative = CooperativeFactory()
    user = UserFactory()

    # when
    staff = cooperative_staff_add(
        cooperative=cooperative, user=user, role=CooperativeStaff.Role.ADMIN
    )

    # then
    assert staff.pk is not None
    assert (staff.user, staff.cooperative, staff.role) == (user, cooperative, "admin")


def test_cooperative_staff_add_twice_is_already_exists():
    # given
    staff = CooperativeStaffFactory()

    # when
    with pytest.raises(ValidationError) as exc_info:
        cooperative_staff_add(cooperative=staff.cooperative, user=staff.user)

    # then
    assert _codes(exc_info.value) == {"user": {"already_exists"}}
    assert CooperativeStaff.objects.count() == 1


def test_cooperative_staff_add_with_unknown_role_is_invalid():
    # when
    with pytest.raises(ValidationError) as exc_info:
        cooperative_staff_add(cooperative=CooperativeFactory(), user=UserFactory(), role="boss")

    # then
    assert _codes(exc_info.value) == {"role": {"invalid"}}
    assert not CooperativeStaff.objects.exists()


def test_same_user_can_work_for_two_cooperatives():
    # given
    user = UserFactory()
    CooperativeStaffFactory(user=user)

    # when
    cooperative_staff_add(cooperative=CooperativeFactory(), user=user)

    # then
    assert CooperativeStaff.objects.filter(user=user).count() == 2
