import pytest
from django.contrib.auth.models import AnonymousUser

from marketplace.village_hubs.selectors import (
    cooperatives_managed_by,
    hubs_operated_by,
    user_can_manage_cooperative,
    user_can_operate_hub,
)
from tests.factories.accounts import UserFactory
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    HubOperatorFactory,
    HubSupplyFactory,
    VillageHubFactory,
)

pytestmark = pytest.mark.django_db


def test_cooperative_staff_manages_only_their_cooperative():
    # given
    coop_a, coop_b = CooperativeFactory(), CooperativeFactory()
    staff_a = CooperativeStaffFactory(cooperative=coop_a).user

    # then
    assert list(cooperatives_managed_by(staff_a)) == [coop_a]
    assert user_can_manage_cooperative(staff_a, coop_a) is True
    assert user_can_manage_cooperative(staff_a, coop_b) is False


def test_user_working_for_two_cooperatives_manages_both():
    # given
    user = UserFactory()
    coop_a = CooperativeStaffFactory(user=user).cooperative
    coop_b = CooperativeStaffFactory(user=user).cooperative
    CooperativeFactory()

    # then
    assert set(cooperatives_managed_by(user)) == {coop_a, coop_b}


def test_hub_operator_operates_only_their_hub():
    # given
    hub_1, hub_2 = VillageHubFactory(), VillageHubFactory()
    operator = HubOperatorFactory(hub=hub_1).user

    # then
    assert list(hubs_operated_by(operator)) == [hub_1]
    assert user_can_operate_hub(operator, hub_1) is True
    assert user_can_operate_hub(operator, hub_2) is False


def test_cooperative_staff_does_not_operate_hubs_the_cooperative_supplies():
    # given
    hub = VillageHubFactory()
    staff = CooperativeStaffFactory()
    HubSupplyFactory(hub=hub, cooperative=staff.cooperative)

    # then
    assert user_can_operate_hub(staff.user, hub) is False
    assert not hubs_operated_by(staff.user).exists()


def test_hub_operator_does_not_manage_cooperatives():
    # given
    operator = HubOperatorFactory().user
    cooperative = CooperativeFactory()

    # then
    assert not cooperatives_managed_by(operator).exists()
    assert user_can_manage_cooperative(operator, cooperative) is False


@pytest.mark.parametrize("flags", [{"is_staff": True}, {"is_superuser": True}])
def test_platform_staff_manage_everything(flags):
    # given
    user = UserFactory(**flags)
    coops = {CooperativeFactory(), CooperativeFactory()}
    hubs = {VillageHubFactory(), VillageHubFactory()}

    # then
    assert set(cooperatives_managed_by(user)) == coops
    assert set(hubs_operated_by(user)) == hubs
    assert all(user_can_manage_cooperative(user, coop) for coop in coops)
    assert all(user_can_operate_hub(user, hub) for hub in hubs)


def test_inactive_users_manage_nothing():
    # given
    staff = CooperativeStaffFactory(user__is_active=False)
    operator = HubOperatorFactory(user__is_active=False)
    platform = UserFactory(is_staff=True, is_active=False)

    # then
    for user in (staff.user, operator.user, platform):
        assert not cooperatives_managed_by(user).exists()
        assert not hubs_operated_by(user).exists()
    assert user_can_manage_cooperative(staff.user, staff.cooperative) is False
    assert user_can_operate_hub(operator.user, operator.hub) is False


def test_anonymous_user_manages_nothing():
    # given
    user = AnonymousUser()
    cooperative = CooperativeFactory()
    hub = VillageHubFactory()

    # then
    assert not cooperatives_managed_by(user).exists()
    assert not hubs_operated_by(user).exists()
    assert user_can_manage_cooperative(user, cooperative) is False
    assert user_can_operate_hub(user, hub) is False
