"""Account types: ``User``, ``UserPermission`` and ``AccountError``, as in Saleor's schema."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import selectors
from marketplace.accounts.models import User as UserModel
from marketplace.permissions import channels_accessible_to, is_platform_staff
from storefront_api.accounts.enums import AccountErrorCode, AddressTypeEnum
from storefront_api.core.enums import LanguageCodeEnum, PermissionEnum, ThumbnailFormatEnum
from storefront_api.core.metadata import ObjectWithMetadata
from storefront_api.core.types import Error

# Defined in storefront_api.village_hubs.types, which imports this module.
ADDRESS = "storefront_api.accounts.address.Address"
IMAGE = "storefront_api.core.types.Image"

# What Lumbung's platform staff (``is_staff``) may do, in Saleor's permission codes, so
# Saleor dashboards and SDKs show them the right screens: they manage channels (village
# hubs), warehouses and shipping (pickup points), the catalog (products, product types
# and attributes), orders and checkouts, and customers and staff (cooperative and hub
# staff). Superusers hold every code. Customers and cooperative/hub staff hold none:
# their rights are scoped to their cooperative or hub, which Saleor's global permissions
# cannot express.
PLATFORM_STAFF_PERMISSIONS: tuple[str, ...] = (
    "MANAGE_CHANNELS",
    "MANAGE_CHECKOUTS",
    "MANAGE_ORDERS",
    "MANAGE_PRODUCTS",
    "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
    "MANAGE_SHIPPING",
    "MANAGE_STAFF",
    "MANAGE_USERS",
)
_DEPRECATED_PERMISSIONS = frozenset({"MANAGE_OBSERVABILITY"})
PERMISSION_NAMES: dict[str, str] = {
    "MANAGE_CHANNELS": "Manage channels.",
    "MANAGE_CHECKOUTS": "Manage checkouts",
    "MANAGE_ORDERS": "Manage orders.",
    "MANAGE_PRODUCTS": "Manage products.",
    "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES": "Manage product types and attributes.",
    "MANAGE_SHIPPING": "Manage shipping.",
    "MANAGE_STAFF": "Manage staff.",
    "MANAGE_USERS": "Manage customers.",
}


def user_permission_codes(user: UserModel) -> list[str]:
    """Saleor permission codes of ``user`` (see ``PLATFORM_STAFF_PERMISSIONS``)."""
    if not user.is_active:
        return []
    if user.is_superuser:
        members = [member.name for member in PermissionEnum._meta.enum]
        return sorted(code for code in members if code not in _DEPRECATED_PERMISSIONS)
    if user.is_staff:
        return sorted(PLATFORM_STAFF_PERMISSIONS)
    return []


class Permission(graphene.ObjectType):
    code = PermissionEnum(required=True, description="Internal code for permission.")
    name = graphene.String(
        required=True, description="Describe action(s) allowed to do by permission."
    )

    class Meta:
        description = "Represents a permission object in a friendly form."


def permission_name(code: str) -> str:
    """Saleor's wording of a permission code (``MANAGE_ORDERS`` → "Manage orders.")."""
    return PERMISSION_NAMES.get(code) or code.replace("_", " ").capitalize() + "."


def all_permissions() -> list[Permission]:
    """Every permission of Saleor's enum but the deprecated ones, as ``Shop.permissions``
    lists them (a superuser holds them all)."""
    members = [member.name for member in PermissionEnum._meta.enum]
    return [
        Permission(code=code.lower(), name=permission_name(code))
        for code in sorted(members)
        if code not in _DEPRECATED_PERMISSIONS
    ]


class Group(graphene.ObjectType):
    """A permission group. Lumbung has none: platform staff hold their permissions
    directly (``is_staff``), cooperative and hub staff by their role; no Group exists."""

    name = graphene.String(required=True, description="The name of the group.")
    permissions = graphene.List(
        graphene.NonNull(Permission), description="List of group permissions."
    )
    user_can_manage = graphene.Boolean(
        required=True,
        description="True, if the currently authenticated user has rights to manage a group.",
    )
    accessible_channels = graphene.List(
        graphene.NonNull("storefront_api.channels.types.Channel"),
        description="List of channels the group has access to.",
    )
    restricted_access_to_channels = graphene.Boolean(
        required=True, description="Determine if the group have restricted access to channels."
    )

    class Meta:
        description = "Represents permission group data (Lumbung has no permission groups)."
        interfaces = (graphene.relay.Node,)


def _no_groups(root: Any, info: graphene.ResolveInfo, **kwargs: Any) -> list:
    return []


class UserPermission(graphene.ObjectType):
    code = PermissionEnum(required=True, description="Internal code for permission.")
    name = graphene.String(
        required=True, description="Describe action(s) allowed to do by permission."
    )
    source_permission_groups = graphene.List(
        graphene.NonNull(Group),
        user_id=graphene.ID(
            required=True, description="ID of user whose groups should be returned."
        ),
        description="List of user permission groups which contains this permission "
        "(none: Lumbung has no permission groups).",
    )

    class Meta:
        description = "Represents user's permissions."

    resolve_source_permission_groups = staticmethod(_no_groups)


def _address(address: Any, user: UserModel) -> Any:
    from storefront_api.accounts.address import address_from_model

    return address_from_model(
        address,
        default_shipping_id=user.default_shipping_address_id or 0,
        default_billing_id=user.default_billing_address_id or 0,
    )


CHANNEL_DESCRIPTION = "Slug of a channel for which the data should be returned."


class User(graphene.ObjectType):
    email = graphene.String(required=True, description="The email address of the user.")
    first_name = graphene.String(required=True, description="The given name of the address.")
    last_name = graphene.String(required=True, description="The family name of the address.")
    is_staff = graphene.Boolean(
        required=True, description="Determine if the user is a staff admin."
    )
    is_active = graphene.Boolean(required=True, description="Determine if the user is active.")
    is_confirmed = graphene.Boolean(
        required=True, description="Determines if user has confirmed email."
    )
    addresses = graphene.List(
        graphene.NonNull(ADDRESS), required=True, description="List of all user's addresses."
    )
    user_permissions = graphene.List(
        graphene.NonNull(UserPermission), description="List of user's permissions."
    )
    avatar = graphene.Field(
        IMAGE,
        size=graphene.Int(description="Size of the avatar."),
        format=ThumbnailFormatEnum(
            default_value="original", description="The format of the image."
        ),
        description="The avatar of the user. Lumbung keeps no avatars yet: always null.",
    )
    language_code = LanguageCodeEnum(required=True, description="User language code.")
    default_shipping_address = graphene.Field(ADDRESS, description="The default shipping address.")
    default_billing_address = graphene.Field(ADDRESS, description="The default billing address.")
    last_login = graphene.DateTime(
        description="The date when the user last time log in to the system."
    )
    date_joined = graphene.DateTime(
        required=True, description="The data when the user create account."
    )
    updated_at = graphene.DateTime(
        required=True, description="The data when the user last update the account information."
    )

    class Meta:
        description = "Represents user data."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, cls | UserModel)

    @staticmethod
    def resolve_addresses(root: UserModel, info: graphene.ResolveInfo) -> list[Any]:
        if root.pk is None:
            return []
        return [_address(address, root) for address in selectors.user_addresses(user=root)]

    @staticmethod
    def resolve_default_shipping_address(root: UserModel, info: graphene.ResolveInfo) -> Any:
        if root.default_shipping_address_id is None:
            return None
        return _address(root.default_shipping_address, root)

    @staticmethod
    def resolve_default_billing_address(root: UserModel, info: graphene.ResolveInfo) -> Any:
        if root.default_billing_address_id is None:
            return None
        return _address(root.default_billing_address, root)

    @staticmethod
    def resolve_user_permissions(root: UserModel, info: graphene.ResolveInfo) -> list[Any]:
        if root.pk is None:
            return []
        return [
            UserPermission(code=code.lower(), name=PERMISSION_NAMES.get(code, code))
            for code in user_permission_codes(root)
        ]

    @staticmethod
    def resolve_avatar(root: UserModel, info: graphene.ResolveInfo, **kwargs: Any) -> None:
        return None

    @staticmethod
    def resolve_language_code(root: UserModel, info: graphene.ResolveInfo) -> str:
        code = (root.language_code or "").lower().replace("_", "-")
        known = {member.value for member in LanguageCodeEnum._meta.enum}
        return code if code in known else "id"

    # --- checkouts: User.checkout(s), checkoutIds, checkoutTokens ----------------------------
    checkout = graphene.Field(
        "storefront_api.checkout.types.Checkout",
        description="Returns the last open checkout of this user.",
        deprecation_reason="Use the `checkoutTokens` field to fetch the user checkouts.",
    )
    checkout_ids = graphene.List(
        graphene.NonNull(graphene.ID),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        description="Returns the checkout ID's assigned to this user.",
    )
    checkout_tokens = graphene.List(
        graphene.NonNull(graphene.UUID),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        description="Returns the checkout UUID's assigned to this user.",
        deprecation_reason="Use `checkoutIds` instead.",
    )
    checkouts = graphene.Field(
        "storefront_api.checkout.types.CheckoutCountableConnection",
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        before=graphene.String(),
        after=graphene.String(),
        first=graphene.Int(),
        last=graphene.Int(),
        description="Returns checkouts assigned to this user (the user and platform staff).",
    )

    @staticmethod
    def resolve_checkout(root: UserModel, info: graphene.ResolveInfo) -> Any:
        from storefront_api.checkout.types import own_checkouts

        return own_checkouts(root, info, None).first()

    @staticmethod
    def resolve_checkout_ids(
        root: UserModel, info: graphene.ResolveInfo, *, channel: str | None = None
    ) -> list[str]:
        from storefront_api.checkout.types import resolve_user_checkout_ids

        return resolve_user_checkout_ids(root, info, channel)

    @staticmethod
    def resolve_checkout_tokens(
        root: UserModel, info: graphene.ResolveInfo, *, channel: str | None = None
    ) -> list[Any]:
        from storefront_api.checkout.types import own_checkouts

        return list(own_checkouts(root, info, channel).values_list("pk", flat=True))

    @staticmethod
    def resolve_checkouts(
        root: UserModel, info: graphene.ResolveInfo, *, channel: str | None = None, **args: Any
    ) -> Any:
        from storefront_api.checkout.types import resolve_user_checkouts

        return resolve_user_checkouts(root, info, channel, args)

    gift_cards = graphene.Field(
        "storefront_api.giftcards.types.GiftCardCountableConnection",
        before=graphene.String(),
        after=graphene.String(),
        first=graphene.Int(),
        last=graphene.Int(),
        description="List of the user gift cards (none: Lumbung issues no gift cards).",
    )

    @staticmethod
    def resolve_gift_cards(root: UserModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        from storefront_api.giftcards.types import resolve_user_gift_cards

        return resolve_user_gift_cards(root, info)

    # --- orders: User.orders (me.orders) ---------------------------------------------------
    orders = graphene.Field(
        "storefront_api.orders.types.OrderCountableConnection",
        before=graphene.String(),
        after=graphene.String(),
        first=graphene.Int(),
        last=graphene.Int(),
        description="List of user's orders (only the user themselves and platform staff).",
    )

    @staticmethod
    def resolve_orders(root: UserModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        from storefront_api.orders.schema import resolve_user_orders

        return resolve_user_orders(root, info, **args)

    # --- end orders ------------------------------------------------------------------------

    # --- staff: channels and permission groups; stored payment methods ------------------------
    external_reference = graphene.String(
        description="External ID of this user (Lumbung keeps none: always null)."
    )
    accessible_channels = graphene.List(
        graphene.NonNull("storefront_api.channels.types.Channel"),
        description="List of channels the user has access to: every channel for platform "
        "staff, the hub's channel for its operators, none for customers.",
    )
    restricted_access_to_channels = graphene.Boolean(
        required=True,
        description="Determine if user have restricted access to channels (all but platform "
        "staff).",
    )
    permission_groups = graphene.List(
        graphene.NonNull(Group),
        description="List of user's permission groups (none: Lumbung has no permission groups).",
    )
    editable_groups = graphene.List(
        graphene.NonNull(Group),
        description="List of user's permission groups which user can manage (none).",
    )
    stored_payment_sources = graphene.List(
        graphene.NonNull("storefront_api.payments.stored_methods.PaymentSource"),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        description="List of stored payment sources (none: Midtrans stores no cards for Lumbung).",
    )
    stored_payment_methods = graphene.List(
        graphene.NonNull("storefront_api.payments.stored_methods.StoredPaymentMethod"),
        channel=graphene.String(required=True, description=CHANNEL_DESCRIPTION),
        description="Returns a list of user's stored payment methods (none: Lumbung's "
        "gateways store no payment methods).",
    )

    resolve_external_reference = staticmethod(lambda root, info: None)
    resolve_permission_groups = staticmethod(_no_groups)
    resolve_editable_groups = staticmethod(_no_groups)
    resolve_stored_payment_sources = staticmethod(_no_groups)
    resolve_stored_payment_methods = staticmethod(_no_groups)

    @staticmethod
    def resolve_accessible_channels(root: UserModel, info: graphene.ResolveInfo) -> list[Any]:
        return list(channels_accessible_to(root))

    @staticmethod
    def resolve_restricted_access_to_channels(root: UserModel, info: graphene.ResolveInfo) -> bool:
        return not is_platform_staff(root)


class AccountError(Error):
    code = AccountErrorCode(required=True, description="The error code.")
    address_type = AddressTypeEnum(description="A type of address that causes the error.")
    attributes = graphene.List(
        graphene.NonNull(graphene.ID),
        description="A list of attributes IDs which causes the error (none: customers have "
        "no attributes in Lumbung).",
    )
