"""A cooperative and its admin, for the member API's tests."""

import pytest

from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory


@pytest.fixture
def coop_a():
    return CooperativeFactory()


@pytest.fixture
def admin_a(coop_a):
    return CooperativeStaffFactory(cooperative=coop_a, role="admin").user
