"""What the member mutations share: finding a cooperative, member or application by
its global ID for someone allowed to act on it, and a village by its code."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from marketplace import permissions
from marketplace.core.exceptions import field_error
from marketplace.members.error_codes import MemberErrorCode
from marketplace.members.models import Member, MemberApplication
from marketplace.regions.models import Village
from marketplace.village_hubs.models import Cooperative
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import get_by_global_id

NOT_FOUND = MemberErrorCode.NOT_FOUND


def cooperative_by_id(value: str, *, field: str = "cooperative") -> Cooperative:
    return get_by_global_id(
        Cooperative.objects.filter(is_active=True),
        value,
        type_name="Cooperative",
        field=field,
        error_code=NOT_FOUND,
    )


def managed_cooperative(info: Any, value: str) -> Cooperative:
    """The cooperative, if the viewer may manage its members (else PermissionDenied)."""
    cooperative = cooperative_by_id(value)
    access.require(permissions.can_manage_members(access.viewer(info), cooperative.pk))
    return cooperative


def managed_member(info: Any, value: str, *, field: str = "id") -> Member:
    member = get_by_global_id(
        Member.objects.select_related("cooperative"),
        value,
        type_name="CooperativeMember",
        field=field,
        error_code=NOT_FOUND,
    )
    access.require(permissions.can_manage_members(access.viewer(info), member.cooperative_id))
    return member


def managed_application(info: Any, value: str) -> MemberApplication:
    application = get_by_global_id(
        MemberApplication.objects.select_related("cooperative", "applicant"),
        value,
        type_name="MemberApplication",
        field="id",
        error_code=NOT_FOUND,
    )
    viewer = access.viewer(info)
    access.require(permissions.can_manage_members(viewer, application.cooperative_id))
    return application


def village_by_code(code: str | None) -> Village | None:
    if not code:
        return None
    village = Village.objects.filter(code=code.strip()).first()
    if village is None:
        raise field_error("village", _("No village has this code."), NOT_FOUND)
    return village


def personal_data(data: dict[str, Any]) -> dict[str, Any]:
    """The services' personal fields from an input (``village`` as a code)."""
    personal = {key: data[key] for key in ("name", "nik", "sex", "phone", "email") if key in data}
    if "village" in data:
        personal["village"] = village_by_code(data["village"])
    return personal
