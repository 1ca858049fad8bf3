"""GraphQL enums built from the domain's Python enums, named exactly as Saleor's.

Domain code lists its error codes in ``marketplace/<app>/error_codes.py``; the API turns
each into a graphene enum here. On the wire a value is the member's *name*
(``INVALID_CREDENTIALS``); resolvers may return the member or its value.
"""

from __future__ import annotations

from enum import Enum

import graphene

from marketplace.accounts import error_codes as account_error_codes
from marketplace.catalog import error_codes as catalog_error_codes
from marketplace.catalog.models import MeasurementUnit as _MeasurementUnit  # acct
from marketplace.channels import error_codes as channel_error_codes
from marketplace.channels.models import AllocationStrategy, MarkAsPaidStrategy
from marketplace.core.error_codes import MetadataErrorCode as _MetadataErrorCode  # acct
from marketplace.village_hubs import error_codes as village_hub_error_codes
from marketplace.village_hubs.models import (
    CooperativeJenis,
    HubTimeZone,
    HubWeekday,
    ProducerSizeClass,
    StaffRole,
)
from marketplace.warehouses import error_codes as warehouse_error_codes
from marketplace.warehouses.models import ClickAndCollectOption


def to_graphene_enum(
    python_enum: type[Enum], *, name: str | None = None, description: str | None = None
) -> type[graphene.Enum]:
    """A graphene enum with ``python_enum``'s members; named after it unless ``name``."""
    return graphene.Enum(
        name or python_enum.__name__,
        [(member.name, member.value) for member in python_enum],
        description=description or python_enum.__doc__,
    )


def enum_values(graphene_enum: type[graphene.Enum]) -> frozenset[str]:
    """The Python values behind a graphene enum's members."""
    return frozenset(member.value for member in graphene_enum._meta.enum)


AccountErrorCode = to_graphene_enum(account_error_codes.AccountErrorCode)
SendConfirmationEmailErrorCode = to_graphene_enum(
    account_error_codes.SendConfirmationEmailErrorCode
)


class AddressTypeEnum(graphene.Enum):
    BILLING = "billing"
    SHIPPING = "shipping"


# --- accounts: Saleor's permission codes (UserPermission.code) ---------------------------
PERMISSION_CODES: tuple[str, ...] = (
    "MANAGE_USERS",
    "MANAGE_STAFF",
    "IMPERSONATE_USER",
    "MANAGE_APPS",
    "MANAGE_OBSERVABILITY",
    "MANAGE_CHECKOUTS",
    "HANDLE_CHECKOUTS",
    "HANDLE_TAXES",
    "MANAGE_TAXES",
    "MANAGE_CHANNELS",
    "MANAGE_CUSTOMER_TYPES_AND_ATTRIBUTES",
    "MANAGE_DISCOUNTS",
    "MANAGE_GIFT_CARD",
    "MANAGE_MENUS",
    "MANAGE_ORDERS",
    "MANAGE_ORDERS_IMPORT",
    "MANAGE_PAGES",
    "MANAGE_PAGE_TYPES_AND_ATTRIBUTES",
    "HANDLE_PAYMENTS",
    "MANAGE_PLUGINS",
    "MANAGE_PRODUCTS",
    "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES",
    "MANAGE_SHIPPING",
    "MANAGE_SETTINGS",
    "MANAGE_TRANSLATIONS",
)
PermissionEnum = graphene.Enum(
    "PermissionEnum",
    [(code, code.lower()) for code in PERMISSION_CODES],
    description="An enumeration.",
)


# --- Channels, warehouses, village hubs -------------------------------------------------

ChannelErrorCode = to_graphene_enum(channel_error_codes.ChannelErrorCode)
WarehouseErrorCode = to_graphene_enum(warehouse_error_codes.WarehouseErrorCode)
VillageHubErrorCode = to_graphene_enum(
    village_hub_error_codes.VillageHubErrorCode,
    description="Error codes of cooperatives, producers and village hubs.",
)


def _choices_enum(
    name: str, members: list[tuple[str, object]], description: str
) -> type[graphene.Enum]:
    return graphene.Enum(name, members, description=description)


AllocationStrategyEnum = _choices_enum(
    "AllocationStrategyEnum",
    [
        ("PRIORITIZE_SORTING_ORDER", AllocationStrategy.PRIORITIZE_SORTING_ORDER.value),
        ("PRIORITIZE_HIGH_STOCK", AllocationStrategy.PRIORITIZE_HIGH_STOCK.value),
    ],
    "Determine the allocation strategy for the channel.",
)
MarkAsPaidStrategyEnum = _choices_enum(
    "MarkAsPaidStrategyEnum",
    [
        ("TRANSACTION_FLOW", MarkAsPaidStrategy.TRANSACTION_FLOW.value),
        ("PAYMENT_FLOW", MarkAsPaidStrategy.PAYMENT_FLOW.value),
    ],
    "Determine the mark as paid strategy for the channel.",
)
WarehouseClickAndCollectOptionEnum = _choices_enum(
    "WarehouseClickAndCollectOptionEnum",
    [
        ("DISABLED", ClickAndCollectOption.DISABLED.value),
        ("LOCAL", ClickAndCollectOption.LOCAL_STOCK.value),
        ("ALL", ClickAndCollectOption.ALL_WAREHOUSES.value),
    ],
    "Whether the warehouse is a click-and-collect pickup point, and for which stock.",
)
CooperativeJenisEnum = _choices_enum(
    "CooperativeJenisEnum",
    [(member.name, member.value) for member in CooperativeJenis],
    "Legal type (jenis) of a cooperative.",
)
CooperativeStaffRoleEnum = _choices_enum(
    "CooperativeStaffRoleEnum",
    [(member.name, member.value) for member in StaffRole],
    "Role of a user working for a cooperative: ADMIN (pengurus) or STAFF.",
)
ProducerSizeClassEnum = _choices_enum(
    "ProducerSizeClassEnum",
    [(member.name, member.value) for member in ProducerSizeClass],
    "Business size of a producer (PP 7/2021).",
)
HubTimeZoneEnum = _choices_enum(
    "HubTimeZoneEnum",
    [(member.name, member.value) for member in HubTimeZone],
    "Indonesian time zone a village hub keeps: WIB (UTC+7), WITA (UTC+8), WIT (UTC+9).",
)
WeekdayEnum = _choices_enum(
    "WeekdayEnum",
    [(member.name, member.value) for member in HubWeekday],
    "Day of the week.",
)

# ISO 3166-1 alpha-2 codes and English names, as in Saleor's ``CountryCode``.
_COUNTRIES = """
AF Afghanistan
AX Åland Islands
AL Albania
DZ Algeria
AS American Samoa
AD Andorra
AO Angola
AI Anguilla
AQ Antarctica
AG Antigua and Barbuda
AR Argentina
AM Armenia
AW Aruba
AU Australia
AT Austria
AZ Azerbaijan
BS Bahamas
BH Bahrain
BD Bangladesh
BB Barbados
BY Belarus
BE Belgium
BZ Belize
BJ Benin
BM Bermuda
BT Bhutan
BO Bolivia
BQ Bonaire, Sint Eustatius and Saba
BA Bosnia and Herzegovina
BW Botswana
BV Bouvet Island
BR Brazil
IO British Indian Ocean Territory
BN Brunei
BG Bulgaria
BF Burkina Faso
BI Burundi
CV Cabo Verde
KH Cambodia
CM Cameroon
CA Canada
KY Cayman Islands
CF Central African Republic
TD Chad
CL Chile
CN China
CX Christmas Island
CC Cocos (Keeling) Islands
CO Colombia
KM Comoros
CG Congo
CD Congo (the Democratic Republic of the)
CK Cook Islands
CR Costa Rica
CI Côte d'Ivoire
HR Croatia
CU Cuba
CW Curaçao
CY Cyprus
CZ Czechia
DK Denmark
DJ Djibouti
DM Dominica
DO Dominican Republic
EC Ecuador
EG Egypt
SV El Salvador
GQ Equatorial Guinea
ER Eritrea
EE Estonia
SZ Eswatini
ET Ethiopia
EU European Union
FK Falkland Islands (Malvinas)
FO Faroe Islands
FJ Fiji
FI Finland
FR France
GF French Guiana
PF French Polynesia
TF French Southern Territories
GA Gabon
GM Gambia
GE Georgia
DE Germany
GH Ghana
GI Gibraltar
GR Greece
GL Greenland
GD Grenada
GP Guadeloupe
GU Guam
GT Guatemala
GG Guernsey
GN Guinea
GW Guinea-Bissau
GY Guyana
HT Haiti
HM Heard Island and McDonald Islands
VA Holy See
HN Honduras
HK Hong Kong
HU Hungary
IS Iceland
IN India
ID Indonesia
IR Iran
IQ Iraq
IE Ireland
IM Isle of Man
IL Israel
IT Italy
JM Jamaica
JP Japan
JE Jersey
JO Jordan
KZ Kazakhstan
KE Kenya
KI Kiribati
XK Kosovo
KW Kuwait
KG Kyrgyzstan
LA Laos
LV Latvia
LB Lebanon
LS Lesotho
LR Liberia
LY Libya
LI Liechtenstein
LT Lithuania
LU Luxembourg
MO Macao
MG Madagascar
MW Malawi
MY Malaysia
MV Maldives
ML Mali
MT Malta
MH Marshall Islands
MQ Martinique
MR Mauritania
MU Mauritius
YT Mayotte
MX Mexico
FM Micronesia
MD Moldova
MC Monaco
MN Mongolia
ME Montenegro
MS Montserrat
MA Morocco
MZ Mozambique
MM Myanmar
NA Namibia
NR Nauru
NP Nepal
NL Netherlands
NC New Caledonia
NZ New Zealand
NI Nicaragua
NE Niger
NG Nigeria
NU Niue
NF Norfolk Island
KP North Korea
MK North Macedonia
MP Northern Mariana Islands
NO Norway
OM Oman
PK Pakistan
PW Palau
PS Palestine, State of
PA Panama
PG Papua New Guinea
PY Paraguay
PE Peru
PH Philippines
PN Pitcairn
PL Poland
PT Portugal
PR Puerto Rico
QA Qatar
RE Réunion
RO Romania
RU Russia
RW Rwanda
BL Saint Barthélemy
SH Saint Helena, Ascension and Tristan da Cunha
KN Saint Kitts and Nevis
LC Saint Lucia
MF Saint Martin (French part)
PM Saint Pierre and Miquelon
VC Saint Vincent and the Grenadines
WS Samoa
SM San Marino
ST Sao Tome and Principe
SA Saudi Arabia
SN Senegal
RS Serbia
SC Seychelles
SL Sierra Leone
SG Singapore
SX Sint Maarten (Dutch part)
SK Slovakia
SI Slovenia
SB Solomon Islands
SO Somalia
ZA South Africa
GS South Georgia and the South Sandwich Islands
KR South Korea
SS South Sudan
ES Spain
LK Sri Lanka
SD Sudan
SR Suriname
SJ Svalbard and Jan Mayen
SE Sweden
CH Switzerland
SY Syria
TW Taiwan
TJ Tajikistan
TZ Tanzania
TH Thailand
TL Timor-Leste
TG Togo
TK Tokelau
TO Tonga
TT Trinidad and Tobago
TN Tunisia
TR Türkiye
TM Turkmenistan
TC Turks and Caicos Islands
TV Tuvalu
UG Uganda
UA Ukraine
AE United Arab Emirates
GB United Kingdom
UM United States Minor Outlying Islands
US United States of America
UY Uruguay
UZ Uzbekistan
VU Vanuatu
VE Venezuela
VN Vietnam
VG Virgin Islands (British)
VI Virgin Islands (U.S.)
WF Wallis and Futuna
EH Western Sahara
YE Yemen
ZM Zambia
ZW Zimbabwe
"""
COUNTRY_NAMES: dict[str, str] = dict(line.split(" ", 1) for line in _COUNTRIES.strip().splitlines())
CountryCode = graphene.Enum(
    "CountryCode",
    [(code, code) for code in COUNTRY_NAMES],
    description="Country code (ISO 3166-1 alpha-2).",
)


# --- catalog -----------------------------------------------------------------------------

ProductErrorCode = to_graphene_enum(catalog_error_codes.ProductErrorCode)
StockErrorCode = to_graphene_enum(warehouse_error_codes.StockErrorCode)

ThumbnailFormatEnum = graphene.Enum(
    "ThumbnailFormatEnum",
    [("ORIGINAL", "original"), ("AVIF", "avif"), ("WEBP", "webp")],
    description="Thumbnail formats for icon images.",
)
IconThumbnailFormatEnum = graphene.Enum(
    "IconThumbnailFormatEnum",
    [("ORIGINAL", "original"), ("WEBP", "webp")],
    description="Thumbnail formats for icon images.",
)
ProductTypeKindEnum = graphene.Enum(
    "ProductTypeKindEnum",
    [("NORMAL", "normal"), ("GIFT_CARD", "gift_card")],
    description="The kind of a product type.",
)
WeightUnitsEnum = graphene.Enum(
    "WeightUnitsEnum",
    [("G", "g"), ("LB", "lb"), ("OZ", "oz"), ("KG", "kg"), ("TONNE", "tonne")],
    description="Units of weight; Lumbung stores and reports grams.",
)
ProductMediaType = graphene.Enum(
    "ProductMediaType",
    [("IMAGE", "IMAGE"), ("VIDEO", "VIDEO")],
    description="The type of a product media.",
)
AttributeInputTypeEnum = graphene.Enum(
    "AttributeInputTypeEnum",
    [
        ("DROPDOWN", "dropdown"),
        ("MULTISELECT", "multiselect"),
        ("FILE", "file"),
        ("REFERENCE", "reference"),
        ("SINGLE_REFERENCE", "single-reference"),
        ("NUMERIC", "numeric"),
        ("RICH_TEXT", "rich-text"),
        ("PLAIN_TEXT", "plain-text"),
        ("SWATCH", "swatch"),
        ("BOOLEAN", "boolean"),
        ("DATE", "date"),
        ("DATE_TIME", "date-time"),
    ],
    description="How values of an attribute are entered.",
)
# --- acct: attribute units and reference entities, metadata error codes ---
MeasurementUnitsEnum = graphene.Enum(
    "MeasurementUnitsEnum", [(member.name, member.value) for member in _MeasurementUnit]
)
AttributeEntityTypeEnum = graphene.Enum(
    "AttributeEntityTypeEnum",
    [
        ("PAGE", "Page"),
        ("PRODUCT", "Product"),
        ("PRODUCT_VARIANT", "ProductVariant"),
        ("CATEGORY", "Category"),
        ("COLLECTION", "Collection"),
    ],
    description="What a reference attribute points at; Lumbung serves collections.",
)
MetadataErrorCode = to_graphene_enum(_MetadataErrorCode)
# --- end acct ---
AttributeTypeEnum = graphene.Enum(
    "AttributeTypeEnum",
    [("PRODUCT_TYPE", "product-type"), ("PAGE_TYPE", "page-type"), ("CUSTOMER_TYPE", "customer")],
    description="What an attribute describes; Lumbung's attributes describe products.",
)
OrderDirection = graphene.Enum(
    "OrderDirection",
    [("ASC", "asc"), ("DESC", "desc")],
    description="Sort direction.",
)


# --- checkout and orders -----------------------------------------------------------------
# (imports kept local to this block so other areas' edits above stay independent)
from marketplace.checkout import error_codes as checkout_error_codes  # noqa: E402
from marketplace.orders import error_codes as order_error_codes  # noqa: E402
from marketplace.orders.models import (  # noqa: E402
    FulfillmentStatus as FulfillmentStatusChoices,
)
from marketplace.orders.models import OrderStatus as OrderStatusChoices  # noqa: E402
from storefront_api.core.language_codes import LANGUAGE_CODES  # noqa: E402

CheckoutErrorCode = to_graphene_enum(checkout_error_codes.CheckoutErrorCode)
CheckoutCreateFromOrderErrorCode = to_graphene_enum(
    checkout_error_codes.CheckoutCreateFromOrderErrorCode
)
CheckoutCreateFromOrderUnavailableVariantErrorCode = to_graphene_enum(
    checkout_error_codes.CheckoutCreateFromOrderUnavailableVariantErrorCode
)
OrderErrorCode = to_graphene_enum(order_error_codes.OrderErrorCode)
DeliveryOptionsCalculateErrorCode = graphene.Enum(
    "DeliveryOptionsCalculateErrorCode",
    [("GRAPHQL_ERROR", "graphql_error"), ("NOT_FOUND", "not_found"), ("INVALID", "invalid")],
    description="Why delivery options could not be calculated.",
)
LanguageCodeEnum = graphene.Enum(
    "LanguageCodeEnum",
    [(code, code.lower().replace("_", "-")) for code in LANGUAGE_CODES],
    description="Language code (BCP 47).",
)
OrderStatusEnum = graphene.Enum(
    "OrderStatus",
    [(member.name, member.value) for member in OrderStatusChoices],
    description="Status of an order.",
)
FulfillmentStatusEnum = graphene.Enum(
    "FulfillmentStatus",
    [(member.name, member.value) for member in FulfillmentStatusChoices],
    description="Status of a fulfillment.",
)
_CHARGE = [
    ("NONE", "none"),
    ("PARTIAL", "partial"),
    ("FULL", "full"),
    ("OVERCHARGED", "overcharged"),
]
_AUTHORIZE = [("NONE", "none"), ("PARTIAL", "partial"), ("FULL", "full")]
OrderChargeStatusEnum = graphene.Enum(
    "OrderChargeStatusEnum", _CHARGE, description="How much of the order is charged."
)
OrderAuthorizeStatusEnum = graphene.Enum(
    "OrderAuthorizeStatusEnum", _AUTHORIZE, description="How much of the order is authorized."
)
CheckoutChargeStatusEnum = graphene.Enum(
    "CheckoutChargeStatusEnum", _CHARGE, description="How much of the checkout is charged."
)
CheckoutAuthorizeStatusEnum = graphene.Enum(
    "CheckoutAuthorizeStatusEnum",
    _AUTHORIZE,
    description="How much of the checkout is authorized.",
)
PaymentChargeStatusEnum = graphene.Enum(
    "PaymentChargeStatusEnum",
    [
        ("NOT_CHARGED", "not-charged"),
        ("PENDING", "pending"),
        ("PARTIALLY_CHARGED", "partially-charged"),
        ("FULLY_CHARGED", "fully-charged"),
        ("PARTIALLY_REFUNDED", "partially-refunded"),
        ("FULLY_REFUNDED", "fully-refunded"),
        ("REFUSED", "refused"),
        ("CANCELLED", "cancelled"),
    ],
    description="Legacy payment status of an order.",
)
_ORDER_EVENTS = """
DRAFT_CREATED
DRAFT_CREATED_FROM_REPLACE
ADDED_PRODUCTS
REMOVED_PRODUCTS
PLACED
PLACED_FROM_DRAFT
PLACED_AUTOMATICALLY_FROM_PAID_CHECKOUT
OVERSOLD_ITEMS
CANCELED
EXPIRED
ORDER_MARKED_AS_PAID
ORDER_FULLY_PAID
ORDER_REPLACEMENT_CREATED
ORDER_DISCOUNT_ADDED
ORDER_DISCOUNT_AUTOMATICALLY_UPDATED
ORDER_DISCOUNT_UPDATED
ORDER_DISCOUNT_DELETED
ORDER_LINE_DISCOUNT_UPDATED
ORDER_LINE_DISCOUNT_REMOVED
ORDER_LINE_PRODUCT_DELETED
ORDER_LINE_VARIANT_DELETED
UPDATED_ADDRESS
EMAIL_SENT
CONFIRMED
PAYMENT_AUTHORIZED
PAYMENT_CAPTURED
EXTERNAL_SERVICE_NOTIFICATION
PAYMENT_REFUNDED
PAYMENT_VOIDED
PAYMENT_FAILED
TRANSACTION_EVENT
TRANSACTION_CHARGE_REQUESTED
TRANSACTION_REFUND_REQUESTED
TRANSACTION_CANCEL_REQUESTED
TRANSACTION_MARK_AS_PAID_FAILED
INVOICE_REQUESTED
INVOICE_GENERATED
INVOICE_UPDATED
INVOICE_SENT
FULFILLMENT_CANCELED
FULFILLMENT_RESTOCKED_ITEMS
FULFILLMENT_FULFILLED_ITEMS
FULFILLMENT_REFUNDED
FULFILLMENT_RETURNED
FULFILLMENT_REPLACED
FULFILLMENT_AWAITS_APPROVAL
TRACKING_UPDATED
NOTE_ADDED
NOTE_UPDATED
OTHER
"""
OrderEventsEnum = graphene.Enum(
    "OrderEventsEnum",
    [(name, name.lower()) for name in _ORDER_EVENTS.split()],
    description="The type of an order event (values as stored in OrderEvent.type).",
)
OrderStatusFilter = graphene.Enum(
    "OrderStatusFilter",
    [
        ("READY_TO_FULFILL", "ready_to_fulfill"),
        ("READY_TO_CAPTURE", "ready_to_capture"),
        ("UNFULFILLED", "unfulfilled"),
        ("UNCONFIRMED", "unconfirmed"),
        ("PARTIALLY_FULFILLED", "partially fulfilled"),
        ("FULFILLED", "fulfilled"),
        ("CANCELED", "canceled"),
    ],
    description="Order statuses to filter on.",
)
DiscountValueTypeEnum = graphene.Enum(
    "DiscountValueTypeEnum",
    [("FIXED", "fixed"), ("PERCENTAGE", "percentage")],
    description="How a discount is given.",
)
OrderDiscountType = graphene.Enum(
    "OrderDiscountType",
    [
        ("SALE", "sale"),
        ("VOUCHER", "voucher"),
        ("MANUAL", "manual"),
        ("PROMOTION", "promotion"),
        ("ORDER_PROMOTION", "order_promotion"),
    ],
    description="The kind of an order discount.",
)
# --- end checkout and orders -------------------------------------------------------------


# --- catalog: product types and attributes management ------------------------------------

AttributeErrorCode = to_graphene_enum(catalog_error_codes.AttributeErrorCode)
ProductAttributeType = graphene.Enum(
    "ProductAttributeType",
    [("PRODUCT", "product"), ("VARIANT", "variant")],
    description="The level a product type's attribute is assigned at.",
)
VariantAttributeScope = graphene.Enum(
    "VariantAttributeScope",
    [
        ("ALL", "all"),
        ("VARIANT_SELECTION", "variant_selection"),
        ("NOT_VARIANT_SELECTION", "not_variant_selection"),
    ],
    description="Which variant attributes to return.",
)
# --- end catalog: product types and attributes management --------------------------------


# --- catalog: storefront browsing (translations) -----------------------------------------

TranslationErrorCode = graphene.Enum(
    "TranslationErrorCode",
    [
        ("GRAPHQL_ERROR", "graphql_error"),
        ("INVALID", "invalid"),
        ("NOT_FOUND", "not_found"),
        ("REQUIRED", "required"),
        ("UNIQUE", "unique"),
    ],
    description="Translation error codes.",
)
# --- end catalog: storefront browsing ----------------------------------------------------


# --- coop reporting: RAT reports and cooperative health -----------------------------------
# Imported here, inside the block, so the shared import list above stays untouched.
from coop_reporting.rat import models as _rat_models  # noqa: E402
from coop_reporting.rat.error_codes import RatErrorCode as _RatErrorCode  # noqa: E402

RatErrorCode = to_graphene_enum(_RatErrorCode, description="Error codes of RAT reports.")
RatReportStatusEnum = graphene.Enum(
    "RatReportStatusEnum",
    [(member.name, member.value) for member in _rat_models.RatReportStatus],
    description="Draft (still changing) or submitted (frozen; corrections are new versions).",
)
RatMethodEnum = graphene.Enum(
    "RatMethodEnum",
    [(member.name, member.value) for member in _rat_models.RatMethod],
    description="How the annual members' meeting was held.",
)
RatAttachmentKindEnum = graphene.Enum(
    "RatAttachmentKindEnum",
    [(member.name, member.value) for member in _rat_models.RatAttachmentKind],
    description="What an attached file is.",
)
# --- end coop reporting: RAT reports and cooperative health -------------------------------


# --- coop reporting: activity, offline sales, producer statements, report exports --------
from coop_reporting.exports import models as _export_models  # noqa: E402
from coop_reporting.exports.error_codes import (  # noqa: E402
    ReportExportErrorCode as _ReportExportErrorCode,
)
from coop_reporting.exports.registry import all_kinds as _export_kinds  # noqa: E402
from coop_reporting.sales.error_codes import CoopSalesErrorCode as _CoopSalesErrorCode  # noqa: E402

CoopSalesErrorCode = to_graphene_enum(
    _CoopSalesErrorCode, description="Error codes of offline sales and producer statements."
)
ReportExportErrorCode = to_graphene_enum(
    _ReportExportErrorCode, description="Error codes of report exports."
)
ReportExportKindEnum = graphene.Enum(
    "ReportExportKindEnum",
    [(kind.key.upper(), kind.key) for kind in _export_kinds()],
    description="Kinds of report that can be exported.",
)
ReportExportFormatEnum = graphene.Enum(
    "ReportExportFormatEnum",
    [(member.name, member.value) for member in _export_models.ReportExportFormat],
    description="File formats of report exports.",
)
ReportExportStatusEnum = graphene.Enum(
    "ReportExportStatusEnum",
    [(member.name, member.value) for member in _export_models.ReportExportStatus],
    description="Where a report export is: waiting, being made, ready or failed.",
)
# --- end coop reporting: activity, offline sales, producer statements, report exports ----


# --- coop reporting: consultations between cooperatives and the Dinas -------------------
from coop_reporting.consultation import models as _consultation_models  # noqa: E402
from coop_reporting.consultation.error_codes import (  # noqa: E402
    ConsultationErrorCode as _ConsultationErrorCode,
)

ConsultationErrorCode = to_graphene_enum(
    _ConsultationErrorCode, description="Error codes of consultations."
)
ConsultationTopicEnum = graphene.Enum(
    "ConsultationTopicEnum",
    [(member.name, member.value) for member in _consultation_models.ConsultationTopic],
    description="What a question to the Dinas is about.",
)
ConsultationStatusEnum = graphene.Enum(
    "ConsultationStatusEnum",
    [(member.name, member.value) for member in _consultation_models.ConsultationStatus],
    description="Open (waiting for the Dinas), answered (the Dinas wrote last) or closed.",
)
ConsultationSideEnum = graphene.Enum(
    "ConsultationSideEnum",
    [(member.name, member.value) for member in _consultation_models.ConsultationSide],
    description="Who wrote a message: the cooperative or the Dinas.",
)
# --- end coop reporting: consultations ------------------------------------------------------


# --- content: collections, menus, pages --------------------------------------------------
from marketplace.content import error_codes as content_error_codes  # noqa: E402

CollectionErrorCode = to_graphene_enum(content_error_codes.CollectionErrorCode)
MenuErrorCode = to_graphene_enum(content_error_codes.MenuErrorCode)
PageErrorCode = to_graphene_enum(content_error_codes.PageErrorCode)
# --- end content -------------------------------------------------------------------------


# --- discounts: vouchers -----------------------------------------------------------------
from marketplace.discounts import error_codes as discount_error_codes  # noqa: E402

DiscountErrorCode = to_graphene_enum(discount_error_codes.DiscountErrorCode)
VoucherCodeBulkDeleteErrorCode = to_graphene_enum(
    discount_error_codes.VoucherCodeBulkDeleteErrorCode
)
VoucherTypeEnum = graphene.Enum(
    "VoucherTypeEnum",
    [("SHIPPING", "shipping"), ("ENTIRE_ORDER", "entire_order"),
     ("SPECIFIC_PRODUCT", "specific_product")],
    description="What a voucher discounts.",
)  # fmt: skip
VoucherDiscountType = graphene.Enum(
    "VoucherDiscountType",
    [("FIXED", "fixed"), ("PERCENTAGE", "percentage"), ("SHIPPING", "shipping")],
    description="A voucher's kind of discount (shipping vouchers are their own kind).",
)
DiscountStatusEnum = graphene.Enum(
    "DiscountStatusEnum",
    [("ACTIVE", "active"), ("EXPIRED", "expired"), ("SCHEDULED", "scheduled")],
    description="Whether a voucher runs now, has ended, or starts later.",
)


class VoucherSortField(graphene.Enum):
    CODE = "code"
    NAME = "name"
    START_DATE = "start_date"
    END_DATE = "end_date"
    VALUE = "value"
    TYPE = "type"
    USAGE_LIMIT = "usage_limit"
    MINIMUM_SPENT_AMOUNT = "minimum_spent_amount"

    @property
    def deprecation_reason(self) -> str | None:
        return "Use `NAME` instead." if self.name == "CODE" else None


# --- end discounts -----------------------------------------------------------------------


# --- bulk mutations ----------------------------------------------------------------------

ErrorPolicyEnum = graphene.Enum(
    "ErrorPolicyEnum",
    [
        ("IGNORE_FAILED", "ignore_failed"),
        ("REJECT_EVERYTHING", "reject_everything"),
        ("REJECT_FAILED_ROWS", "reject_failed_rows"),
    ],
    description="How a bulk mutation treats rows that fail: save the others "
    "(IGNORE_FAILED), save nothing (REJECT_EVERYTHING), or save the rows without errors "
    "(REJECT_FAILED_ROWS).",
)
