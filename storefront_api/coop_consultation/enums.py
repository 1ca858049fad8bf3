"""Enums of consultations between cooperatives and the Dinas."""

from __future__ import annotations

from coop_reporting.consultation import models as _consultation_models
from coop_reporting.consultation.error_codes import (
    ConsultationErrorCode as _ConsultationErrorCode,
)
from storefront_api.core.enums import to_graphene_enum

ConsultationErrorCode = to_graphene_enum(
    _ConsultationErrorCode, description="Error codes of consultations."
)
ConsultationTopicEnum = to_graphene_enum(
    _consultation_models.ConsultationTopic,
    name="ConsultationTopicEnum",
    description="What a question to the Dinas is about.",
)
ConsultationStatusEnum = to_graphene_enum(
    _consultation_models.ConsultationStatus,
    name="ConsultationStatusEnum",
    description="Open (waiting for the Dinas), answered (the Dinas wrote last) or closed.",
)
ConsultationSideEnum = to_graphene_enum(
    _consultation_models.ConsultationSide,
    name="ConsultationSideEnum",
    description="Who wrote a message: the cooperative or the Dinas.",
)
