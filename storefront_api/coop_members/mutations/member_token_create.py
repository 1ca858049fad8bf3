"""Signing in as a member (cooperative + member number + password), answered as
Saleor's ``tokenCreate`` is: an access token, a refresh token and a CSRF token for the
member's account, so every other query works with ``Authorization: Bearer``."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.core.client_ip import client_ip
from marketplace.members import services
from marketplace.members.models import Member
from storefront_api.accounts.mutations.token_create import sign_in
from storefront_api.coop_members.mutations.common import cooperative_by_id
from storefront_api.coop_members.types import CooperativeMember, MemberError
from storefront_api.core.mutations import BaseMutation


class MemberTokens(BaseMutation):
    """What a member's sign-in answers (password or one-time code): Saleor's three tokens
    for the member's account and the member."""

    class Meta:
        abstract = True

    token = graphene.String(description="JWT token, required to authenticate.")
    refresh_token = graphene.String(
        description="JWT refresh token, required to re-generate access token."
    )
    csrf_token = graphene.String(description="CSRF token required to re-generate access token.")
    member = graphene.Field(CooperativeMember, description="The member signed in.")

    @classmethod
    def signed_in(cls, info: graphene.ResolveInfo, member: Member) -> Any:
        tokens = sign_in(info, member.user)
        tokens.pop("user")
        return cls(member=member, **tokens)


class MemberTokenCreate(MemberTokens):
    class Arguments:
        cooperative = graphene.ID(required=True, description="ID of the cooperative.")
        number = graphene.Int(required=True, description="Member number.")
        password = graphene.String(required=True, description="Password of the member's account.")

    class Meta:
        description = (
            "Creates JWT tokens for a member from their cooperative, member number and the "
            "password of their account (slowed after failed attempts, as tokenCreate)."
        )
        error_type_class = MemberError

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, cooperative: str, number: int,
        password: str,
    ) -> MemberTokenCreate:  # fmt: skip
        member = services.member_authenticate(
            cooperative=cooperative_by_id(cooperative),
            number=number,
            password=password,
            ip=client_ip(info.context),
        )
        return cls.signed_in(info, member)
