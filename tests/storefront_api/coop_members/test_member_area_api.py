"""A member over /graphql/: signing in with a one-time e-mailed code (a Saleor-style JWT,
the code used once), then ``memberArea``: their savings movements, the cooperative's
submitted RAT reports and their producer statement; anyone else PermissionDenied."""

from __future__ import annotations

import datetime
import re

import pytest

from marketplace.core.models import OutgoingEmail
from marketplace.members import services
from tests.factories.accounts import UserFactory
from tests.factories.coop_rat import draft_report, submitted_report
from tests.factories.members import NIK_WAYAN, member
from tests.factories.village_hubs import CooperativeFactory, ProducerFactory
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, gid, token_for

pytestmark = pytest.mark.django_db

SEND = """
mutation Send($cooperative: ID!, $number: Int!) {
  memberSignInCodeSend(cooperative: $cooperative, number: $number) { errors { field code } }
}
"""
CODE_TOKEN = """
mutation Code($cooperative: ID!, $number: Int!, $code: String!) {
  memberCodeTokenCreate(cooperative: $cooperative, number: $number, code: $code) {
    token refreshToken member { number } errors { field code }
  }
}
"""
AREA = """
query Area($cooperative: ID!) {
  memberArea(cooperative: $cooperative) {
    member { number name }
    savingsMovements { kind amount occurredOn }
    ratReports { financialYear balanceSheet { totalAssets } incomeStatement { shuNet } }
    producerStatement(from: "2026-01-01", until: "2026-01-31") { producerName netSales }
  }
}
"""


@pytest.fixture
def coop():
    return CooperativeFactory(name="KUD Mina Segara")


def test_a_member_signs_in_with_a_code_once(gql, coop):
    siti = member(coop, email="siti@example.com")
    variables = {"cooperative": gid("Cooperative", coop.pk), "number": siti.number}
    assert gql.execute(SEND, variables)["data"]["memberSignInCodeSend"]["errors"] == []
    body = OutgoingEmail.objects.filter(to="siti@example.com").latest("pk").body
    code = re.search(r"\b(\d{6})\b", body).group(1)

    wrong = gql.execute(CODE_TOKEN, {**variables, "code": "000000" if code != "000000" else "1"})
    assert wrong["data"]["memberCodeTokenCreate"]["errors"] == [
        {"field": "code", "code": "INVALID_CREDENTIALS"}
    ]
    signed_in = gql.execute(CODE_TOKEN, {**variables, "code": code})["data"]
    assert signed_in["memberCodeTokenCreate"]["member"] == {"number": siti.number}
    token = signed_in["memberCodeTokenCreate"]["token"]
    area = gql.execute(AREA, {"cooperative": variables["cooperative"]}, token=token)
    assert area["data"]["memberArea"]["member"]["name"] == "Siti Aminah"

    reused = gql.execute(CODE_TOKEN, {**variables, "code": code})["data"]
    assert reused["memberCodeTokenCreate"]["token"] is None
    assert reused["memberCodeTokenCreate"]["errors"][0]["code"] == "INVALID_CREDENTIALS"


def test_member_area_shows_own_data_and_refuses_everyone_else(gql, coop):
    siti = member(coop, user=UserFactory(), producer=ProducerFactory(cooperative=coop))
    wayan = member(coop, name="Wayan", nik=NIK_WAYAN, sex="L", user=UserFactory())
    for key, amount in (("a", 25_000), ("b", 10_000)):
        services.savings_record(
            member=siti, kind="wajib", amount=amount,
            occurred_on=datetime.date(2026, 1, 5), idempotency_key=key,
        )  # fmt: skip
    services.savings_record(
        member=wayan, kind="sukarela", amount=99_000,
        occurred_on=datetime.date(2026, 1, 5), idempotency_key="w",
    )  # fmt: skip
    submitted_report(coop)
    draft_report(coop, financial_year=2024)
    variables = {"cooperative": gid("Cooperative", coop.pk)}

    area = gql.execute(AREA, variables, token=token_for(siti.user))["data"]["memberArea"]
    assert area["member"] == {"number": siti.number, "name": "Siti Aminah"}
    assert sorted(m["amount"] for m in area["savingsMovements"]) == [10_000, 25_000]
    assert area["ratReports"] == [
        {
            "financialYear": 2025,
            "balanceSheet": {"totalAssets": 1_000_000_000},
            "incomeStatement": {"shuNet": 100_000_000},
        }
    ]  # the 2024 draft is not shown
    assert area["producerStatement"]["netSales"] == 0
    wayans = gql.execute(AREA, variables, token=token_for(wayan.user))["data"]["memberArea"]
    assert [m["amount"] for m in wayans["savingsMovements"]] == [99_000]
    assert wayans["producerStatement"] is None  # not a producer

    other = {"cooperative": gid("Cooperative", CooperativeFactory().pk)}
    assert_permission_denied(gql.execute(AREA, other, token=token_for(siti.user)))
    assert_permission_denied(gql.execute(AREA, variables, token=token_for(UserFactory())))
    assert_permission_denied(gql.execute(AREA, variables))
