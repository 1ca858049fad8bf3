"""Reads of supervision: whom a Dinas officer supervises.

Scope: a regency officer supervises the cooperatives registered in their kabupaten/kota
(the cooperative's village code starts with the regency code), a province officer every
cooperative of the province, platform staff every cooperative, anyone else none. The
district view built on it (list, totals, trends) is ``coop_reporting.district``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from coop_reporting.supervision.models import DinasOfficerAssignment
from marketplace import permissions
from marketplace.accounts.models import User
from marketplace.members import selectors as member_selectors
from marketplace.village_hubs.models import Cooperative

# --- scope -------------------------------------------------------------------------------


_is_signed_in = permissions.is_signed_in
_is_platform_staff = permissions.is_platform_staff


@dataclass(frozen=True)
class SupervisionScope:
    """The regions a user supervises: everything (platform staff), some regency and
    province codes (Dinas officers), or nothing."""

    everything: bool = False
    regency_codes: frozenset[str] = field(default_factory=frozenset)
    province_codes: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.regency_codes or self.province_codes)

    def covers(self, region_code: str) -> bool:
        """Whether a region (a village, district or regency code) lies in the scope."""
        if self.everything:
            return True
        return region_code[:5] in self.regency_codes or region_code[:2] in self.province_codes

    def summaries_q(self) -> Q:
        """The condition on ``CooperativeReportingSummary`` rows in the scope."""
        if self.everything:
            return Q()
        return Q(regency_code__in=sorted(self.regency_codes)) | Q(
            province_code__in=sorted(self.province_codes)
        )

    def cooperatives_q(self) -> Q:
        """The condition on ``Cooperative`` rows in the scope (their village codes)."""
        if self.everything:
            return Q()
        condition = Q(pk__in=[])
        for code in sorted(self.regency_codes | self.province_codes):
            condition |= Q(village__code__startswith=f"{code}.")
        return condition


def supervision_scope(user: User | AnonymousUser) -> SupervisionScope:
    """The regions ``user`` supervises, read with one query (none for platform staff).
    Interfaces keep it for a request with ``marketplace.permissions.cached_for_user``."""
    if _is_platform_staff(user):
        return SupervisionScope(everything=True)
    if not _is_signed_in(user):
        return SupervisionScope()
    rows = DinasOfficerAssignment.objects.filter(user=user, is_active=True).values_list(
        "regency_id", "province_id"
    )
    regencies, provinces = set(), set()
    for regency, province in rows:
        if regency:
            regencies.add(regency)
        elif province:
            provinces.add(province)
    return SupervisionScope(regency_codes=frozenset(regencies), province_codes=frozenset(provinces))


def supervision_scope_cached(user: User | AnonymousUser | None) -> SupervisionScope:
    """:func:`supervision_scope`, read once per user object (so once per request for
    ``request.user`` and the API's viewer): the header's "Dinas" link and the district
    desk's own check share one query."""
    if user is None or not _is_signed_in(user):
        return SupervisionScope()
    return permissions.cached_for_user(user, "supervision", lambda: supervision_scope(user))


def cooperatives_supervised_by(user: User | AnonymousUser) -> QuerySet[Cooperative]:
    """Cooperatives whose reporting a user may read as supervisor: those registered in the
    regencies and provinces of their active Dinas officer assignments; every cooperative
    for platform staff; none for anyone else."""
    scope = supervision_scope(user)
    if scope.is_empty:
        return Cooperative.objects.none()
    return Cooperative.objects.filter(scope.cooperatives_q())


def user_supervises_cooperative(user: User | AnonymousUser, cooperative: Cooperative) -> bool:
    """Whether ``user`` supervises ``cooperative`` (see ``cooperatives_supervised_by``)."""
    return supervision_scope(user).covers(cooperative.village_id)


def dinas_assignments_visible_to(user: User | AnonymousUser) -> QuerySet[DinasOfficerAssignment]:
    """Every assignment for platform staff; a user's own otherwise (none when anonymous)."""
    if _is_platform_staff(user):
        return DinasOfficerAssignment.objects.all()
    if not _is_signed_in(user):
        return DinasOfficerAssignment.objects.none()
    return DinasOfficerAssignment.objects.filter(user=user)


def member_counts_for(
    user: User | AnonymousUser, cooperative: Cooperative
) -> member_selectors.MemberCounts | None:
    """A cooperative's member counts (never a member) for a Dinas officer supervising it,
    platform staff or the cooperative's own staff; None for anyone else."""
    if not (
        user_supervises_cooperative(user, cooperative)
        or permissions.can_see_members(user, cooperative.pk)
    ):
        return None
    return member_selectors.member_counts(cooperative)
