"""Root fields of consultations between cooperatives and the Dinas (Lumbung-only).

A cooperative's admins see its threads, the Dinas officers supervising it see them too,
platform staff see all; anyone else sees none (a list) or gets ``PermissionDenied`` (one
thread, a mutation).
"""

from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.consultation import selectors
from storefront_api.coop_consultation.access import thread_to_read
from storefront_api.coop_consultation.enums import ConsultationStatusEnum
from storefront_api.coop_consultation.mutations.consultation_ask import ConsultationAsk
from storefront_api.coop_consultation.mutations.consultation_close import ConsultationClose
from storefront_api.coop_consultation.mutations.consultation_reply import ConsultationReply
from storefront_api.coop_consultation.types import (
    ConsultationDesk,
    ConsultationThread,
    ConsultationThreadCountableConnection,
)
from storefront_api.coop_supervision.access import viewer_scope
from storefront_api.core.connection import connection_args, resolve_connection
from storefront_api.core.ids import decode_int_pk
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import enum_value


class CoopConsultationQueries(graphene.ObjectType):
    consultation_threads = graphene.Field(
        ConsultationThreadCountableConnection,
        cooperative=graphene.ID(description="Only this cooperative's consultations."),
        status=ConsultationStatusEnum(description="Only consultations in this status."),
        description="Consultations the requestor may read (their cooperatives' as admin, "
        "those of the cooperatives they supervise as Dinas officer; all for platform "
        "staff), the latest activity first.",
        **connection_args(),
    )
    consultation_thread = graphene.Field(
        ConsultationThread,
        id=graphene.ID(required=True, description="ID of the consultation."),
        description="Look up a consultation with its messages.",
    )
    consultation_desk = graphene.Field(
        ConsultationDesk,
        required=True,
        description="Open questions per cooperative and the median time to a first answer "
        "over the regions the requestor supervises. Requires a Dinas officer assignment or "
        "platform staff.",
    )

    @staticmethod
    def resolve_consultation_desk(root: Any, info: graphene.ResolveInfo) -> ConsultationDesk:
        access.require_signed_in(info)
        scope = viewer_scope(info)
        access.require(not scope.is_empty)
        median = selectors.median_time_to_first_answer(scope)
        return ConsultationDesk(
            open_questions=selectors.open_questions_by_cooperative(scope),
            median_seconds_to_first_answer=(
                None if median is None else round(median.total_seconds())
            ),
        )

    @staticmethod
    def resolve_consultation_threads(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        user = access.require_signed_in(info)
        queryset = selectors.threads_visible_to(user)
        if args.get("cooperative"):
            pk = decode_int_pk(args["cooperative"], only_type="Cooperative", field="cooperative")
            queryset = queryset.filter(cooperative_id=pk)
        if args.get("status"):
            queryset = queryset.filter(status=enum_value(args["status"]))
        return resolve_connection(
            queryset,
            info,
            args,
            ConsultationThreadCountableConnection,
            order_by=["-last_message_at", "-pk"],
        )

    @staticmethod
    def resolve_consultation_thread(root: Any, info: graphene.ResolveInfo, *, id: str) -> Any:
        return thread_to_read(info, id)


class CoopConsultationMutations(graphene.ObjectType):
    consultation_ask = ConsultationAsk.Field()
    consultation_reply = ConsultationReply.Field()
    consultation_close = ConsultationClose.Field()
