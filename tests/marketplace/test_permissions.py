"""The one permissions module: every rule tested here once."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace import permissions
from marketplace.permissions import OrderAccess
from marketplace.village_hubs.models import StaffRole
from tests.factories.accounts import UserFactory
from tests.factories.orders import OrderFactory, OrderLineFactory
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    HubOperatorFactory,
    VillageHubFactory,
)

pytestmark = pytest.mark.django_db


def test_platform_staff_is_an_active_signed_in_staff_or_superuser():
    assert permissions.is_platform_staff(UserFactory(is_staff=True))
    assert permissions.is_platform_staff(UserFactory(is_superuser=True))
    assert not permissions.is_platform_staff(UserFactory(is_staff=True, is_active=False))
    assert not permissions.is_platform_staff(UserFactory())
    assert not permissions.is_platform_staff(AnonymousUser())
    assert not permissions.is_platform_staff(None)


def test_hub_operator_operates_only_their_hub_and_its_channel():
    hub_a, hub_b = VillageHubFactory(), VillageHubFactory()
    operator = HubOperatorFactory(hub=hub_a).user
    assert permissions.can_operate_hub(operator, hub_a.pk)
    assert not permissions.can_operate_hub(operator, hub_b.pk)
    assert permissions.can_operate_channel(operator, hub_a.channel_id)
    assert not permissions.can_operate_channel(operator, hub_b.channel_id)
    staff = UserFactory(is_staff=True)
    assert permissions.can_operate_hub(staff, hub_b.pk)
    assert not permissions.can_operate_hub(AnonymousUser(), hub_a.pk)


def test_cooperative_staff_work_for_it_and_only_admins_administer_it():
    cooperative, other = CooperativeFactory(), CooperativeFactory()
    clerk = CooperativeStaffFactory(cooperative=cooperative, role=StaffRole.STAFF).user
    admin = CooperativeStaffFactory(cooperative=cooperative, role=StaffRole.ADMIN).user
    assert permissions.can_work_for_cooperative(clerk, cooperative.pk)
    assert not permissions.can_administer_cooperative(clerk, cooperative.pk)
    assert permissions.can_administer_cooperative(admin, cooperative.pk)
    assert not permissions.can_work_for_cooperative(admin, other.pk)
    assert not permissions.can_work_for_cooperative(UserFactory(is_active=False), other.pk)


def test_scope_is_read_once_per_user_object_and_forgotten_on_request():
    hub = VillageHubFactory()
    operator = HubOperatorFactory(hub=hub).user
    permissions.scope_of(operator)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            assert permissions.can_operate_hub(operator, hub.pk)
    assert len(queries) == 0
    other = VillageHubFactory()
    HubOperatorFactory(hub=other, user=operator)
    assert not permissions.can_operate_hub(operator, other.pk)  # cached
    permissions.forget_scope(operator)
    assert permissions.can_operate_hub(operator, other.pk)


def test_order_access_by_role():
    hub, other_hub = VillageHubFactory(), VillageHubFactory()
    buyer = UserFactory()
    order = OrderFactory(channel=hub.channel, user=buyer)
    line = OrderLineFactory(order=order)
    OrderLineFactory(order=order)  # another cooperative's line
    coop_clerk = CooperativeStaffFactory(cooperative=line.cooperative).user
    assert permissions.order_access(UserFactory(is_staff=True), order) is OrderAccess.PLATFORM
    assert permissions.order_access(HubOperatorFactory(hub=hub).user, order) is OrderAccess.HUB
    assert permissions.order_access(buyer, order) is OrderAccess.BUYER
    assert permissions.order_access(coop_clerk, order) is OrderAccess.COOPERATIVE
    assert permissions.order_access(CooperativeStaffFactory().user, order) is OrderAccess.TOKEN
    assert permissions.order_access(HubOperatorFactory(hub=other_hub).user, order) is (
        OrderAccess.TOKEN
    )
    assert permissions.order_access(AnonymousUser(), order) is OrderAccess.TOKEN
    assert permissions.order_visible_cooperative_ids(coop_clerk, order) == {line.cooperative_id}
    assert permissions.order_visible_cooperative_ids(buyer, order) is None


def test_what_each_order_access_reveals():
    assert not OrderAccess.TOKEN.sees_personal_data
    assert not OrderAccess.TOKEN.sees_pickup_code
    assert OrderAccess.BUYER.sees_pickup_code
    assert OrderAccess.HUB.sees_pickup_code
    assert OrderAccess.COOPERATIVE.sees_personal_data
    assert not OrderAccess.COOPERATIVE.sees_pickup_code
    assert not OrderAccess.COOPERATIVE.sees_all_lines


def test_obfuscation_follows_saleor():
    assert permissions.obfuscate_email("wayan.sudarsana@example.com") == "w...@example.com"
    assert permissions.obfuscate_email("nomail") == "n....."
    assert permissions.obfuscate_string("Wayan") == "W...."
    assert permissions.obfuscate_string("+62 812 3456", phone=True) == "+62......."
    assert permissions.obfuscate_string("") == ""


def test_a_signed_in_users_checkout_is_theirs_only():
    owner, other = UserFactory(), UserFactory()
    mine = SimpleNamespace(user_id=owner.pk)
    anonymous_checkout = SimpleNamespace(user_id=None)
    assert permissions.can_use_checkout(owner, mine)
    assert not permissions.can_use_checkout(other, mine)
    assert not permissions.can_use_checkout(AnonymousUser(), mine)
    assert permissions.can_use_checkout(UserFactory(is_staff=True), mine)
    assert permissions.can_use_checkout(AnonymousUser(), anonymous_checkout)
