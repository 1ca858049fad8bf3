"""The ``Address`` type and its builders: an address-book row, a warehouse's address."""

from __future__ import annotations

from typing import Any, overload

import graphene
from graphql_relay import to_global_id

from marketplace.accounts.models import Address as AddressModel
from marketplace.regions.models import Village as VillageModel
from marketplace.warehouses.models import Warehouse as WarehouseModel
from storefront_api.core.enums import CountryCode
from storefront_api.core.metadata import (
    NoStoredMetadata,
    metadata_field,
    metadata_items,
    resolve_empty_metadata,
)
from storefront_api.core.types import COUNTRY_DISPLAY, VILLAGE_CODE_DESCRIPTION, country_display


class Address(NoStoredMetadata, graphene.ObjectType):
    id = graphene.ID(required=True, description="The ID of the address.")
    first_name = graphene.String(required=True, description="The given name of the address.")
    last_name = graphene.String(required=True, description="The family name of the address.")
    company_name = graphene.String(required=True, description="Company or organization name.")
    street_address1 = graphene.String(required=True, description="The first line of the address.")
    street_address2 = graphene.String(
        required=True, description="The second line of the address: the village."
    )
    city = graphene.String(required=True, description="The regency (kabupaten) or city (kota).")
    city_area = graphene.String(required=True, description="The district (kecamatan).")
    postal_code = graphene.String(required=True, description="Postal code of the address.")
    country = graphene.Field(COUNTRY_DISPLAY, required=True, description="Country of the address.")
    country_area = graphene.String(required=True, description="The province.")
    phone = graphene.String(description="Phone number.")
    # --- accounts: address book fields (Saleor's) ---
    metadata = metadata_field("List of public metadata items. Can be accessed without permissions.")
    private_metadata = metadata_field(
        "List of private metadata items. Requires staff permissions to access."
    )
    is_default_shipping_address = graphene.Boolean(
        description="Address is user's default shipping address."
    )
    is_default_billing_address = graphene.Boolean(
        description="Address is user's default billing address."
    )
    # --- end accounts ---

    class Meta:
        description = "Represents user address data."

    resolve_private_metadata = staticmethod(resolve_empty_metadata)

    # Public metadata kept on a stored address (``AddressInput.metadata``).
    @staticmethod
    def resolve_metadata(root: Address, info: graphene.ResolveInfo) -> list[Any]:
        return metadata_items(getattr(root, "stored_metadata", None))

    @staticmethod
    def resolve_metafield(root: Address, info: graphene.ResolveInfo, *, key: str) -> Any:
        return (getattr(root, "stored_metadata", None) or {}).get(key)

    @staticmethod
    def resolve_metafields(
        root: Address, info: graphene.ResolveInfo, *, keys: list[str] | None = None
    ) -> dict[str, Any]:
        stored = getattr(root, "stored_metadata", None) or {}
        return {k: v for k, v in stored.items() if keys is None or k in keys}


def warehouse_address(warehouse: WarehouseModel, village: VillageModel) -> Address:
    district = village.district
    return Address(
        id=to_global_id("Address", f"warehouse-{warehouse.pk}"),
        first_name="",
        last_name="",
        company_name="",
        street_address1=warehouse.street_address,
        street_address2=village.name,
        city=district.regency.name,
        city_area=district.name,
        postal_code=warehouse.postal_code or village.postal_code,
        country=country_display("ID"),
        country_area=district.regency.province.name,
        phone=warehouse.phone or None,
    )


@overload
def address_from_model(
    address: AddressModel,
    *,
    default_shipping_id: int | None = None,
    default_billing_id: int | None = None,
) -> Address: ...


@overload
def address_from_model(
    address: AddressModel | None,
    *,
    default_shipping_id: int | None = None,
    default_billing_id: int | None = None,
) -> Address | None: ...


def address_from_model(
    address: AddressModel | None,
    *,
    default_shipping_id: int | None = None,
    default_billing_id: int | None = None,
) -> Address | None:
    """The ``Address`` of a stored :class:`marketplace.accounts.models.Address` (of an
    address book, a checkout or an order); ``None`` for no address.

    Its id is ``Address:<pk>``. Pass the owner's default address ids to fill
    ``isDefaultShippingAddress``/``isDefaultBillingAddress`` (left null otherwise, as
    Saleor does outside a user's address book).
    """
    if address is None:
        return None
    with_defaults = default_shipping_id is not None or default_billing_id is not None
    result = Address(
        id=to_global_id("Address", address.pk),
        first_name=address.first_name,
        last_name=address.last_name,
        company_name=address.company_name,
        street_address1=address.street_address_1,
        street_address2=address.street_address_2,
        city=address.city,
        city_area=address.city_area,
        postal_code=address.postal_code,
        country=country_display(address.country),
        country_area=address.country_area,
        phone=address.phone or None,
        is_default_shipping_address=(address.pk == default_shipping_id) if with_defaults else None,
        is_default_billing_address=(address.pk == default_billing_id) if with_defaults else None,
    )
    result.stored_metadata = address.metadata
    return result


class AddressInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    company_name = graphene.String(description="Company or organization.")
    street_address1 = graphene.String(description="Address.")
    street_address2 = graphene.String(description="Address.")
    city = graphene.String(description="City.")
    city_area = graphene.String(description="District.")
    postal_code = graphene.String(description="Postal code.")
    country = CountryCode(description="Country.")
    country_area = graphene.String(description="State or province.")
    phone = graphene.String(description="Phone number.")
    skip_validation = graphene.Boolean(
        default_value=False, description="Determine if the address should be validated."
    )
    metadata = graphene.List(
        graphene.NonNull("storefront_api.core.metadata.MetadataInput"),
        description="Address public metadata, merged into what the address keeps.",
    )
    # --- accounts (Lumbung-only) ---
    village_code = graphene.String(
        description=VILLAGE_CODE_DESCRIPTION + " Optional; blank region fields and the postal "
        "code of the address follow from it."
    )
