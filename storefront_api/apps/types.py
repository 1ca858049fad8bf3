"""Saleor's app types: ``App``, ``AppBrand``, ``AppBrandLogo``, ``AppExtension`` and
``AppError``.

Lumbung installs no apps (its gateway, e-mails and search are built in), so no ``App``
object ever exists: the types are served so that Saleor clients reading them (the
``UserOrApp`` union of ``TransactionItem.createdBy``, ``appTokenVerify``) keep working,
and every answer is the truthful one for a shop without apps.
"""

from __future__ import annotations

import graphene

from storefront_api.accounts.types import Permission
from storefront_api.core.enums import IconThumbnailFormatEnum, PermissionEnum
from storefront_api.core.metadata import NoStoredMetadata
from storefront_api.core.types import Error
from storefront_api.payments.scalars import JSON


def _codes(name: str, codes: str, description: str) -> type[graphene.Enum]:
    return graphene.Enum(
        name, [(code, code.lower()) for code in codes.split()], description=description
    )


AppErrorCode = _codes(
    "AppErrorCode",
    "INVALID_STATUS FORBIDDEN GRAPHQL_ERROR INVALID INVALID_PERMISSION INVALID_URL_FORMAT "
    "INVALID_MANIFEST_FORMAT INVALID_CUSTOM_HEADERS MANIFEST_URL_CANT_CONNECT NOT_FOUND "
    "REQUIRED UNIQUE OUT_OF_SCOPE_APP OUT_OF_SCOPE_PERMISSION UNSUPPORTED_SALEOR_VERSION "
    "DUPLICATED_EXTENSION_IDENTIFIER DUPLICATED_WEBHOOK_IDENTIFIER",
    "An app error code.",
)
AppTypeEnum = graphene.Enum(
    "AppTypeEnum",
    [("LOCAL", "local"), ("THIRDPARTY", "thirdparty")],
    description="Enum determining type of your App.",
)
CircuitBreakerStateEnum = graphene.Enum(
    "CircuitBreakerStateEnum",
    [("CLOSED", "closed"), ("HALF_OPEN", "half_open"), ("OPEN", "open")],
    description="State of a circuit breaker of an app's webhooks.",
)


class AppError(Error):
    code = AppErrorCode(required=True, description="The error code.")
    permissions = graphene.List(
        graphene.NonNull(PermissionEnum), description="List of permissions which causes the error."
    )

    class Meta:
        description = "An app's problem."


class AppBrandLogo(graphene.ObjectType):
    default = graphene.String(
        required=True,
        size=graphene.Int(description="Desired longest side the image in pixels."),
        format=IconThumbnailFormatEnum(
            default_value="original", description="The format of the image."
        ),
        description="URL to the default logo image.",
    )

    class Meta:
        description = "Represents the app's brand logo data."


class AppBrand(graphene.ObjectType):
    logo = graphene.Field(AppBrandLogo, required=True, description="App's logos details.")

    class Meta:
        description = "Represents the app's brand data."


class App(NoStoredMetadata, graphene.ObjectType):
    """Never instantiated: Lumbung has no apps."""

    permissions = graphene.List(
        graphene.NonNull(Permission), description="List of the app's permissions."
    )
    created = graphene.DateTime(description="The date and time when the app was created.")
    is_active = graphene.Boolean(description="Determine if app will be set active or not.")
    name = graphene.String(description="Name of the app.")
    type = AppTypeEnum(description="Type of the app.")
    about_app = graphene.String(description="Description of this app.")
    data_privacy = graphene.String(
        description="Description of the data privacy defined for this app."
    )
    data_privacy_url = graphene.String(
        description="URL to details about the privacy policy on the app owner page."
    )
    homepage_url = graphene.String(description="Homepage of the app.")
    support_url = graphene.String(description="Support page for the app.")
    configuration_url = graphene.String(
        description="URL to iframe with the configuration for the app."
    )
    app_url = graphene.String(description="URL to iframe with the app.")
    manifest_url = graphene.String(description="URL to manifest used during app's installation.")
    version = graphene.String(description="Version number of the app.")
    access_token = graphene.String(description="JWT token used to authenticate by thridparty app.")
    author = graphene.String(description="The App's author name.")
    extensions = graphene.List(
        graphene.NonNull(lambda: AppExtension),
        required=True,
        description="App's dashboard extensions.",
    )
    brand = graphene.Field(AppBrand, description="App's brand data.")
    breaker_state = CircuitBreakerStateEnum(required=True, description="Circuit breaker state.")
    breaker_last_state_change = graphene.DateTime(
        description="Last time the circuit breaker changed state."
    )
    identifier = graphene.String(description="Canonical app ID from the manifest.")

    class Meta:
        description = "Represents app data (Lumbung installs no apps: none exist)."
        interfaces = (graphene.relay.Node,)


class AppExtension(graphene.ObjectType):
    """Never instantiated: Lumbung has no apps."""

    permissions = graphene.List(
        graphene.NonNull(Permission),
        required=True,
        description="List of the app extension's permissions.",
    )
    label = graphene.String(
        required=True, description="Label of the extension to show in the dashboard."
    )
    url = graphene.String(
        required=True, description="URL of a view where extension's iframe is placed."
    )
    mount_name = graphene.String(
        required=True, description="Name of the extension mount point in the dashboard."
    )
    target_name = graphene.String(
        required=True, description="Name of the extension target in the dashboard."
    )
    settings = JSON(required=True, description="App extension settings.")
    identifier = graphene.String(description="Extension identifier, unique per app.")
    app = graphene.Field(App, required=True, description="The app of the extension.")
    access_token = graphene.String(
        description="JWT token used to authenticate by third-party app extension."
    )

    class Meta:
        description = "Represents app data (Lumbung installs no apps: none exist)."
        interfaces = (graphene.relay.Node,)
