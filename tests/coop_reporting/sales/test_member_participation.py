"""Member participation from real data (coop-health.md §4): purchases by an account
linked to a member and sales by a member's producer are member transactions; the share
of the business volume and of the members who transacted, with the numbers written out."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation

from coop_reporting.sales import selectors
from marketplace.members import services as member_services
from tests.factories.accounts import UserFactory
from tests.factories.coop_sales import paid_order, sales_history
from tests.factories.members import member
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory
from tests.storefront_api.conftest import GraphQLClient
from tests.storefront_api.village_hubs.conftest import gid, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_language():
    """The API activates the request's language in this thread; later tests of this
    folder expect the default one (Bahasa Indonesia)."""
    yield
    translation.deactivate()


@pytest.fixture
def world():
    """``sales_history`` (2024: Keripik 30.000 + 30.000, Kopi 40.000, Madu 40.000
    canceled, offline 100.000) and a register:

    Siti   — producer Keripik: sold 30.000 + 30.000 + Wayan's 10.000 = 70.000
    Wayan  — account; buys Kopi 2 × 25.000 (Oct) and Keripik 1 × 10.000 (Nov) = 60.000
    Made   — account, producer Madu (its only sale canceled: net 0); buys nothing
    Ketut  — left on 30 June 2023: not a member in 2024
    Putu   — joined in 2025: not a member in 2024
    """
    cooperative = CooperativeFactory(name="KUD Mina Segara")
    admin = CooperativeStaffFactory(cooperative=cooperative, role="admin").user
    history = sales_history(cooperative, entered_by=admin)
    wayan_account, made_account = UserFactory(), UserFactory()
    member(cooperative, name="Siti", producer=history.keripik)
    member(cooperative, name="Wayan", nik="3319011203850003", sex="L", user=wayan_account)
    member(
        cooperative, name="Made", nik="3319011203850004", sex="L", user=made_account,
        producer=history.madu,
    )  # fmt: skip
    ketut = member(cooperative, name="Ketut", nik="3319011203850005", sex="L")
    member_services.member_update(
        member=ketut, status="keluar", status_changed_on=datetime.date(2023, 6, 30)
    )
    member(cooperative, name="Putu", nik="3319014501900006", joined_on=datetime.date(2025, 2, 1))
    paid_order(
        history.hub, [(history.kopi, history.minuman, 2, 25_000)],
        paid_on=datetime.date(2024, 10, 5), buyer="wayan@x.id", user=wayan_account,
    )  # fmt: skip
    paid_order(
        history.hub, [(history.keripik, history.camilan, 1, 10_000)],
        paid_on=datetime.date(2024, 11, 1), buyer="wayan@x.id", user=wayan_account,
    )  # fmt: skip
    return cooperative, admin


def test_participation_is_members_transactions_against_the_business_volume(world):
    cooperative, _admin = world
    profile = selectors.cooperative_activity_profile(cooperative, 2024)

    # volume: marketplace 30.000 + 40.000 + 30.000 + 50.000 + 10.000 = 160.000, offline 100.000
    assert (profile.marketplace_sales, profile.volume_usaha) == (160_000, 260_000)
    # members: Siti's sales 70.000 + Wayan's purchases 60.000, minus the 10.000 Wayan
    # bought from Siti (one sale, counted once) = 120.000; Made's canceled sale nets 0
    assert profile.member_transactions == 120_000
    assert profile.member_participation == Decimal("0.4615")  # 120.000 ÷ 260.000
    # Siti, Wayan and Made were members in 2024 (not Ketut, not Putu); Siti and Wayan traded
    assert (profile.member_count, profile.members_transacted) == (3, 2)
    assert profile.member_transacting_share == Decimal("0.6667")
    assert profile.active_producers == 2  # Keripik and Kopi (unchanged)


def test_the_activity_page_shows_them(world):
    cooperative, admin = world
    client = Client()
    client.force_login(admin)
    page = client.get(f"/koperasi/{cooperative.pk}/kegiatan/?tahun=2024").content.decode()
    assert "Rp120.000" in page
    assert "46,2%" in page or "46.2%" in page
    assert "66,7%" in page or "66.7%" in page


PROFILE = """query ($id: ID!) { cooperativeActivityProfile(cooperative: $id, financialYear: 2024) {
    memberCount memberParticipation memberTransactions membersTransacted
    memberTransactingShare } }"""


def test_the_api_gives_the_same_numbers(world, client):
    cooperative, admin = world
    gql = GraphQLClient(client)
    result = gql.execute(
        PROFILE, {"id": gid("Cooperative", cooperative.pk)}, token=token_for(admin)
    )
    assert result["data"]["cooperativeActivityProfile"] == {
        "memberCount": 3,
        "memberParticipation": 0.4615,
        "memberTransactions": 120_000,
        "membersTransacted": 2,
        "memberTransactingShare": 0.6667,
    }
