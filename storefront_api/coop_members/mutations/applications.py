"""Applying to join a cooperative (a signed-in villager) and the admins' decision."""

from __future__ import annotations

from typing import Any

import graphene
from django.conf import settings

from marketplace.members import services
from storefront_api.coop_members.mutations.common import (
    cooperative_by_id,
    managed_application,
    personal_data,
)
from storefront_api.coop_members.mutations.members import MemberPersonalInput, _plain
from storefront_api.coop_members.types import CooperativeMember, MemberApplication, MemberError
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access


class MemberApplicationSubmitInput(MemberPersonalInput):
    privacy_notice_accepted = graphene.Boolean(
        required=True,
        description="The applicant agrees to the cooperative's privacy notice (recorded with "
        "the time and the notice's version).",
    )


class MemberApplicationSubmit(BaseMutation):
    application = graphene.Field(MemberApplication, description="The application sent.")

    class Arguments:
        cooperative = graphene.ID(required=True, description="ID of the cooperative.")
        input = MemberApplicationSubmitInput(required=True, description="The applicant's data.")

    class Meta:
        description = "Applies to join a cooperative. Requires a signed-in user."
        error_type_class = MemberError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, cooperative: str, input: Any
    ) -> Any:
        data = _plain(input)
        application = services.application_submit(
            cooperative=cooperative_by_id(cooperative),
            applicant=access.require_signed_in(info),
            consent=bool(data.get("privacy_notice_accepted")),
            privacy_notice_version=settings.MEMBER_PRIVACY_NOTICE_VERSION,
            **personal_data(data),
        )
        return cls(application=application)


class MemberApplicationApprove(BaseMutation):
    application = graphene.Field(MemberApplication, description="The approved application.")
    member = graphene.Field(CooperativeMember, description="The new member.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the application.")

    class Meta:
        description = (
            "Approves an application: the applicant becomes a member with the next free "
            "number, linked to their account, and is told by e-mail. Requires the "
            "cooperative's admins."
        )
        error_type_class = MemberError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, /, *, id: str) -> Any:
        application = managed_application(info, id)
        actor = access.require_signed_in(info)
        member = services.application_approve(application=application, actor=actor)
        application.refresh_from_db()
        return cls(application=application, member=member)


class MemberApplicationReject(BaseMutation):
    application = graphene.Field(MemberApplication, description="The rejected application.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the application.")
        reason = graphene.String(required=True, description="Why; the applicant is told.")

    class Meta:
        description = "Rejects an application with a reason. Requires the cooperative's admins."
        error_type_class = MemberError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, reason: str
    ) -> Any:
        application = managed_application(info, id)
        rejected = services.application_reject(
            application=application, actor=access.require_signed_in(info), reason=reason
        )
        return cls(application=rejected)
