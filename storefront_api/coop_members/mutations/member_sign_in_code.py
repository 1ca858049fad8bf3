"""Signing in as a member with a one-time code sent by e-mail: ``memberSignInCodeSend``
e-mails it, ``memberCodeTokenCreate`` exchanges it for JWTs as ``memberTokenCreate``
does for a password."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.core.client_ip import client_ip
from marketplace.members import access
from storefront_api.coop_members.mutations.common import cooperative_by_id
from storefront_api.coop_members.mutations.member_token_create import MemberTokens
from storefront_api.coop_members.types import MemberError
from storefront_api.core.mutations import BaseMutation


class MemberSignInCodeSend(BaseMutation):
    class Arguments:
        cooperative = graphene.ID(required=True, description="ID of the cooperative.")
        number = graphene.Int(required=True, description="Member number.")

    class Meta:
        description = (
            "E-mails a one-time sign-in code to the member with this number, if their account "
            "has an e-mail address; answers the same when it has not. Limited per hour."
        )
        error_type_class = MemberError

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, cooperative: str, number: int
    ) -> MemberSignInCodeSend:
        access.member_sign_in_code_send(
            cooperative=cooperative_by_id(cooperative), number=number, ip=client_ip(info.context)
        )
        return cls()


class MemberCodeTokenCreate(MemberTokens):
    class Arguments:
        cooperative = graphene.ID(required=True, description="ID of the cooperative.")
        number = graphene.Int(required=True, description="Member number.")
        code = graphene.String(required=True, description="The code from the e-mail.")

    class Meta:
        description = (
            "Creates JWT tokens for a member from their cooperative, member number and the "
            "one-time code e-mailed to them (single use, short-lived; wrong codes are slowed "
            "as in tokenCreate)."
        )
        error_type_class = MemberError

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, cooperative: str, number: int,
        code: str,
    ) -> MemberCodeTokenCreate:  # fmt: skip
        member = access.member_authenticate_by_code(
            cooperative=cooperative_by_id(cooperative),
            number=number,
            code=code,
            ip=client_ip(info.context),
        )
        return cls.signed_in(info, member)
