"""GraphQL enums shared by every area, and the helpers that build an area's enums.

Each area keeps its own enums in ``storefront_api/<area>/enums.py`` (as Saleor keeps
``saleor/graphql/<area>/enums.py``); only what several areas use lives here. Domain code
lists its error codes in ``marketplace/<app>/error_codes.py``; an area's enums module turns
each into a graphene enum with :func:`to_graphene_enum`. On the wire a value is the
member's *name* (``INVALID_CREDENTIALS``); resolvers may return the member or its value.
"""

from __future__ import annotations

from enum import Enum

import graphene

from marketplace.core.error_codes import MetadataErrorCode as _MetadataErrorCode
from storefront_api.core.language_codes import LANGUAGE_CODES


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


# Saleor's permission codes (UserPermission.code), for accounts and apps.
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

# Used by several areas: images, weights, sorting, languages, metadata, bulk mutations.
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
WeightUnitsEnum = graphene.Enum(
    "WeightUnitsEnum",
    [("G", "g"), ("LB", "lb"), ("OZ", "oz"), ("KG", "kg"), ("TONNE", "tonne")],
    description="Units of weight; Lumbung stores and reports grams.",
)
OrderDirection = graphene.Enum(
    "OrderDirection",
    [("ASC", "asc"), ("DESC", "desc")],
    description="Sort direction.",
)
LanguageCodeEnum = graphene.Enum(
    "LanguageCodeEnum",
    [(code, code.lower().replace("_", "-")) for code in LANGUAGE_CODES],
    description="Language code (BCP 47).",
)
MetadataErrorCode = to_graphene_enum(_MetadataErrorCode)
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
