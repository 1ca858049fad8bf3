"""Notification mutations Saleor clients may send (Lumbung has no notification plugins)."""

from __future__ import annotations

import graphene

from storefront_api.notifications.mutations.external_notification_trigger import (
    ExternalNotificationTrigger,
)


class NotificationMutations(graphene.ObjectType):
    external_notification_trigger = ExternalNotificationTrigger.Field(
        deprecation_reason="No longer supported."
    )
