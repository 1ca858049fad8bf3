"""Who supervises what: ``coop_reporting.supervision.selectors.supervision_scope``, read
once per request user (kept as ``marketplace.permissions`` keeps every scope).

A Dinas officer reads the reporting data (RAT reports, health, status, activity profile)
of the cooperatives registered in their regency or province and never writes it: writes
ask ``can_administer_cooperative`` (the cooperative's pengurus and platform staff).
"""

from __future__ import annotations

from typing import Any

from coop_reporting.supervision import selectors
from coop_reporting.supervision.selectors import SupervisionScope
from storefront_api.village_hubs import access
from storefront_api.village_hubs.dataloaders import CooperativeByIdLoader


def viewer_scope(info: Any) -> SupervisionScope:
    """The regions the viewer supervises (empty for anonymous users)."""
    return selectors.supervision_scope_cached(access.viewer(info))


def supervises(info: Any, cooperative_id: int) -> bool:
    """Whether the viewer supervises the cooperative: platform staff, or a Dinas officer
    of the regency or province the cooperative is registered in."""
    scope = viewer_scope(info)
    if scope.is_empty:
        return False
    if scope.everything:
        return True
    cooperative = CooperativeByIdLoader(info.context).load(cooperative_id)
    return cooperative is not None and scope.covers(cooperative.village_id)


def require_district_viewer(info: Any) -> SupervisionScope:
    """The viewer's scope; top-level ``PermissionDenied`` unless they are platform staff
    or a Dinas officer (cooperative staff, customers and anonymous users are refused)."""
    access.require_signed_in(info)
    scope = viewer_scope(info)
    access.require(not scope.is_empty)
    return scope
