"""``externalNotificationTrigger`` (deprecated in Saleor): hand users or orders to a
notification plugin under an event type of the caller's. Lumbung has no notification
plugins (its e-mails are its own), so, after Saleor's checks — the channel, the ids
(users or orders, all of one type), the event type and the staff permission over those
objects (platform staff) — nothing is sent, as Saleor sends nothing when no plugin
listens; nothing changes."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _
from graphql_relay import from_global_id

from marketplace.core.exceptions import field_error
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters, check_permissions
from storefront_api.core.types import Error
from storefront_api.payments.stored_methods import channel_for_payment

ExternalNotificationErrorCodes = graphene.Enum(
    "ExternalNotificationErrorCodes",
    [
        ("REQUIRED", "required"),
        ("INVALID_MODEL_TYPE", "invalid_model_type"),
        ("NOT_FOUND", "not_found"),
        ("CHANNEL_INACTIVE", "channel_inactive"),
    ],
    description="Why an external notification could not be triggered.",
)
_MODEL_TYPES = ("User", "Order")


class ExternalNotificationError(Error):
    code = ExternalNotificationErrorCodes(required=True, description="The error code.")


class ExternalNotificationTriggerInput(graphene.InputObjectType):
    ids = graphene.List(
        graphene.NonNull(graphene.ID),
        required=True,
        description="The list of customers or orders node IDs that will be serialized and "
        "included in the notification payload.",
    )
    extra_payload = graphene.JSONString(
        description="Additional payload that will be merged with the one based on the "
        "business object ID."
    )
    external_event_type = graphene.String(
        required=True,
        description="External event type. This field is passed to a plugin as an event type.",
    )


class ExternalNotificationTrigger(BaseMutation):
    class Arguments:
        input = ExternalNotificationTriggerInput(
            required=True, description="Input for External Notification Trigger."
        )
        channel = graphene.String(
            required=True,
            description="Channel slug. Saleor will send a notification within a provided "
            "channel. Please, make sure that necessary plugins are active.",
        )
        plugin_id = graphene.String(description="The ID of notification plugin.")

    class Meta:
        description = (
            "Trigger sending a notification with the notify plugin method (Lumbung has no "
            "notification plugins: nothing is sent)."
        )
        error_type_class = ExternalNotificationError

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict[str, Any], channel: str,
        plugin_id: str | None = None,
    ) -> ExternalNotificationTrigger:  # fmt: skip
        if not channel:
            raise field_error("channel", _("The obligatory param 'channel' is empty."), "required")
        channel_for_payment(channel, ExternalNotificationErrorCodes)
        ids = input.get("ids") or []
        if not ids:
            raise field_error("ids", _("The obligatory param 'ids' is empty."), "required")
        types = set()
        for value in ids:
            try:
                types.add(from_global_id(value)[0])
            except (TypeError, ValueError, UnicodeDecodeError):
                types.add("")
        if not (input.get("external_event_type") or "").strip():
            raise field_error(
                "externalEventType",
                _("The obligatory param 'externalEventType' is empty."),
                "required",
            )
        if len(types) != 1 or next(iter(types)) not in _MODEL_TYPES:
            raise field_error(
                "externalNotificationTrigger",
                _(
                    "Wrong type of object. ExternalNotificationTrigger is suitable for User,Order "
                    "object types."
                ),  # fmt: skip
                "invalid_model_type",
            )
        check_permissions(info.context.user, (AuthorizationFilters.AUTHENTICATED_STAFF_USER,))
        return cls()
