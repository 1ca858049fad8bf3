"""The member registry: NIKs encrypted at rest and masked, numbers, savings ledger,
who sees what."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connection

from coop_reporting.supervision.models import DinasOfficerAssignment
from coop_reporting.supervision.selectors import member_counts_for
from marketplace import permissions
from marketplace.members import services
from marketplace.members.models import Member, MemberStatus
from marketplace.members.nik import mask_nik
from marketplace.members.selectors import members_of
from tests.factories.accounts import UserFactory
from tests.factories.members import NIK_SITI, NIK_WAYAN, member
from tests.factories.regions import village_bakalankrapyak
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 1)


def _raw(table: str, pk: int) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])  # noqa: S608
        names = [column.name for column in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


def test_the_nik_is_encrypted_in_the_database_and_read_back_in_clear():
    cooperative = CooperativeFactory()
    siti = member(cooperative)

    raw = _raw("members_member", siti.pk)
    assert NIK_SITI not in " ".join(str(value) for value in raw.values())
    assert raw["nik_encrypted"].startswith("gAAAA")  # a Fernet token
    assert Member.objects.get(pk=siti.pk).nik == NIK_SITI
    assert siti.nik_masked == "3319********0001" == mask_nik(NIK_SITI)


def test_bad_niks_are_refused_next_to_the_field_and_nothing_is_written():
    cooperative = CooperativeFactory()
    for bad in ("12345", "3319014501900001x", "1234567890123456"):
        with pytest.raises(ValidationError) as refused:
            member(cooperative, nik=bad)
        assert refused.value.error_dict["nik"][0].code == "invalid_nik"
    assert not Member.objects.exists()


def test_numbers_follow_on_and_a_nik_is_one_member_per_cooperative():
    cooperative, other = CooperativeFactory(), CooperativeFactory()
    first = member(cooperative)
    second = member(cooperative, name="Wayan", nik=NIK_WAYAN, sex="L")
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ValidationError) as refused:
        member(cooperative, nik="3319 0145 0190 0001")  # same NIK, typed with spaces
    assert refused.value.error_dict["nik"][0].code == "unique"
    assert member(other).number == 1  # another cooperative may have the same person
    with pytest.raises(ValidationError) as refused:
        member(cooperative, nik="3319014501900003", number=2)
    assert "number" in refused.value.error_dict


def test_leaving_needs_a_date_and_coming_back_clears_it():
    siti = member(CooperativeFactory())
    with pytest.raises(ValidationError) as refused:
        services.member_update(member=siti, status=MemberStatus.KELUAR)
    assert "status_changed_on" in refused.value.error_dict
    services.member_update(member=siti, status=MemberStatus.KELUAR, status_changed_on=DAY)
    siti.refresh_from_db()
    assert (siti.status, siti.status_changed_on) == ("keluar", DAY)


def test_savings_are_a_ledger_a_retry_counts_once_and_no_balance_goes_below_zero():
    siti = member(CooperativeFactory())
    record = services.savings_record
    record(member=siti, kind="pokok", amount=100_000, occurred_on=DAY, idempotency_key="a")
    record(member=siti, kind="sukarela", amount=50_000, occurred_on=DAY, idempotency_key="b")
    _movement, created = record(
        member=siti, kind="sukarela", amount=50_000, occurred_on=DAY, idempotency_key="b"
    )
    assert created is False
    with pytest.raises(ValidationError) as refused:
        record(member=siti, kind="sukarela", amount=-60_000, occurred_on=DAY, idempotency_key="c")
    assert refused.value.error_dict["amount"][0].code == "insufficient_balance"
    record(member=siti, kind="sukarela", amount=-20_000, occurred_on=DAY, idempotency_key="d")

    row = members_of(siti.cooperative).get()
    assert (row.pokok, row.wajib, row.sukarela) == (100_000, 0, 30_000)


def test_search_by_name_number_or_whole_nik():
    cooperative = CooperativeFactory()
    siti = member(cooperative)
    wayan = member(cooperative, name="Wayan Sudarma", nik=NIK_WAYAN, sex="L")
    assert list(members_of(cooperative, "wayan")) == [wayan]
    assert list(members_of(cooperative, "1")) == [siti]
    assert list(members_of(cooperative, "3319 0145 0190 0001")) == [siti]
    assert list(members_of(cooperative, "3319")) == []  # part of a NIK finds nobody


def test_who_sees_members_and_their_nik():
    cooperative, other = CooperativeFactory(), CooperativeFactory()
    admin = CooperativeStaffFactory(cooperative=cooperative, role="admin").user
    clerk = CooperativeStaffFactory(cooperative=cooperative, role="staff").user
    other_admin = CooperativeStaffFactory(cooperative=other, role="admin").user
    platform = UserFactory(is_staff=True)
    own = UserFactory()
    siti = member(cooperative, user=own)

    assert permissions.member_nik_for(admin, siti) == NIK_SITI
    assert permissions.member_nik_for(own, siti) == NIK_SITI
    assert permissions.member_nik_for(clerk, siti) == "3319********0001"
    assert permissions.member_nik_for(platform, siti) == "3319********0001"
    assert permissions.can_see_members(clerk, cooperative.pk)
    assert not permissions.can_manage_members(clerk, cooperative.pk)
    assert not permissions.can_see_members(other_admin, cooperative.pk)
    assert not permissions.can_see_member_nik(other_admin, siti)


def test_a_dinas_officer_sees_counts_of_their_district_only():
    kudus = CooperativeFactory(village=village_bakalankrapyak())
    badung = CooperativeFactory()
    member(kudus)
    member(kudus, name="Wayan", nik=NIK_WAYAN, sex="L")
    officer = UserFactory()
    DinasOfficerAssignment.objects.create(user=officer, regency_id="33.19", office_name="Dinas")

    counts = member_counts_for(officer, kudus)
    assert (counts.total, counts.active_male, counts.active_female) == (2, 1, 1)
    assert member_counts_for(officer, badung) is None
    assert not permissions.can_see_members(officer, kudus.pk)
    assert "nik" not in {name.lower() for name in vars(counts)}


def test_no_log_line_carries_a_nik_or_a_name(caplog):
    caplog.set_level(logging.DEBUG)
    cooperative = CooperativeFactory()
    siti = member(cooperative)
    services.member_update(member=siti, nik=NIK_WAYAN)
    with pytest.raises(ValidationError):
        member(cooperative, nik=NIK_WAYAN)
    text = caplog.text + " ".join(str(vars(record)) for record in caplog.records)
    assert "member_created" in text
    for secret in (NIK_SITI, NIK_WAYAN, "Siti Aminah"):
        assert secret not in text


def test_a_new_key_goes_first_and_old_niks_still_read_and_match(settings):
    from cryptography.fernet import Fernet

    cooperative = CooperativeFactory()
    siti = member(cooperative)
    old_keys = list(settings.MEMBER_DATA_KEYS)
    settings.MEMBER_DATA_KEYS = [Fernet.generate_key().decode(), *old_keys]

    assert Member.objects.get(pk=siti.pk).nik == NIK_SITI
    assert list(members_of(cooperative, NIK_SITI)) == [siti]  # the look-up hash is unchanged
    wayan = member(cooperative, name="Wayan", nik=NIK_WAYAN, sex="L")
    settings.MEMBER_DATA_KEYS = old_keys
    with pytest.raises(ImproperlyConfigured):
        Member.objects.get(pk=wayan.pk).nik  # noqa: B018 - written under the new key


def test_without_a_key_and_debug_off_member_data_is_refused(settings):
    settings.MEMBER_DATA_KEYS, settings.DEBUG = [], False
    with pytest.raises(ImproperlyConfigured, match="MEMBER_DATA_KEY"):
        member(CooperativeFactory())
