from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.consultation import services
from marketplace.catalog.images import image_clean
from storefront_api.coop_consultation.access import cooperative_to_ask_for
from storefront_api.coop_consultation.enums import ConsultationTopicEnum
from storefront_api.coop_consultation.mutations.common import uploads
from storefront_api.coop_consultation.types import ConsultationError, ConsultationThread
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.core.scalars import Upload
from storefront_api.village_hubs.utils import enum_value


class ConsultationAskInput(graphene.InputObjectType):
    cooperative = graphene.ID(required=True, description="ID of the cooperative asking.")
    topic = ConsultationTopicEnum(required=True, description="What the question is about.")
    text = graphene.String(required=True, description="The question.")
    attachments = graphene.List(
        graphene.NonNull(Upload),
        description="Files (PDF, JPEG, PNG or WebP, checked as RAT attachments are) in a "
        "multipart request.",
    )


class ConsultationAsk(BaseMutation):
    thread = graphene.Field(ConsultationThread, description="The new consultation.")

    class Arguments:
        input = ConsultationAskInput(required=True, description="Topic, question and files.")

    class Meta:
        description = (
            "Asks the Dinas officers supervising the cooperative a question; they are "
            "e-mailed. Requires an admin (pengurus) of the cooperative."
        )
        error_type_class = ConsultationError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any
    ) -> ConsultationAsk:
        cooperative = cooperative_to_ask_for(info, input["cooperative"])
        thread = services.consultation_ask(
            cooperative=cooperative,
            actor=info.context.user,
            topic=enum_value(input["topic"]),
            text=input.get("text") or "",
            files=uploads(input.get("attachments")),
            image_clean=image_clean,
        )
        return cls(thread=thread)
