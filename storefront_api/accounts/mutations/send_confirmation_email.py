"""``sendConfirmationEmail``: a signed-in customer whose e-mail address is not confirmed
yet asks for the confirmation e-mail again (Saleor's, with its lock time)."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.accounts import services
from marketplace.accounts.error_codes import SendConfirmationEmailErrorCode as Codes
from marketplace.channels.models import Channel
from marketplace.core.exceptions import field_error
from storefront_api.accounts.enums import SendConfirmationEmailErrorCode
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.core.types import Error


class SendConfirmationEmailError(Error):
    code = SendConfirmationEmailErrorCode(required=True, description="The error code.")


class SendConfirmationEmail(BaseMutation):
    class Arguments:
        redirect_url = graphene.String(
            required=True,
            description="Base of frontend URL that will be needed to create confirmation URL.",
        )
        channel = graphene.String(
            required=True, description="Slug of a channel which will be used for notify user."
        )

    class Meta:
        description = (
            "Sends a notification confirmation: the account confirmation e-mail, again (at "
            "most once per CONFIRMATION_EMAIL_LOCK_TIME)."
        )
        error_type_class = SendConfirmationEmailError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, redirect_url: str, channel: str
    ) -> SendConfirmationEmail:
        channel_obj = Channel.objects.filter(slug=channel).only("is_active").first()
        if channel_obj is None or not channel_obj.is_active:
            raise field_error(
                "channel",
                _("Channel with '%(slug)s' slug does not exist or is inactive.")
                % {"slug": channel},
                Codes.INVALID,
            )
        services.user_confirmation_resend(user=info.context.user, redirect_url=redirect_url)
        return cls()
