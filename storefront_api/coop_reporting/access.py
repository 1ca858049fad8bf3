"""Who may read and write RAT reports and health inputs.

The cooperative's staff (any role) and the Dinas officers supervising it read; its admins
(pengurus) write; platform staff do everything. Anyone else gets a top-level
``PermissionDenied`` and nothing changes.
"""

from __future__ import annotations

from typing import Any

from coop_reporting.rat.error_codes import RatErrorCode
from coop_reporting.rat.models import RatReport
from marketplace.village_hubs.models import Cooperative
from storefront_api.coop_supervision.access import supervises
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import get_by_global_id


def report_to_write(info: Any, report_id: str, *, field: str = "id") -> RatReport:
    access.require_signed_in(info)
    report = get_by_global_id(
        RatReport.objects.all(),
        report_id,
        type_name="RatReport",
        field=field,
        error_code=RatErrorCode.NOT_FOUND,
    )
    access.require(access.can_administer_cooperative(info, report.cooperative_id))
    return report


def cooperative_to_write(
    info: Any, cooperative_id: str, *, field: str = "cooperative"
) -> Cooperative:
    access.require_signed_in(info)
    cooperative = get_by_global_id(
        Cooperative.objects.all(),
        cooperative_id,
        type_name="Cooperative",
        field=field,
        error_code=RatErrorCode.NOT_FOUND,
    )
    access.require(access.can_administer_cooperative(info, cooperative.pk))
    return cooperative


def can_read(info: Any, cooperative_id: int) -> bool:
    """Whether the viewer may read the cooperative's reporting data (RAT reports, health,
    status, activity profile): its staff (any role), platform staff, and the Dinas
    officers supervising it. Officers only read: writes ask ``report_to_write`` /
    ``cooperative_to_write``, which they never pass."""
    return access.can_see_cooperative_private(info, cooperative_id) or supervises(
        info, cooperative_id
    )
