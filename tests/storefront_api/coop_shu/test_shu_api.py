"""Members' SHU shares over /graphql/: the cooperative's staff see every share with its
explanation, a member sees only their own, another cooperative and strangers get
PermissionDenied; the admins set the allocation (a sum over 100 % is a field error that
changes nothing) and enter offline transactions."""

from __future__ import annotations

import pytest

from coop_reporting.shu import selectors
from tests.factories.accounts import UserFactory
from tests.factories.coop_shu import shu_year_2025
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, gid, token_for

pytestmark = pytest.mark.django_db

FIELDS = """financialYear shu capitalPercentage patronagePercentage capitalPool patronagePool
  shares { memberNumber memberName averageSavings transactions capitalShare patronageShare
           total explanation }"""
COOPERATIVE_SHU = f"""
query Shu($cooperative: ID!) {{ cooperativeShu(cooperative: $cooperative, financialYear: 2025) {{
  {FIELDS} }} }}
"""
MY_SHU = f"""
query Mine($cooperative: ID!) {{ myShu(cooperative: $cooperative, financialYear: 2025) {{
  {FIELDS} }} }}
"""
SET = """
mutation Set($cooperative: ID!, $input: ShuAllocationInput!) {
  shuAllocationSet(cooperative: $cooperative, financialYear: 2025, input: $input) {
    shu { capitalPool patronagePool shares { total } } errors { field code message }
  }
}
"""
OFFLINE = """
mutation Offline($member: ID!, $input: MemberOfflineTransactionRecordInput!) {
  memberOfflineTransactionRecord(member: $member, input: $input) { recorded errors { field code } }
}
"""


@pytest.fixture
def year_2025():
    return shu_year_2025()


def test_staff_see_every_share_a_member_only_their_own(gql, year_2025):
    coop, siti, wayan, made = year_2025
    variables = {"cooperative": gid("Cooperative", coop.pk)}
    clerk = CooperativeStaffFactory(cooperative=coop, role="staff").user

    year = gql.execute(COOPERATIVE_SHU, variables, token=token_for(clerk))["data"]["cooperativeShu"]
    assert (year["shu"], year["capitalPool"], year["patronagePool"]) == (1e8, 2e7, 3e7)
    assert [s["total"] for s in year["shares"]] == [13_095_238, 15_238_096, 21_666_666]
    assert year["shares"][1]["averageSavings"] == 1_000_000
    assert year["shares"][1]["explanation"][-1] == (
        "SHU share: Rp6.666.667 + Rp8.571.429 = Rp15.238.096."
    )

    far = gql.execute(COOPERATIVE_SHU.replace("2025", "99999"), variables, token=token_for(clerk))
    assert [error["message"] for error in far["errors"]] == ["No such financial year."]

    mine = gql.execute(MY_SHU, variables, token=token_for(siti.user))["data"]["myShu"]
    assert [s["memberName"] for s in mine["shares"]] == ["Siti Aminah"]
    assert mine["shares"][0]["total"] == 13_095_238
    assert_permission_denied(gql.execute(COOPERATIVE_SHU, variables, token=token_for(siti.user)))

    admin_b = CooperativeStaffFactory(cooperative=CooperativeFactory(), role="admin").user
    for viewer in (admin_b, UserFactory()):
        assert_permission_denied(gql.execute(COOPERATIVE_SHU, variables, token=token_for(viewer)))
        assert_permission_denied(gql.execute(MY_SHU, variables, token=token_for(viewer)))
    assert_permission_denied(gql.execute(MY_SHU, variables))


def test_admins_set_the_allocation_and_bad_input_changes_nothing(gql, year_2025):
    coop, siti, wayan, made = year_2025
    admin = CooperativeStaffFactory(cooperative=coop, role="admin").user
    variables = {"cooperative": gid("Cooperative", coop.pk)}

    refused = gql.execute(
        SET,
        {**variables, "input": {"capitalPercentage": "70", "patronagePercentage": "30.5"}},
        token=token_for(admin),
    )["data"]["shuAllocationSet"]
    assert refused["shu"] is None
    assert refused["errors"] == [
        {
            "field": "patronagePercentage",
            "code": "PERCENTAGES_OVER_100",
            "message": "Jasa modal and jasa usaha together may not exceed 100%.",
        }
    ]
    assert selectors.shu_allocation_of(coop, 2025).capital_percentage == 20

    done = gql.execute(
        SET,
        {**variables, "input": {"capitalPercentage": "25", "patronagePercentage": "25"}},
        token=token_for(admin),
    )["data"]["shuAllocationSet"]
    assert done["errors"] == []
    assert (done["shu"]["capitalPool"], done["shu"]["patronagePool"]) == (25e6, 25e6)
    assert sum(share["total"] for share in done["shu"]["shares"]) == 50_000_000

    clerk = CooperativeStaffFactory(cooperative=coop, role="staff").user
    assert_permission_denied(
        gql.execute(
            SET,
            {**variables, "input": {"capitalPercentage": "0", "patronagePercentage": "0"}},
            token=token_for(clerk),
        )
    )


def test_offline_transactions_by_the_admins_only(gql, year_2025):
    coop, siti, wayan, made = year_2025
    admin = CooperativeStaffFactory(cooperative=coop, role="admin").user
    admin_b = CooperativeStaffFactory(cooperative=CooperativeFactory(), role="admin").user
    variables = {
        "member": gid("CooperativeMember", wayan.pk),
        "input": {"date": "2025-09-01", "amount": 1_000_000, "description": "Setor gabah"},
    }
    assert_permission_denied(gql.execute(OFFLINE, variables, token=token_for(admin_b)))
    bad = {**variables, "input": {**variables["input"], "amount": -5}}
    refused = gql.execute(OFFLINE, bad, token=token_for(admin))["data"]
    assert refused["memberOfflineTransactionRecord"]["errors"] == [
        {"field": "amount", "code": "NOT_POSITIVE"}
    ]
    result = gql.execute(OFFLINE, variables, token=token_for(admin))["data"]
    assert result["memberOfflineTransactionRecord"] == {"recorded": True, "errors": []}
    assert selectors.shu_year(coop, 2025).member(wayan.pk).offline == 1_000_000
