"""Types of consultation threads (Lumbung-only). The root fields and mutations check who
reads a thread before handing it out, so fields here need no further checks."""

from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.consultation import selectors
from coop_reporting.consultation.models import ConsultationAttachment as AttachmentModel
from coop_reporting.consultation.models import ConsultationMessage as MessageModel
from coop_reporting.consultation.models import ConsultationThread as ThreadModel
from storefront_api.catalog.types.common import absolute_url
from storefront_api.coop_consultation.enums import (
    ConsultationErrorCode,
    ConsultationSideEnum,
    ConsultationStatusEnum,
    ConsultationTopicEnum,
)
from storefront_api.core.connection import CountableConnection
from storefront_api.core.types import Error
from storefront_api.village_hubs.dataloaders import CooperativeByIdLoader
from storefront_api.village_hubs.types import Cooperative


class ConsultationError(Error):
    code = ConsultationErrorCode(required=True, description="The error code.")

    class Meta:
        description = "An error of a consultation mutation."


class ConsultationAttachment(graphene.ObjectType):
    url = graphene.String(required=True, description="Absolute URL of the file.")
    file_name = graphene.String(description="Name of the uploaded file.")
    content_type = graphene.String(required=True, description="MIME type.")
    size = graphene.Int(required=True, description="Size in bytes.")
    page_count = graphene.Int(description="Pages of a PDF.")

    class Meta:
        description = "A PDF or image attached to a consultation message."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, AttachmentModel)

    @staticmethod
    def resolve_url(root: AttachmentModel, info: graphene.ResolveInfo) -> str:
        return absolute_url(root.file.url)

    @staticmethod
    def resolve_file_name(root: AttachmentModel, info: graphene.ResolveInfo) -> str | None:
        return root.file_name or None


class ConsultationMessage(graphene.ObjectType):
    side = ConsultationSideEnum(required=True, description="Who wrote: cooperative or Dinas.")
    author_name = graphene.String(description="The writer's name (or e-mail address).")
    text = graphene.String(required=True, description="The message.")
    created_at = graphene.DateTime(required=True, description="When it was written.")
    attachments = graphene.List(
        graphene.NonNull(ConsultationAttachment), required=True, description="Attached files."
    )

    class Meta:
        description = "A question or reply in a consultation."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, MessageModel)

    @staticmethod
    def resolve_side(root: MessageModel, info: graphene.ResolveInfo) -> str:
        return str(root.side)

    @staticmethod
    def resolve_author_name(root: MessageModel, info: graphene.ResolveInfo) -> str | None:
        author = root.author
        if author is None:
            return None
        return author.get_full_name() or author.email

    @staticmethod
    def resolve_attachments(root: MessageModel, info: graphene.ResolveInfo) -> Any:
        return root.attachments.all()


class ConsultationThread(graphene.ObjectType):
    cooperative = graphene.Field(Cooperative, required=True, description="Who asked.")
    topic = ConsultationTopicEnum(required=True, description="What the question is about.")
    status = ConsultationStatusEnum(required=True, description="Open, answered or closed.")
    question = graphene.String(required=True, description="The question's text.")
    asked_at = graphene.DateTime(required=True, description="When the question was asked.")
    first_answered_at = graphene.DateTime(description="When the Dinas first answered.")
    last_message_at = graphene.DateTime(required=True, description="The latest message.")
    closed_at = graphene.DateTime(description="When it was closed (null while not closed).")
    can_reply = graphene.Boolean(
        required=True, description="Whether the viewer writes for one of the two sides."
    )
    messages = graphene.List(
        graphene.NonNull(ConsultationMessage),
        required=True,
        description="The question and every reply, oldest first.",
    )

    class Meta:
        description = (
            "A question from a cooperative's admins to the Dinas officers supervising it, "
            "with the replies. Visible to those two sides and platform staff only."
        )
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ThreadModel)

    @staticmethod
    def resolve_topic(root: ThreadModel, info: graphene.ResolveInfo) -> str:
        return str(root.topic)

    @staticmethod
    def resolve_status(root: ThreadModel, info: graphene.ResolveInfo) -> str:
        return str(root.status)

    @staticmethod
    def resolve_question(root: ThreadModel, info: graphene.ResolveInfo) -> str:
        first = root.messages.order_by("created_at", "pk").first()
        return first.text if first else ""

    @staticmethod
    def resolve_can_reply(root: ThreadModel, info: graphene.ResolveInfo) -> bool:
        return selectors.writing_side(info.context.user, root.cooperative) is not None

    @staticmethod
    def resolve_messages(root: ThreadModel, info: graphene.ResolveInfo) -> Any:
        return list(selectors.thread_messages(root))


class ConsultationThreadCountableConnection(CountableConnection):
    class Meta:
        node = ConsultationThread


class CooperativeOpenQuestions(graphene.ObjectType):
    cooperative = graphene.Field(Cooperative, required=True, description="The cooperative.")
    count = graphene.Int(required=True, description="Its consultations waiting for the Dinas.")

    class Meta:
        description = "A cooperative with questions waiting for the Dinas (Lumbung-only)."

    @staticmethod
    def resolve_cooperative(root: dict[str, Any], info: graphene.ResolveInfo) -> Any:
        return CooperativeByIdLoader(info.context).load(root["cooperative_id"])

    @staticmethod
    def resolve_count(root: dict[str, Any], info: graphene.ResolveInfo) -> int:
        return root["open"]


class ConsultationDesk(graphene.ObjectType):
    open_questions = graphene.List(
        graphene.NonNull(CooperativeOpenQuestions),
        required=True,
        description="Cooperatives with open consultations, most first.",
    )
    median_seconds_to_first_answer = graphene.Int(
        description="Median time from a question to the Dinas' first answer, in seconds, "
        "over the answered consultations; null when none was answered yet."
    )

    class Meta:
        description = "The consultation desk of the regions the viewer supervises (Lumbung-only)."
