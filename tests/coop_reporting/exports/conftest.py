"""A cooperative with the sales history of tests/factories/coop_sales.py, its admin, and a
temporary MEDIA_ROOT for the files; the supervised world of the district exports."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from coop_reporting.rat import services as rat_services
from marketplace.accounts.models import User
from marketplace.village_hubs.models import Cooperative, StaffRole
from tests.coop_reporting.supervision.conftest import supervised, today  # noqa: F401
from tests.coop_reporting.test_ksp_health import KSP_SEJAHTERA
from tests.factories.coop_sales import SalesHistory, sales_history
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory


@dataclass
class ExportWorld:
    cooperative: Cooperative
    admin: User
    history: SalesHistory


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def export_world(db) -> ExportWorld:
    cooperative = CooperativeFactory(
        name="KSU Tani Makmur & Sejahtera", has_savings_unit=True, nomor_induk_koperasi=""
    )
    admin = CooperativeStaffFactory(cooperative=cooperative, role=StaffRole.ADMIN).user
    history = sales_history(cooperative, entered_by=admin)
    return ExportWorld(cooperative, admin, history)


@pytest.fixture
def health_2025(export_world):
    """The worked KSP example of tests/coop_reporting/test_ksp_health.py for 2025."""
    _input, assessment = rat_services.ksp_health_input_set(
        cooperative=export_world.cooperative,
        financial_year=2025,
        figures=KSP_SEJAHTERA,
        actor=export_world.admin,
    )
    return assessment
