"""``manage.py assign_dinas_officer``: how an administrator makes a Dinas officer."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from coop_reporting.supervision import selectors
from coop_reporting.supervision.models import DinasOfficerAssignment
from tests.factories.accounts import UserFactory
from tests.factories.regions import village_bakalankrapyak, village_pecatu
from tests.factories.village_hubs import CooperativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions(db):
    kudus = CooperativeFactory(name="KUD Kudus", village=village_bakalankrapyak())
    badung = CooperativeFactory(name="KUD Badung", village=village_pecatu())
    return kudus, badung


def test_assign_a_regency_then_a_province_then_unassign(regions, capsys):
    kudus, badung = regions
    user = UserFactory(email="petugas@dinas-kudus.test")
    # a regency, with the default office name
    call_command("assign_dinas_officer", "Petugas@Dinas-Kudus.test", "--regency", "33.19")
    assert "supervises 33.19 for Dinas Koperasi Kabupaten Kudus" in capsys.readouterr().out
    assert list(selectors.cooperatives_supervised_by(user)) == [kudus]
    # a province, with an office name
    call_command(
        "assign_dinas_officer", user.email, "--province", "51", "--office", "Dinas KUKM Bali"
    )
    assert set(selectors.cooperatives_supervised_by(user)) == {kudus, badung}
    # unassign the regency
    call_command("assign_dinas_officer", user.email, "--regency", "33.19", "--unassign")
    assert list(selectors.cooperatives_supervised_by(user)) == [badung]
    assert DinasOfficerAssignment.objects.filter(user=user, is_active=False).count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody@dinas.test", "--regency", "33.19"], "No user has the e-mail address"),
        # messages of the services are in the default language, Bahasa Indonesia
        (["petugas@dinas.test", "--regency", "33.99"], "Tidak ada kabupaten/kota dengan kode"),
        (["petugas@dinas.test", "--province", "99"], "Tidak ada provinsi dengan kode"),
        (["petugas@dinas.test", "--province", "51", "--unassign"], "has no assignment for 51"),
    ],
)
def test_refusals_change_nothing(regions, args, message):
    UserFactory(email="petugas@dinas.test")
    with pytest.raises(CommandError, match=message):
        call_command("assign_dinas_officer", *args)
    assert not DinasOfficerAssignment.objects.exists()


def test_a_region_is_required_and_only_one(regions):
    UserFactory(email="petugas@dinas.test")
    with pytest.raises(CommandError):
        call_command("assign_dinas_officer", "petugas@dinas.test")
    with pytest.raises(CommandError):
        call_command(
            "assign_dinas_officer", "petugas@dinas.test", "--regency", "33.19", "--province", "33"
        )
