from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.consultation import services
from marketplace.catalog.images import image_clean
from storefront_api.coop_consultation.access import side_in, thread_to_read
from storefront_api.coop_consultation.mutations.common import uploads
from storefront_api.coop_consultation.types import (
    ConsultationError,
    ConsultationMessage,
    ConsultationThread,
)
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.core.scalars import Upload


class ConsultationReplyInput(graphene.InputObjectType):
    thread = graphene.ID(required=True, description="ID of the consultation.")
    text = graphene.String(required=True, description="The reply.")
    attachments = graphene.List(
        graphene.NonNull(Upload), description="Files in a multipart request."
    )


class ConsultationReply(BaseMutation):
    thread = graphene.Field(ConsultationThread, description="The consultation.")
    message = graphene.Field(ConsultationMessage, description="The new message.")

    class Arguments:
        input = ConsultationReplyInput(required=True, description="Thread, text and files.")

    class Meta:
        description = (
            "Replies in a consultation; the other side is e-mailed. A Dinas reply marks it "
            "answered, a cooperative's reply open again; a closed consultation opens again. "
            "Requires an admin of the cooperative or a Dinas officer supervising it."
        )
        error_type_class = ConsultationError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any
    ) -> ConsultationReply:
        thread = thread_to_read(info, input["thread"], field="thread")
        side = side_in(info, thread.cooperative)
        message = services.consultation_reply(
            thread=thread,
            side=side,
            actor=info.context.user,
            text=input.get("text") or "",
            files=uploads(input.get("attachments")),
            image_clean=image_clean,
        )
        return cls(thread=thread, message=message)
