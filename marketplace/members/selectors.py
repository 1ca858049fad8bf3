"""Reads of the member registry. Who may call them is ``marketplace.permissions``'."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict
from urllib.parse import quote

from django.db.models import Count, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from marketplace.members import crypto
from marketplace.members.models import (
    ApplicationStatus,
    Member,
    MemberApplication,
    MemberStatus,
    SavingsKind,
    Sex,
)
from marketplace.members.nik import normalize_nik
from marketplace.village_hubs.models import Cooperative

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class SavingsBalances(TypedDict):
    """A member's savings balances in whole rupiah, as ``members_of`` annotates them."""

    pokok: int
    wajib: int
    sukarela: int


def _balance(kind: str) -> Coalesce:
    return Coalesce(
        Sum("savings_movements__amount", filter=Q(savings_movements__kind=kind)),
        Value(0),
        output_field=IntegerField(),
    )


def members_of(
    cooperative: Cooperative, search: str = ""
) -> QuerySet[WithAnnotations[Member, SavingsBalances]]:
    """The cooperative's members by number, with ``pokok``, ``wajib`` and ``sukarela``
    balances; ``search`` matches a number, part of a name or a whole NIK (by its hash)."""
    members = Member.objects.filter(cooperative=cooperative).select_related("village")
    search = search.strip()
    if search:
        condition = Q(name__icontains=search)
        if search.isdigit():
            condition |= Q(number=int(search)) if len(search) < 10 else Q()
        nik = normalize_nik(search)
        if len(nik) == 16 and nik.isdigit():
            condition |= Q(nik_digest=crypto.lookup_digest(nik))
        members = members.filter(condition)
    return members.annotate(
        pokok=_balance(SavingsKind.POKOK),
        wajib=_balance(SavingsKind.WAJIB),
        sukarela=_balance(SavingsKind.SUKARELA),
    ).order_by("number")


@dataclass(frozen=True)
class MemberCounts:
    """What a Dinas officer may know of a cooperative's members: counts only."""

    total: int
    active: int
    active_male: int
    active_female: int
    left: int
    deceased: int


def member_counts(cooperative: Cooperative) -> MemberCounts:
    active = Q(status=MemberStatus.AKTIF)
    row = Member.objects.filter(cooperative=cooperative).aggregate(
        total=Count("pk"),
        active=Count("pk", filter=active),
        active_male=Count("pk", filter=active & Q(sex=Sex.L)),
        active_female=Count("pk", filter=active & Q(sex=Sex.P)),
        left=Count("pk", filter=Q(status=MemberStatus.KELUAR)),
        deceased=Count("pk", filter=Q(status=MemberStatus.MENINGGAL)),
    )
    return MemberCounts(**row)


def pending_applications(cooperative: Cooperative) -> QuerySet[MemberApplication]:
    return MemberApplication.objects.filter(
        cooperative=cooperative, status=ApplicationStatus.PENDING
    ).select_related("village", "applicant")


def applications_of(cooperative: Cooperative) -> QuerySet[MemberApplication]:
    return MemberApplication.objects.filter(cooperative=cooperative).select_related(
        "village", "member"
    )


def decision_whatsapp_link(application: MemberApplication) -> str | None:
    """A wa.me link telling the applicant the decision, for the admin to send; None
    without a phone number."""
    if not application.phone:
        return None
    if application.status == ApplicationStatus.APPROVED and application.member:
        text = _(
            "Hello %(name)s, your application to %(cooperative)s is approved. "
            "Your member number is %(number)s."
        ) % {
            "name": application.name,
            "cooperative": application.cooperative.name,
            "number": application.member.number,
        }
    elif application.status == ApplicationStatus.REJECTED:
        text = _(
            "Hello %(name)s, your application to %(cooperative)s was not approved: %(reason)s"
        ) % {
            "name": application.name,
            "cooperative": application.cooperative.name,
            "reason": application.rejection_reason,
        }
    else:
        return None
    return f"https://wa.me/{application.phone.lstrip('+')}?text={quote(text)}"


def memberships_of(user: Any) -> QuerySet[Member]:
    """The signed-in user's own member records (one per cooperative), with balances."""
    if user is None or not user.is_authenticated:
        return Member.objects.none()
    return (
        Member.objects.filter(user=user)
        .select_related("village", "cooperative")
        .annotate(
            pokok=_balance(SavingsKind.POKOK),
            wajib=_balance(SavingsKind.WAJIB),
            sukarela=_balance(SavingsKind.SUKARELA),
        )
        .order_by("cooperative__name", "number")
    )


def membership_of(user: Any, cooperative_id: int) -> Member | None:
    """The signed-in user's own member record in this cooperative, with balances; None
    for anyone else (the member pages answer 404)."""
    return memberships_of(user).filter(cooperative_id=cooperative_id).first()
