from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.consultation import services
from storefront_api.coop_consultation.access import thread_to_read
from storefront_api.coop_consultation.types import ConsultationError, ConsultationThread
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class ConsultationClose(BaseMutation):
    thread = graphene.Field(ConsultationThread, description="The closed consultation.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the consultation.")

    class Meta:
        description = (
            "Closes a consultation; it stays on the record. Requires an admin of the "
            "cooperative, a Dinas officer supervising it or platform staff."
        )
        error_type_class = ConsultationError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str
    ) -> ConsultationClose:
        thread = thread_to_read(info, id)
        return cls(thread=services.consultation_close(thread=thread, actor=info.context.user))
