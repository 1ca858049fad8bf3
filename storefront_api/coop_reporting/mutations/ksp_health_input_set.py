from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.rat import services
from storefront_api.coop_reporting.access import cooperative_to_write
from storefront_api.coop_reporting.inputs import KspHealthFigureInput
from storefront_api.coop_reporting.mutations.common import whole_rupiah
from storefront_api.coop_reporting.types import HealthAssessment, RatError
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class KspHealthInputSet(BaseMutation):
    health_assessment = graphene.Field(
        HealthAssessment, description="The assessment recomputed from the inputs."
    )

    class Arguments:
        cooperative = graphene.ID(required=True, description="ID of the cooperative.")
        financial_year = graphene.Int(required=True, description="Financial year.")
        figures = graphene.List(
            graphene.NonNull(KspHealthFigureInput),
            required=True,
            description="Figures to set (merged into those already given).",
        )

    class Meta:
        description = (
            "Sets figures of a savings-and-loan unit's health assessment and recomputes it. "
            "Requires an admin (pengurus) of the cooperative or platform staff."
        )
        error_type_class = RatError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        cooperative: str,
        financial_year: int,
        figures: list[Any],
    ) -> KspHealthInputSet:
        coop = cooperative_to_write(info, cooperative)
        _input, assessment = services.ksp_health_input_set(
            cooperative=coop,
            financial_year=financial_year,
            figures={
                figure["name"]: whole_rupiah("figures", figure.get("value")) for figure in figures
            },
            actor=info.context.user,
        )
        return cls(health_assessment=assessment)
