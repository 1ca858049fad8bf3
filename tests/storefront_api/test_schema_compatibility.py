"""Lumbung's schema against Saleor's: whatever both have must have Saleor's exact shape.

For every type Lumbung serves that Saleor's reference schema also has: same kind; every
field Saleor has too with the same type (names, nullability, list wrapping); the same
arguments, with the same types and default values; the same input fields; the same enum
values; interfaces and union members Saleor also has. Lumbung may serve fewer fields
than Saleor (not implemented yet), but never a field, argument, input field or enum value
of its own unless listed in LUMBUNG_ONLY, and may omit an argument, input field or enum
value of Saleor's only if listed in MISSING_ALLOWED: clients sending them would fail.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    Undefined,
    ast_from_value,
    build_client_schema,
    build_schema,
    get_named_type,
    introspection_from_schema,
    print_ast,
)

from storefront_api.schema import schema as lumbung_schema
from tests.helpers import ROOT
from tests.storefront_api.storefront_gaps import NOT_YET_SERVED

REFERENCE = Path(ROOT).parent / "shared/reference/saleor-schema.graphql"

# Lumbung-only additions, by schema coordinate: "Type", "Type.field", "Type.field(arg:)",
# "Input.field", "Enum.VALUE", "Type implements Interface", "Union has Member".
LUMBUNG_ONLY: frozenset[str] = frozenset(
    {
        # accounts
        "AddressInput.villageCode",
        # search: Lumbung's filters, facets, "did you mean", suggestions
        "FacetCount",
        "PermitCounts",
        "PriceBandCount",
        "ProductCountableConnection.didYouMean",
        "ProductCountableConnection.facets",
        "ProductFacets",
        "ProductFilterInput.cooperatives",
        "ProductFilterInput.halal",
        "ProductFilterInput.hubs",
        "ProductFilterInput.inStock",
        "ProductFilterInput.pirt",
        "ProductFilterInput.producers",
        "Query.searchSuggestions",
        # bulk import
        "Mutation.productBulkImport",
        "ProductBulkImport",
        "ProductBulkImportError",
        "ProductBulkImportErrorCode",
        # village hubs
        "Channel.villageHub",
        "Cooperative",
        "CooperativeCountableConnection",
        "CooperativeCountableEdge",
        "CooperativeCreate",
        "CooperativeCreateInput",
        "CooperativeError",
        "CooperativeJenisEnum",
        "CooperativeStaffAdd",
        "CooperativeStaffMember",
        "CooperativeStaffRoleEnum",
        "CooperativeUpdate",
        "CooperativeUpdateInput",
        "HubOpeningHours",
        "HubOpeningHoursInput",
        "HubOperatorAdd",
        "HubSupplySet",
        "HubTimeZoneEnum",
        "Mutation.cooperativeCreate",
        "Mutation.cooperativeStaffAdd",
        "Mutation.cooperativeUpdate",
        "Mutation.hubOperatorAdd",
        "Mutation.hubSupplySet",
        "Mutation.producerCreate",
        "Mutation.producerUpdate",
        "Mutation.villageHubCreate",
        "Mutation.villageHubOpeningHoursSet",
        "Mutation.villageHubUpdate",
        "Producer",
        "ProducerCountableConnection",
        "ProducerCountableEdge",
        "ProducerCreate",
        "ProducerCreateInput",
        "ProducerError",
        "ProducerSizeClassEnum",
        "ProducerUpdate",
        "ProducerUpdateInput",
        "Query.cooperative",
        "Query.cooperatives",
        "Query.producer",
        "Query.producers",
        "Query.villageHub",
        "Query.villageHubs",
        "Region",
        "Village",
        "VillageHub",
        "VillageHubCountableConnection",
        "VillageHubCountableEdge",
        "VillageHubCreate",
        "VillageHubCreateInput",
        "VillageHubError",
        "VillageHubErrorCode",
        "VillageHubOpeningHoursSet",
        "VillageHubUpdate",
        "VillageHubUpdateInput",
        "Warehouse.cooperative",
        "Warehouse.villageHub",
        "WarehouseCreateInput.cooperative",
        "WarehouseCreateInput.villageCode",
        "WarehouseCreateInput.villageHub",
        "WarehouseUpdateInput.villageCode",
        "WeekdayEnum",
        # catalog
        "Product.cooperative",
        "Product.permits",
        "Product.producer",
        "ProductCreateInput.cooperative",
        "ProductCreateInput.producer",
        "ProductInput.producer",
        "ProductPermit",
        "ProductPermits",
        # checkout and orders
        "Fulfillment.cooperative",
        "Order.pickupCode",
        "Order.villageHub",
        "OrderLine.cooperative",
        "Query.orderByPickupCode",
        # acct: Saleor 3.24 removed checkoutLineDelete; older storefronts still send it
        "CheckoutLineDelete",
        "Mutation.checkoutLineDelete",
        # coop reporting: RAT reports, health assessments, activity status
        "CooperativeStatus",
        "HealthAspect",
        "HealthAssessment",
        "HealthComponent",
        "KspHealthFigureInput",
        "KspHealthInputSet",
        "Mutation.kspHealthInputSet",
        "Mutation.ratAttachmentUpload",
        "Mutation.ratReportCorrect",
        "Mutation.ratReportCreate",
        "Mutation.ratReportSubmit",
        "Mutation.ratReportUpdate",
        "Query.cooperativeStatus",
        "Query.healthAssessment",
        "Query.ratReport",
        "Query.ratReports",
        "RatAttachment",
        "RatAttachmentKindEnum",
        "RatAttachmentUpload",
        "RatAttachmentUploadInput",
        "RatBalanceSheet",
        "RatBalanceSheetInput",
        "RatError",
        "RatErrorCode",
        "RatIncomeStatement",
        "RatIncomeStatementInput",
        "RatMethodEnum",
        "RatReport",
        "RatReportCorrect",
        "RatReportCountableConnection",
        "RatReportCountableEdge",
        "RatReportCreate",
        "RatReportCreateInput",
        "RatReportInput",
        "RatReportStatusEnum",
        "RatReportSubmit",
        "RatReportUpdate",
        "RatShuDistributionLine",
        "RatShuDistributionLineInput",
        # cooperative members (anggota): registry, savings, applications
        "CooperativeMember",
        "CooperativeMemberCountableConnection",
        "CooperativeMemberCountableEdge",
        "CooperativeMemberCounts",
        "CooperativeMemberCreate",
        "CooperativeMemberCreateInput",
        "CooperativeMemberInvitationResend",
        "CooperativeMemberUpdate",
        "CooperativeMemberUpdateInput",
        "MemberApplication",
        "MemberApplicationApprove",
        "MemberApplicationCountableConnection",
        "MemberApplicationCountableEdge",
        "MemberApplicationReject",
        "MemberApplicationStatusEnum",
        "MemberApplicationSubmit",
        "MemberApplicationSubmitInput",
        "MemberError",
        "MemberErrorCode",
        "MemberSavings",
        "MemberSavingsRecord",
        "MemberSavingsRecordInput",
        "MemberSexEnum",
        "MemberStatusEnum",
        "Mutation.cooperativeMemberCreate",
        "Mutation.cooperativeMemberInvitationResend",
        "Mutation.cooperativeMemberUpdate",
        "Mutation.memberApplicationApprove",
        "Mutation.memberApplicationReject",
        "Mutation.memberApplicationSubmit",
        "Mutation.memberSavingsRecord",
        "Mutation.memberTokenCreate",
        "MemberTokenCreate",
        "MemberArea",
        "MemberCodeTokenCreate",
        "MemberRatReport",
        "MemberSavingsMovement",
        "MemberSignInCodeSend",
        "Mutation.memberSignInCodeSend",
        "Mutation.memberCodeTokenCreate",
        "Query.memberArea",
        "Query.myCooperativeMemberships",
        "Query.cooperativeMemberCounts",
        "Query.cooperativeMembers",
        "Query.memberApplications",
        "SavingsKindEnum",
        # members' SHU shares (jasa modal, jasa usaha), offline member transactions
        "CooperativeShuYear",
        "MemberOfflineTransactionRecord",
        "MemberOfflineTransactionRecordInput",
        "MemberShuShare",
        "Mutation.memberOfflineTransactionRecord",
        "Mutation.shuAllocationSet",
        "Query.cooperativeShu",
        "Query.myShu",
        "ShuAllocationInput",
        "ShuAllocationSet",
        "ShuError",
        "ShuErrorCode",
        # coop reporting: the RAT meeting online
        "RatAgendaItem",
        "RatAgendaItemStatusEnum",
        "RatAgendaItemStatusUpdate",
        "RatAgendaItemVote",
        "RatMeeting",
        "RatMeetingAttendanceConfirm",
        "RatMeetingAttendanceMark",
        "RatMeetingCreate",
        "RatMeetingCreateInput",
        "RatMeetingError",
        "RatMeetingErrorCode",
        "RatMeetingMethodEnum",
        "RatMeetingNoticeSend",
        "RatMeetingQuorum",
        "RatVoteChoiceEnum",
        "Mutation.ratAgendaItemStatusUpdate",
        "Mutation.ratAgendaItemVote",
        "Mutation.ratMeetingAttendanceConfirm",
        "Mutation.ratMeetingAttendanceMark",
        "Mutation.ratMeetingCreate",
        "Mutation.ratMeetingNoticeSend",
        "Query.ratMeetings",
        # coop reporting: district view for the Dinas Koperasi, officer assignments
        "DinasOfficerAssign",
        "DinasOfficerAssignInput",
        "DinasOfficerAssignment",
        "DinasOfficerAssignmentCountableConnection",
        "DinasOfficerAssignmentCountableEdge",
        "DinasOfficerError",
        "DinasOfficerErrorCode",
        "DinasOfficerUnassign",
        "DistrictActivityStatusCount",
        "DistrictActivityStatusEnum",
        "DistrictCooperative",
        "DistrictCooperativeCountableConnection",
        "DistrictCooperativeCountableEdge",
        "DistrictCooperativeFilterInput",
        "DistrictCooperativeFlag",
        "DistrictCooperativeSortField",
        "DistrictCooperativeSortingInput",
        "DistrictFlagCount",
        "DistrictHealthCategoryCount",
        "DistrictMonth",
        "DistrictRatCounts",
        "DistrictRatStatusEnum",
        "DistrictSummary",
        "Mutation.dinasOfficerAssign",
        "Mutation.dinasOfficerUnassign",
        "Query.dinasOfficerAssignments",
        "Query.districtCooperatives",
        "Query.districtSummary",
        # coop reporting: consultations between a cooperative and its Dinas
        "ConsultationAsk",
        "ConsultationAskInput",
        "ConsultationAttachment",
        "ConsultationClose",
        "ConsultationDesk",
        "ConsultationError",
        "ConsultationErrorCode",
        "ConsultationMessage",
        "ConsultationReply",
        "ConsultationReplyInput",
        "ConsultationSideEnum",
        "ConsultationStatusEnum",
        "ConsultationThread",
        "ConsultationThreadCountableConnection",
        "ConsultationThreadCountableEdge",
        "ConsultationTopicEnum",
        "Mutation.consultationAsk",
        "Mutation.consultationClose",
        "Mutation.consultationReply",
        "CooperativeOpenQuestions",
        "Query.consultationDesk",
        "Query.consultationThread",
        "Query.consultationThreads",
        # coop reporting: activity profile, offline sales, producer statements, exports
        "CoopSalesError",
        "CoopSalesErrorCode",
        "CooperativeActivityProfile",
        "CooperativeActivityTrend",
        "CooperativeCategorySales",
        "CooperativeFlag",
        "CooperativeMonthlySales",
        "Mutation.offlineSaleDelete",
        "Mutation.offlineSaleRecord",
        "Mutation.offlineSaleUpdate",
        "Mutation.reportExportRequest",
        "OfflineSale",
        "OfflineSaleDelete",
        "OfflineSaleInput",
        "OfflineSaleRecord",
        "OfflineSaleRecordInput",
        "OfflineSaleUpdate",
        "ProducerStatement",
        "ProducerStatementLine",
        "Query.cooperativeActivityProfile",
        "Query.cooperativeFlags",
        "Query.producerStatement",
        "Query.producerStatements",
        "Query.reportExport",
        "ReportExport",
        "ReportExportError",
        "ReportExportErrorCode",
        "ReportExportFormatEnum",
        "ReportExportKindEnum",
        "ReportExportRequest",
        "ReportExportRequestInput",
        "ReportExportStatusEnum",
        # discounts: vouchers of a village hub or a cooperative
        "Voucher.cooperative",
        "Voucher.villageHub",
        "VoucherInput.cooperative",
        "VoucherInput.villageHub",
    }
)

# Saleor arguments, input fields and enum values Lumbung knowingly does not accept yet.
MISSING_ALLOWED: frozenset[str] = frozenset(
    {
        # village hubs
        "ChannelCreateInput.addShippingZones",
        "ChannelCreateInput.addWarehouses",
        "ChannelCreateInput.metadata",
        "ChannelCreateInput.paymentSettings",
        "ChannelCreateInput.privateMetadata",
        "ChannelUpdateInput.addShippingZones",
        "ChannelUpdateInput.addWarehouses",
        "ChannelUpdateInput.metadata",
        "ChannelUpdateInput.paymentSettings",
        "ChannelUpdateInput.privateMetadata",
        "ChannelUpdateInput.removeShippingZones",
        "ChannelUpdateInput.removeWarehouses",
        "CheckoutSettingsInput.automaticCompletion",
        "Mutation.updateWarehouse(externalReference:)",
        "OrderSettingsInput.draftOrderLinePriceFreezePeriod",
        "OrderSettingsInput.includeDraftOrderInVoucherUsage",
        "OrderSettingsInput.useLegacyLineDiscountPropagation",
        "WarehouseCreateInput.externalReference",
        "WarehouseCreateInput.shippingZones",
        "WarehouseUpdateInput.externalReference",
        # catalog
        "AttributeValueInput.externalReference",
        "AttributeValueInput.references",
        "AttributeValueInput.swatch",
        "CategoryInput.backgroundImage",
        "CategoryInput.metadata",
        "CategoryInput.privateMetadata",
        "CategoryInput.seo",
        "Mutation.productDelete(externalReference:)",
        "Mutation.productUpdate(externalReference:)",
        "Mutation.productVariantDelete(externalReference:)",
        "Mutation.productVariantUpdate(externalReference:)",
        "ProductChannelListingAddInput.addVariants",
        "ProductChannelListingAddInput.availableForPurchaseDate",
        "ProductChannelListingAddInput.isAvailableForPurchase",
        "ProductChannelListingAddInput.publicationDate",
        "ProductChannelListingAddInput.removeVariants",
        "ProductCreateInput.chargeTaxes",
        "ProductCreateInput.collections",
        "ProductCreateInput.externalReference",
        "ProductCreateInput.metadata",
        "ProductCreateInput.privateMetadata",
        "ProductCreateInput.seo",
        "ProductCreateInput.taxClass",
        "ProductCreateInput.taxCode",
        "ProductInput.chargeTaxes",
        "ProductInput.collections",
        "ProductInput.externalReference",
        "ProductInput.metadata",
        "ProductInput.privateMetadata",
        "ProductInput.seo",
        "ProductInput.taxClass",
        "ProductInput.taxCode",
        "ProductMediaCreateInput.mediaUrl",
        "ProductVariant.stocks(address:)",
        "ProductVariant.stocks(countryCode:)",
        "ProductVariantChannelListingAddInput.preorderThreshold",
        "ProductVariantChannelListingAddInput.priorPrice",
        "ProductVariantCreateInput.externalReference",
        "ProductVariantCreateInput.metadata",
        "ProductVariantCreateInput.preorder",
        "ProductVariantCreateInput.privateMetadata",
        "ProductVariantInput.externalReference",
        "ProductVariantInput.metadata",
        "ProductVariantInput.preorder",
        "ProductVariantInput.privateMetadata",
        # content: collections, menus, pages
        "CollectionCreateInput.backgroundImage",
        "CollectionCreateInput.isPublished",
        "CollectionCreateInput.metadata",
        "CollectionCreateInput.privateMetadata",
        "CollectionCreateInput.publicationDate",
        "CollectionInput.backgroundImage",
        "CollectionInput.isPublished",
        "CollectionInput.metadata",
        "CollectionInput.privateMetadata",
        "CollectionInput.publicationDate",
        "PageCreateInput.attributes",
        "PageCreateInput.publicationDate",
        "PageInput.attributes",
        "PageInput.publicationDate",
        "PublishableChannelListingInput.publicationDate",
        # catalog: product types and attributes management
        "AttributeValueSelectableTypeInput.externalReference",
        "ProductTypeInput.taxClass",
        "ProductTypeInput.taxCode",
        # end catalog: product types and attributes management
        # checkout and orders
        "OrderFilterInput.authorizeStatus",
        "OrderFilterInput.checkoutIds",
        "OrderFilterInput.checkoutTokens",
        "OrderFilterInput.created",
        "OrderFilterInput.giftCardBought",
        "OrderFilterInput.giftCardUsed",
        "OrderFilterInput.isPreorder",
        "OrderFilterInput.metadata",
        "OrderFilterInput.updatedAt",
        "Query.orders(search:)",
        "Query.orders(sortBy:)",
        "Query.orders(where:)",
        "User.orders(where:)",
        # discounts: vouchers
        "VoucherFilterInput.metadata",
        "VoucherInput.onlyForStaff",
    }
)


@cache
def reference_schema() -> GraphQLSchema:
    return build_schema(REFERENCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def reference() -> GraphQLSchema:
    if not REFERENCE.exists():
        pytest.skip(f"Saleor's reference schema is not at {REFERENCE}")
    return reference_schema()


def _default(arg: GraphQLArgument | GraphQLInputField) -> str | None:
    if arg.default_value is Undefined:
        return None
    node = ast_from_value(arg.default_value, arg.type)
    return print_ast(node) if node else "null"


def _compare_inputs(
    coordinate: str,
    ours: dict[str, GraphQLArgument] | dict[str, GraphQLInputField],
    theirs: dict[str, GraphQLArgument] | dict[str, GraphQLInputField],
    *,
    arguments: bool,
) -> tuple[list[str], set[str]]:
    problems: list[str] = []
    used: set[str] = set()
    for name in sorted(set(ours) | set(theirs)):
        where = f"{coordinate}({name}:)" if arguments else f"{coordinate}.{name}"
        if name not in theirs:
            if where in LUMBUNG_ONLY:
                used.add(where)
            else:
                problems.append(f"{where}: not in Saleor's schema")
            continue
        if name not in ours:
            if where in MISSING_ALLOWED:
                used.add(where)
            else:
                problems.append(f"{where}: Saleor has it ({theirs[name].type}), Lumbung does not")
            continue
        if str(ours[name].type) != str(theirs[name].type):
            problems.append(f"{where}: type {ours[name].type}, Saleor {theirs[name].type}")
        elif _default(ours[name]) != _default(theirs[name]):
            problems.append(
                f"{where}: default {_default(ours[name])}, Saleor {_default(theirs[name])}"
            )
    return problems, used


_KINDS = {
    GraphQLObjectType: "type",
    GraphQLInterfaceType: "interface",
    GraphQLUnionType: "union",
    GraphQLEnumType: "enum",
    GraphQLInputObjectType: "input",
    GraphQLScalarType: "scalar",
}


def _kind(named_type: GraphQLNamedType) -> str:
    # graphene's types subclass graphql-core's
    return next(kind for cls, kind in _KINDS.items() if isinstance(named_type, cls))


def _compare_type(ours: GraphQLNamedType, theirs: GraphQLNamedType) -> tuple[list[str], set[str]]:
    name = ours.name
    problems: list[str] = []
    used: set[str] = set()

    def extra(coordinate: str, message: str) -> None:
        if coordinate in LUMBUNG_ONLY:
            used.add(coordinate)
        else:
            problems.append(f"{coordinate}: {message}")

    if _kind(ours) != _kind(theirs):
        return [f"{name}: {_kind(ours)}, Saleor {_kind(theirs)}"], used

    if isinstance(ours, GraphQLObjectType | GraphQLInterfaceType):
        assert isinstance(theirs, GraphQLObjectType | GraphQLInterfaceType)
        their_interfaces = {interface.name for interface in theirs.interfaces}
        for interface in ours.interfaces:
            if interface.name not in their_interfaces:
                extra(f"{name} implements {interface.name}", "Saleor's type does not")
        for field_name, field in ours.fields.items():
            coordinate = f"{name}.{field_name}"
            their_field = theirs.fields.get(field_name)
            if their_field is None:
                extra(coordinate, "not in Saleor's schema")
                continue
            if str(field.type) != str(their_field.type):
                problems.append(f"{coordinate}: type {field.type}, Saleor {their_field.type}")
            found, seen = _compare_inputs(coordinate, field.args, their_field.args, arguments=True)
            problems += found
            used |= seen
    elif isinstance(ours, GraphQLInputObjectType):
        assert isinstance(theirs, GraphQLInputObjectType)
        found, seen = _compare_inputs(name, ours.fields, theirs.fields, arguments=False)
        problems += found
        used |= seen
    elif isinstance(ours, GraphQLEnumType):
        assert isinstance(theirs, GraphQLEnumType)
        for value in sorted(set(ours.values) - set(theirs.values)):
            extra(f"{name}.{value}", "not in Saleor's enum")
        for value in sorted(set(theirs.values) - set(ours.values)):
            if f"{name}.{value}" in MISSING_ALLOWED:
                used.add(f"{name}.{value}")
            else:
                problems.append(f"{name}.{value}: in Saleor's enum, missing in Lumbung's")
    elif isinstance(ours, GraphQLUnionType):
        assert isinstance(theirs, GraphQLUnionType)
        their_members = {member.name for member in theirs.types}
        for member in ours.types:
            if member.name not in their_members:
                extra(f"{name} has {member.name}", "not a member of Saleor's union")
    return problems, used


def compare_schemas(ours: GraphQLSchema, theirs: GraphQLSchema) -> tuple[list[str], set[str]]:
    """Problems found, and the allow-list entries that were needed."""
    problems: list[str] = []
    used: set[str] = set()
    for root in ("query_type", "mutation_type", "subscription_type"):
        our_root, their_root = getattr(ours, root), getattr(theirs, root)
        if our_root is not None and (their_root is None or our_root.name != their_root.name):
            problems.append(f"schema {root}: {our_root.name}, Saleor {their_root}")
    for name, our_type in sorted(ours.type_map.items()):
        if name.startswith("__"):
            continue
        their_type = theirs.type_map.get(name)
        if their_type is None:
            if name in LUMBUNG_ONLY:
                used.add(name)
            else:
                problems.append(f"{name}: type not in Saleor's schema")
            continue
        found, seen = _compare_type(our_type, their_type)
        problems += found
        used |= seen
    return problems, used


def test_lumbung_schema_matches_saleor_where_they_overlap(reference):
    problems, _used = compare_schemas(lumbung_schema.graphql_schema, reference)
    assert not problems, (
        "Lumbung's schema differs from Saleor's (fix the shape, or list a deliberate "
        "Lumbung-only addition in LUMBUNG_ONLY):\n  " + "\n  ".join(problems)
    )


def test_allow_lists_have_no_stale_entries(reference):
    _problems, used = compare_schemas(lumbung_schema.graphql_schema, reference)
    stale = sorted((LUMBUNG_ONLY | MISSING_ALLOWED) - used)
    assert not stale, f"Remove from the allow-lists, no longer needed: {stale}"


def test_the_comparison_catches_differences(reference):
    broken = build_schema(
        """
        type Query { me: User!  shop: Shop  madeUpList: [String] }
        type Mutation { tokenCreate(email: String!, pass: String!): CreateToken }
        type User { email: String  firstName: String! }
        type Shop { name: String! }
        type CreateToken { token: String }
        enum AccountErrorCode { INVALID  NEW_CODE }
        type MadeUpType { name: String }
        type Holder { code: AccountErrorCode  thing: MadeUpType }
        """
    )
    problems, _used = compare_schemas(broken, reference)
    assert set(problems) >= {
        "Query.me: type User!, Saleor User",
        "Query.shop: type Shop, Saleor Shop!",
        "Query.madeUpList: not in Saleor's schema",
        "Mutation.tokenCreate(pass:): not in Saleor's schema",
        "Mutation.tokenCreate(password:): Saleor has it (String!), Lumbung does not",
        "Mutation.tokenCreate(audience:): Saleor has it (String), Lumbung does not",
        "User.email: type String, Saleor String!",
        "AccountErrorCode.NEW_CODE: not in Saleor's enum",
        "AccountErrorCode.INACTIVE: in Saleor's enum, missing in Lumbung's",
        "MadeUpType: type not in Saleor's schema",
        "Holder: type not in Saleor's schema",
    }


# --- everything a storefront can send or read ---------------------------------------------
#
# A storefront reaches, from Saleor's Query and Mutation, every field that needs no staff or
# app permission (its description names none, or only AUTHENTICATED_USER), then the fields'
# types, arguments, input fields, enum values, union members and interface implementations.
# Lumbung must serve each of these with Saleor's name and type, seen as a client sees them:
# through the default introspection query (which hides deprecated arguments and input
# fields), except the gaps listed in NOT_YET_SERVED.

_PERMISSIONS = re.compile(
    r"Requires (?:one of )?the following permissions: ([A-Z_]+(?:(?:, | and )[A-Z_]+)*)"
)
_CUSTOMER_PERMISSIONS = {"AUTHENTICATED_USER"}
# not followed to their implementations: every type is a Node
_OPEN_INTERFACES = {"Node", "ObjectWithMetadata"}
_FEDERATION = {"Query._entities", "Query._service"}


def _for_storefronts(field: GraphQLField) -> bool:
    found = _PERMISSIONS.search(field.description or "")
    return not found or bool(set(re.split(r", | and ", found.group(1))) & _CUSTOMER_PERMISSIONS)


def storefront_reach(reference: GraphQLSchema) -> dict[str, str]:
    """Saleor's storefront-reachable coordinates → their type ("" for types and values)."""
    reach: dict[str, str] = {}
    pending: list[GraphQLNamedType] = []

    def visit(type_: Any) -> None:
        named = get_named_type(type_)
        if named.name not in reach and not named.name.startswith("__"):
            reach[named.name] = ""
            pending.append(named)

    def add_field(owner: str, name: str, field: GraphQLField) -> None:
        if f"{owner}.{name}" in _FEDERATION or not _for_storefronts(field):
            return
        reach[f"{owner}.{name}"] = str(field.type)
        visit(field.type)
        for arg_name, arg in field.args.items():
            reach[f"{owner}.{name}({arg_name}:)"] = str(arg.type)
            visit(arg.type)

    for root in (reference.query_type, reference.mutation_type):
        for name, field in root.fields.items():
            add_field(root.name, name, field)
    while pending:
        named = pending.pop()
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            for name, field in named.fields.items():
                add_field(named.name, name, field)
        if isinstance(named, GraphQLInterfaceType) and named.name not in _OPEN_INTERFACES:
            for implementation in reference.get_possible_types(named):
                visit(implementation)
        elif isinstance(named, GraphQLUnionType):
            for member in named.types:
                visit(member)
        elif isinstance(named, GraphQLInputObjectType):
            for name, input_field in named.fields.items():
                reach[f"{named.name}.{name}"] = str(input_field.type)
                visit(input_field.type)
        elif isinstance(named, GraphQLEnumType):
            reach.update({f"{named.name}.{value}": "" for value in named.values})
    return reach


def as_clients_see_it(schema: GraphQLSchema) -> GraphQLSchema:
    """The schema a client builds from the default introspection query."""
    return build_client_schema(introspection_from_schema(schema, input_value_deprecation=False))


def served_type(schema: GraphQLSchema, coordinate: str) -> str | None:
    """The type of ``coordinate`` in ``schema`` ("" for types and enum values); None when
    the schema lacks it."""
    type_name, _, rest = coordinate.partition(".")
    named = schema.type_map.get(type_name)
    if named is None or not rest:
        return None if named is None else ""
    field_name, _, arg = rest.partition("(")
    if isinstance(named, GraphQLEnumType):
        return "" if field_name in named.values else None
    field = getattr(named, "fields", {}).get(field_name)
    if field is None:
        return None
    if not arg:
        return str(field.type)
    argument = field.args.get(arg.rstrip(":)"))
    return None if argument is None else str(argument.type)


def storefront_gaps(ours: GraphQLSchema, reference: GraphQLSchema) -> tuple[set[str], list[str]]:
    """Saleor coordinates a storefront reaches that Lumbung lacks (a missing type or field
    stands for its members), and those Lumbung serves with another type."""
    reach = storefront_reach(reference)
    missing = {coordinate for coordinate in reach if served_type(ours, coordinate) is None}
    wrong = [
        f"{coordinate}: type {served}, Saleor {reach[coordinate]}"
        for coordinate in sorted(reach)
        if (served := served_type(ours, coordinate)) not in (None, reach[coordinate])
    ]
    covered = {c for c in missing if "." in c and c.partition(".")[0] in missing}
    covered |= {c for c in missing if "(" in c and c.partition("(")[0] in missing}
    return missing - covered, wrong


def test_storefronts_find_all_of_saleors_storefront_schema_as_saleor_serves_it(reference):
    missing, wrong = storefront_gaps(as_clients_see_it(lumbung_schema.graphql_schema), reference)
    assert wrong == [], "served with another type than Saleor's"
    allowed = NOT_YET_SERVED
    assert sorted(missing - allowed) == [], "a storefront sending or reading these would fail"
    assert sorted(allowed - missing) == [], "served now: delete them from NOT_YET_SERVED"


def test_the_storefront_reach_catches_hidden_and_missing_parts(reference):
    lumbung = build_schema(
        """
        type Query { shop: Shop! }
        type Mutation {
          checkoutLinesAdd(id: ID, checkoutId: ID @deprecated(reason: "Use `id`."),
                           lines: [CheckoutLineInput!]!): CheckoutLinesAdd
        }
        type Shop { name: String! }
        type CheckoutLinesAdd { errors: [String!]! }
        input CheckoutLineInput { quantity: Int!  variantId: ID! }
        """
    )
    missing, wrong = storefront_gaps(as_clients_see_it(lumbung), reference)
    assert {
        "Mutation.checkoutLinesAdd(checkoutId:)",  # hidden from default introspection
        "Mutation.checkoutLinesAdd(token:)",
        "CheckoutLineInput.forceNewLine",
        "Shop.description",
        "Query.products",
        "Checkout",  # a whole type; its fields are not listed again
    } <= missing
    assert "Checkout.lines" not in missing
    assert "Query.staffUsers" not in missing  # staff only
    assert "CheckoutLinesAdd.errors: type [String!]!, Saleor [CheckoutError!]!" in wrong


def test_the_one_decimal_scalar_is_saleors_a_json_number():
    """graphene's own ``Decimal`` (a string on the wire) shares the name: a field declared
    with it would silently take the name over and turn every rupiah amount into a string."""
    import decimal

    scalar = lumbung_schema.graphql_schema.type_map["Decimal"]
    assert scalar.serialize(decimal.Decimal("1500000")) == 1500000
    assert scalar.serialize(decimal.Decimal("2.5")) == 2.5
