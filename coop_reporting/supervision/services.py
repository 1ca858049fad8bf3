"""Writes of supervision: Dinas officer assignments."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from coop_reporting.supervision.error_codes import DinasOfficerErrorCode
from coop_reporting.supervision.models import DinasOfficerAssignment
from marketplace import permissions
from marketplace.accounts.models import User
from marketplace.core.exceptions import field_error
from marketplace.regions.models import Province, Regency

logger = logging.getLogger(__name__)


def _office_name(office_name: str | None) -> str:
    name = (office_name or "").strip()
    if not name:
        raise field_error(
            "office_name", _("Enter the name of the Dinas office."), DinasOfficerErrorCode.REQUIRED
        )
    if len(name) > 255:
        raise field_error(
            "office_name",
            _("The office name is longer than 255 characters."),
            DinasOfficerErrorCode.INVALID,
        )
    return name


def _region(
    regency_code: str | None, province_code: str | None
) -> tuple[Regency | None, Province | None]:
    regency_code = (regency_code or "").strip()
    province_code = (province_code or "").strip()
    if regency_code and province_code:
        raise field_error(
            "regency",
            _("Assign either a regency or city, or a province, not both."),
            DinasOfficerErrorCode.INVALID,
        )
    if regency_code:
        regency = Regency.objects.filter(code=regency_code).first()
        if regency is None:
            raise field_error(
                "regency",
                _("No regency or city has this Kemendagri code (e.g. 33.19)."),
                DinasOfficerErrorCode.NOT_FOUND,
            )
        return regency, None
    if province_code:
        province = Province.objects.filter(code=province_code).first()
        if province is None:
            raise field_error(
                "province",
                _("No province has this Kemendagri code (e.g. 33)."),
                DinasOfficerErrorCode.NOT_FOUND,
            )
        return None, province
    raise field_error(
        "regency",
        _("Choose the regency or city, or the province, the officer supervises."),
        DinasOfficerErrorCode.REQUIRED,
    )


@transaction.atomic
def dinas_officer_assign(
    *,
    user: User,
    office_name: str,
    regency_code: str | None = None,
    province_code: str | None = None,
    actor: User | None = None,
) -> DinasOfficerAssignment:
    """Let ``user`` supervise the cooperatives of one regency/city or one province, for a
    Dinas office. Assigning a region the user already has (active or not) activates it
    again and renames the office: idempotent.

    DinasOfficerErrorCode: REQUIRED / INVALID / NOT_FOUND on ``regency``, ``province``
    and ``office_name``; INACTIVE_USER on ``user``. Nothing changes on an error.
    """
    if not user.is_active:
        raise field_error(
            "user",
            _("This user is deactivated and cannot supervise cooperatives."),
            DinasOfficerErrorCode.INACTIVE_USER,
        )
    regency, province = _region(regency_code, province_code)
    name = _office_name(office_name)
    assignment, created = DinasOfficerAssignment.objects.select_for_update().get_or_create(
        user=user,
        regency=regency,
        province=province,
        defaults={"office_name": name, "is_active": True},
    )
    if not created and (assignment.office_name != name or not assignment.is_active):
        assignment.office_name = name
        assignment.is_active = True
        assignment.save(update_fields=["office_name", "is_active", "updated_at"])
    permissions.forget_scope(user)
    logger.info(
        "dinas_officer_assigned",
        extra={
            "assignment_id": assignment.pk,
            "user_id": user.pk,
            "region": assignment.region_code,
            "actor_id": getattr(actor, "pk", None),
        },
    )
    return assignment


@transaction.atomic
def dinas_officer_unassign(
    *, assignment: DinasOfficerAssignment, actor: User | None = None
) -> DinasOfficerAssignment:
    """Stop an assignment (kept, inactive, as history); idempotent."""
    assignment = DinasOfficerAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.is_active:
        assignment.is_active = False
        assignment.save(update_fields=["is_active", "updated_at"])
    logger.info(
        "dinas_officer_unassigned",
        extra={"assignment_id": assignment.pk, "actor_id": getattr(actor, "pk", None)},
    )
    return assignment
