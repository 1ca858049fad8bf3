"""Reads of the consultation desk, and who may read and write a cooperative's threads.

A cooperative's threads are visible to its admins (pengurus), to the Dinas officers whose
regency or province the cooperative is registered in (``supervision_scope``) and to
platform staff. Admins write for the cooperative, officers for the Dinas; platform staff
read and may close a thread but write for neither side. Everything else about who is who
is decided by ``marketplace.permissions`` and ``coop_reporting.supervision``.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Aggregate, Count, DurationField, F, OuterRef, Q, QuerySet, Subquery

from coop_reporting.consultation.models import (
    ConsultationMessage,
    ConsultationSide,
    ConsultationStatus,
    ConsultationThread,
)
from coop_reporting.supervision.models import DinasOfficerAssignment
from coop_reporting.supervision.selectors import SupervisionScope, supervision_scope
from marketplace import permissions
from marketplace.accounts.models import User
from marketplace.village_hubs.models import Cooperative, CooperativeStaff, StaffRole

Viewer = User | AnonymousUser | None


def _scope(user: Viewer) -> SupervisionScope:
    if not permissions.is_signed_in(user):
        return SupervisionScope()
    return permissions.cached_for_user(user, "supervision", lambda: supervision_scope(user))


def writing_side(user: Viewer, cooperative: Cooperative) -> ConsultationSide | None:
    """The side ``user`` writes for in ``cooperative``'s threads: its admins for the
    cooperative, the officers supervising it for the Dinas; ``None`` for anyone else
    (platform staff included, who are neither)."""
    if not permissions.is_signed_in(user):
        return None
    scope = permissions.scope_of(user)
    if cooperative.pk in scope.administered_cooperative_ids:
        return ConsultationSide.COOPERATIVE
    officer = _scope(user)
    if not officer.everything and officer.covers(cooperative.village_id):
        return ConsultationSide.DINAS
    return None


def can_read_threads_of(user: Viewer, cooperative: Cooperative) -> bool:
    """Whether ``user`` sees ``cooperative``'s threads (see the module's doc)."""
    return permissions.is_platform_staff(user) or writing_side(user, cooperative) is not None


def can_close(user: Viewer, thread: ConsultationThread) -> bool:
    """Either side, and platform staff, may close a thread."""
    return can_read_threads_of(user, thread.cooperative)


def threads_visible_to(user: Viewer) -> QuerySet[ConsultationThread]:
    """Every thread ``user`` may read: their cooperatives' (as admin) and those of the
    cooperatives they supervise; all for platform staff; none for anyone else."""
    threads = ConsultationThread.objects.select_related("cooperative")
    if permissions.is_platform_staff(user):
        return threads.all()
    if not permissions.is_signed_in(user):
        return threads.none()
    administered = permissions.scope_of(user).administered_cooperative_ids
    condition = Q(cooperative_id__in=sorted(administered))
    officer = _scope(user)
    if not officer.is_empty:
        condition |= Q(cooperative__in=Cooperative.objects.filter(officer.cooperatives_q()))
    return threads.filter(condition)


def thread_for(user: Viewer, thread_id: int) -> ConsultationThread | None:
    """The thread if ``user`` may read it; ``None`` whether it exists or not."""
    return threads_visible_to(user).filter(pk=thread_id).first()


def cooperative_threads(cooperative: Cooperative) -> QuerySet[ConsultationThread]:
    """A cooperative's threads, the latest activity first, each with its ``question``
    (the first message's text) and number of ``message_count`` (callers check who reads)."""
    first = ConsultationMessage.objects.filter(thread=OuterRef("pk")).order_by("created_at", "pk")
    return (
        ConsultationThread.objects.filter(cooperative=cooperative)
        .select_related("cooperative")
        .annotate(question=Subquery(first.values("text")[:1]), message_count=Count("messages"))
    )


def thread_messages(thread: ConsultationThread) -> QuerySet[ConsultationMessage]:
    """The thread's messages, oldest first, with authors and attachments."""
    return (
        ConsultationMessage.objects.filter(thread=thread)
        .select_related("author")
        .prefetch_related("attachments")
    )


def officers_covering(cooperative: Cooperative) -> QuerySet[User]:
    """The active Dinas officers whose regency or province the cooperative lies in."""
    code = cooperative.village_id
    assignments = DinasOfficerAssignment.objects.filter(is_active=True).filter(
        Q(regency_id=code[:5]) | Q(province_id=code[:2])
    )
    return User.objects.filter(is_active=True, pk__in=assignments.values("user_id")).order_by("pk")


def cooperative_admins(cooperative: Cooperative) -> QuerySet[User]:
    """The cooperative's active admins (pengurus)."""
    admins = CooperativeStaff.objects.filter(cooperative=cooperative, role=StaffRole.ADMIN)
    return User.objects.filter(is_active=True, pk__in=admins.values("user_id")).order_by("pk")


# --- the district desk's figures -------------------------------------------------------


class Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5)``: the median, interpolated between the two
    middle values when their number is even."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"


def _in_scope(scope: SupervisionScope) -> QuerySet[ConsultationThread]:
    if scope.is_empty:
        return ConsultationThread.objects.none()
    if scope.everything:
        return ConsultationThread.objects.all()
    return ConsultationThread.objects.filter(
        cooperative__in=Cooperative.objects.filter(scope.cooperatives_q())
    )


def open_questions_by_cooperative(scope: SupervisionScope) -> list[dict[str, object]]:
    """Cooperatives of the scope with questions waiting for the Dinas: their id, name and
    number of open threads, most first (one query)."""
    rows = (
        _in_scope(scope)
        .filter(status=ConsultationStatus.OPEN)
        .values("cooperative_id", name=F("cooperative__name"))
        .annotate(open=Count("pk"))
        .order_by("-open", "name")
    )
    return list(rows)


def median_time_to_first_answer(scope: SupervisionScope) -> datetime.timedelta | None:
    """The median time from question to the Dinas' first answer over the scope's answered
    threads, computed by PostgreSQL; ``None`` when no thread was answered yet."""
    result = (
        _in_scope(scope)
        .filter(first_answered_at__isnull=False)
        .aggregate(
            median=Median(F("first_answered_at") - F("asked_at"), output_field=DurationField())
        )
    )
    return result["median"]
