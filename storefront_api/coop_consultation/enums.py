"""Enums of consultations between cooperatives and the Dinas."""

from __future__ import annotations

import graphene

from coop_reporting.consultation import models as _consultation_models
from coop_reporting.consultation.error_codes import (
    ConsultationErrorCode as _ConsultationErrorCode,
)
from storefront_api.core.enums import to_graphene_enum

ConsultationErrorCode = to_graphene_enum(
    _ConsultationErrorCode, description="Error codes of consultations."
)
ConsultationTopicEnum = graphene.Enum(
    "ConsultationTopicEnum",
    [(member.name, member.value) for member in _consultation_models.ConsultationTopic],
    description="What a question to the Dinas is about.",
)
ConsultationStatusEnum = graphene.Enum(
    "ConsultationStatusEnum",
    [(member.name, member.value) for member in _consultation_models.ConsultationStatus],
    description="Open (waiting for the Dinas), answered (the Dinas wrote last) or closed.",
)
ConsultationSideEnum = graphene.Enum(
    "ConsultationSideEnum",
    [(member.name, member.value) for member in _consultation_models.ConsultationSide],
    description="Who wrote a message: the cooperative or the Dinas.",
)
