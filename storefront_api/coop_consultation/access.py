"""Who may read and write consultation threads: ``coop_reporting.consultation.selectors``
(which asks ``marketplace.permissions`` and the supervision scope). A thread, or a
cooperative, the viewer may not read is a top-level ``PermissionDenied``."""

from __future__ import annotations

from typing import Any

from coop_reporting.consultation import selectors
from coop_reporting.consultation.error_codes import ConsultationErrorCode
from coop_reporting.consultation.models import ConsultationSide, ConsultationThread
from marketplace.village_hubs.models import Cooperative
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import get_by_global_id


def thread_to_read(info: Any, thread_id: str, *, field: str = "id") -> ConsultationThread:
    """The thread (``NOT_FOUND`` when there is none); ``PermissionDenied`` unless the
    viewer may read it."""
    access.require_signed_in(info)
    thread = get_by_global_id(
        ConsultationThread.objects.select_related("cooperative"),
        thread_id,
        type_name="ConsultationThread",
        field=field,
        error_code=ConsultationErrorCode.NOT_FOUND,
    )
    access.require(selectors.can_read_threads_of(info.context.user, thread.cooperative))
    return thread


def side_in(info: Any, cooperative: Cooperative) -> ConsultationSide:
    """The side the viewer writes for; ``PermissionDenied`` when neither."""
    side = selectors.writing_side(info.context.user, cooperative)
    if side is None:
        raise PermissionDenied()
    return side


def cooperative_to_ask_for(info: Any, cooperative_id: str) -> Cooperative:
    """A cooperative the viewer administers (only its admins ask); else
    ``PermissionDenied``."""
    access.require_signed_in(info)
    cooperative = get_by_global_id(
        Cooperative.objects.all(),
        cooperative_id,
        type_name="Cooperative",
        field="cooperative",
        error_code=ConsultationErrorCode.NOT_FOUND,
    )
    access.require(side_in(info, cooperative) == ConsultationSide.COOPERATIVE)
    return cooperative
