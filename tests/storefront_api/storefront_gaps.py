"""What a Saleor storefront can send or read that Lumbung does not serve yet.

Saleor 3.24's storefront-reachable schema (see ``storefront_reach`` in
``test_schema_compatibility.py``) minus what Lumbung serves, as schema coordinates: a
missing type stands for its fields, a missing field for its arguments. The test fails
when a new gap appears and when a listed one is closed (then delete it here), so this
list always says exactly what a storefront would still miss. One line per Saleor type.
"""

from __future__ import annotations

NOT_YET_SERVED: frozenset[str] = frozenset(
    """
    AccountConfirmModeEnum
    AccountError.attributes
    Address.metafield Address.metafields Address.privateMetafield Address.privateMetafields
    AddressInput.metadata
    App
    AppBrand
    AppBrandLogo
    AppError
    AppErrorCode
    AppExtension
    AppTokenVerify
    AppTypeEnum
    AssignedAttributeReferenceInput
    AssignedAttributeValueInput
    AssignedAttributeWhereInput
    AssignedMultiCategoryReferenceAttribute
    AssignedMultiCollectionReferenceAttribute
    AssignedMultiPageReferenceAttribute
    AssignedMultiProductReferenceAttribute
    AssignedMultiProductVariantReferenceAttribute
    AssignedSingleCategoryReferenceAttribute
    AssignedSinglePageReferenceAttribute
    AssignedSingleProductReferenceAttribute
    AssignedSingleProductVariantReferenceAttribute
    AssignedSwatchAttribute
    AssignedSwatchAttributeValue
    AssignedTextAttribute
    Attribute.choices(filter:) Attribute.choices(search:) Attribute.choices(sortBy:)
    Attribute.choices(where:) Attribute.externalReference Attribute.metadata
    Attribute.metafield Attribute.metafields Attribute.privateMetadata
    Attribute.privateMetafield Attribute.privateMetafields Attribute.productTypes
    Attribute.productVariantTypes Attribute.referenceTypes
    AttributeBulkCreate
    AttributeBulkCreateError
    AttributeBulkCreateErrorCode
    AttributeBulkCreateResult
    AttributeBulkDelete
    AttributeBulkUpdate
    AttributeBulkUpdateError
    AttributeBulkUpdateErrorCode
    AttributeBulkUpdateInput
    AttributeBulkUpdateResult
    AttributeChoicesSortField
    AttributeChoicesSortingInput
    AttributeCreateInput.availableInGrid AttributeCreateInput.externalReference
    AttributeCreateInput.filterableInDashboard AttributeCreateInput.isVariantOnly
    AttributeCreateInput.referenceTypes
    AttributeEntityTypeEnumFilterInput
    AttributeFilterInput.availableInGrid AttributeFilterInput.filterableInDashboard
    AttributeFilterInput.isVariantOnly AttributeFilterInput.metadata
    AttributeInputTypeEnumFilterInput
    AttributeReorderValues
    AttributeSortField
    AttributeSortingInput
    AttributeTranslatableContent
    AttributeTranslation.translatableContent
    AttributeTypeEnumFilterInput
    AttributeUpdateInput.availableInGrid AttributeUpdateInput.externalReference
    AttributeUpdateInput.filterableInDashboard AttributeUpdateInput.isVariantOnly
    AttributeUpdateInput.referenceTypes
    AttributeValue.date AttributeValue.externalReference
    AttributeValueBulkDelete
    AttributeValueCreateInput.contentType AttributeValueCreateInput.externalReference
    AttributeValueCreateInput.fileUrl AttributeValueCreateInput.value
    AttributeValueFilterInput
    AttributeValueTranslatableContent
    AttributeValueTranslation.translatableContent
    AttributeValueUpdateInput.contentType AttributeValueUpdateInput.externalReference
    AttributeValueUpdateInput.fileUrl AttributeValueUpdateInput.value
    AttributeValueWhereInput
    AttributeWhereInput
    CardInput
    CardPaymentMethodDetails
    Category.descriptionJson Category.metadata Category.metafield Category.metafields
    Category.privateMetadata Category.privateMetafield Category.privateMetafields
    CategoryFilterInput.metadata CategoryFilterInput.updatedAt
    CategoryTranslatableContent
    CategoryTranslation.descriptionJson CategoryTranslation.translatableContent
    Channel.availableShippingMethodsPerCountry Channel.metadata Channel.metafield
    Channel.metafields Channel.privateMetadata Channel.privateMetafield
    Channel.privateMetafields
    Checkout.storedPaymentMethods
    CheckoutCountableConnection
    CheckoutCountableEdge
    CheckoutCreateFromOrder
    CheckoutCreateFromOrderError
    CheckoutCreateFromOrderErrorCode
    CheckoutCreateFromOrderUnavailableVariant
    CheckoutCreateFromOrderUnavailableVariantErrorCode
    CheckoutCustomerNoteUpdate
    CheckoutLanguageCodeUpdate
    CheckoutLine.metadata CheckoutLine.metafield CheckoutLine.metafields
    CheckoutLine.priorTotalPrice CheckoutLine.priorUnitPrice CheckoutLine.privateMetadata
    CheckoutLine.privateMetafield CheckoutLine.privateMetafields CheckoutLine.problems
    CheckoutLineInput.price CheckoutLineInput.priceOverrideReason
    CheckoutLineProblem
    CheckoutLineUpdateInput.price CheckoutLineUpdateInput.priceOverrideReason
    CircuitBreakerStateEnum
    Collection.descriptionJson Collection.metadata Collection.metafield Collection.metafields
    Collection.privateMetadata Collection.privateMetafield Collection.privateMetafields
    CollectionFilterInput.channel CollectionFilterInput.metadata
    CollectionFilterInput.published
    CollectionPublished
    CollectionTranslatableContent
    CollectionTranslation.descriptionJson CollectionTranslation.translatableContent
    ContainsFilterInput
    CountryDisplay.vat
    CountryFilterInput
    CreditCard
    DateRangeInput
    DateTimeFilterInput
    DecimalRangeInput
    Domain
    ErrorPolicyEnum
    ExternalAuthentication
    ExternalNotificationError
    ExternalNotificationErrorCodes
    ExternalNotificationTrigger
    ExternalNotificationTriggerInput
    Fulfillment.metadata Fulfillment.metafield Fulfillment.metafields
    Fulfillment.privateMetadata Fulfillment.privateMetafield Fulfillment.privateMetafields
    Fulfillment.reason Fulfillment.reasonReference Fulfillment.shippingRefundedAmount
    Fulfillment.totalRefundedAmount
    FulfillmentLine.reason FulfillmentLine.reasonReference
    GiftCard.boughtInChannel GiftCard.created GiftCard.createdBy GiftCard.endDate
    GiftCard.expiryDate GiftCard.lastUsedOn GiftCard.metadata GiftCard.metafield
    GiftCard.metafields GiftCard.privateMetadata GiftCard.privateMetafield
    GiftCard.privateMetafields GiftCard.product GiftCard.startDate GiftCard.usedBy
    GiftCard.usedByEmail GiftCard.user
    GiftCardCountableConnection
    GiftCardCountableEdge
    GiftCardPaymentMethodDetails
    Group
    IconThumbnailFormatEnum
    Invoice
    JobStatusEnum
    MeasurementUnitsEnumFilterInput
    MediaChoicesSortField
    MediaSortingInput
    Menu.metadata Menu.metafield Menu.metafields Menu.privateMetadata Menu.privateMetafield
    Menu.privateMetafields
    MenuFilterInput.metadata
    MenuItem.metadata MenuItem.metafield MenuItem.metafields MenuItem.privateMetadata
    MenuItem.privateMetafield MenuItem.privateMetafields
    MenuItemCountableConnection
    MenuItemCountableEdge
    MenuItemFilterInput
    MenuItemSortingInput
    MenuItemTranslatableContent
    MenuItemTranslation.translatableContent
    MenuItemsSortField
    MenuSortField
    MenuSortingInput
    MetadataFilter
    MetadataFilterInput
    MetadataValueFilterInput
    MoneyInput
    MoneyRange
    Mutation.appTokenVerify Mutation.attributeBulkCreate Mutation.attributeBulkDelete
    Mutation.attributeBulkUpdate Mutation.attributeDelete(externalReference:)
    Mutation.attributeReorderValues Mutation.attributeUpdate(externalReference:)
    Mutation.attributeValueBulkDelete Mutation.attributeValueDelete(externalReference:)
    Mutation.attributeValueUpdate(externalReference:) Mutation.checkoutCreateFromOrder
    Mutation.checkoutCustomerNoteUpdate Mutation.checkoutLanguageCodeUpdate
    Mutation.externalNotificationTrigger Mutation.paymentCheckBalance
    Mutation.paymentGatewayInitializeTokenization Mutation.paymentInitialize
    Mutation.paymentMethodInitializeTokenization Mutation.paymentMethodProcessTokenization
    Mutation.sendConfirmationEmail Mutation.storedPaymentMethodRequestDelete
    Order.actions Order.availableCollectionPoints Order.canFinalize Order.errors
    Order.externalReference Order.giftCards Order.invoices Order.origin Order.original
    Order.payments Order.redirectUrl Order.shippingMethods Order.shippingTaxClassMetadata
    Order.shippingTaxClassName Order.shippingTaxClassPrivateMetadata Order.trackingClientId
    Order.weight
    OrderAction
    OrderLine.isPriceOverridden OrderLine.metadata OrderLine.metafield OrderLine.metafields
    OrderLine.privateMetadata OrderLine.privateMetafield OrderLine.privateMetafields
    OrderLine.saleId OrderLine.taxClassMetadata OrderLine.taxClassName
    OrderLine.taxClassPrivateMetadata
    OrderOriginEnum
    OtherPaymentMethodDetails
    Page.attribute Page.contentJson Page.metadata Page.metafield Page.metafields
    Page.privateMetadata Page.privateMetafield Page.privateMetafields Page.publicationDate
    PageFilterInput.metadata PageFilterInput.pageTypes
    PageSortField
    PageSortingInput
    PageTranslatableContent
    PageTranslation.contentJson PageTranslation.translatableContent
    PageType.attributes PageType.metadata PageType.metafield PageType.metafields
    PageType.privateMetadata PageType.privateMetafield PageType.privateMetafields
    PageTypeCountableConnection
    PageTypeCountableEdge
    PageTypeFilterInput
    PageTypeSortField
    PageTypeSortingInput
    PageWhereInput.AND PageWhereInput.OR PageWhereInput.attributes PageWhereInput.metadata
    PageWhereInput.pageType
    PasswordLoginModeEnum
    Payment.creditCard Payment.metafield Payment.metafields Payment.privateMetafield
    Payment.privateMetafields
    PaymentCheckBalance
    PaymentCheckBalanceInput
    PaymentError.variants
    PaymentGatewayInitializeTokenization
    PaymentGatewayInitializeTokenizationError
    PaymentGatewayInitializeTokenizationErrorCode
    PaymentGatewayInitializeTokenizationResult
    PaymentInitialize
    PaymentInitialized
    PaymentMethodDetails
    PaymentMethodInitializeTokenization
    PaymentMethodInitializeTokenizationError
    PaymentMethodInitializeTokenizationErrorCode
    PaymentMethodProcessTokenization
    PaymentMethodProcessTokenizationError
    PaymentMethodProcessTokenizationErrorCode
    PaymentMethodRequestDeleteError
    PaymentMethodTokenizationResult
    PaymentSource
    Permission
    PostalCodeRuleInclusionTypeEnum
    PreorderData
    Product.attribute Product.availableForPurchase Product.chargeTaxes Product.collections
    Product.descriptionJson Product.externalReference Product.imageById Product.images
    Product.media(sortBy:) Product.mediaById Product.productVariants(filter:)
    Product.productVariants(sortBy:) Product.productVariants(where:) Product.taxType
    ProductImage
    ProductMedia.metadata ProductMedia.metafield ProductMedia.metafields
    ProductMedia.oembedData ProductMedia.privateMetadata ProductMedia.privateMetafield
    ProductMedia.privateMetafields
    ProductPricingInfo.discountLocalCurrency ProductPricingInfo.discountPrior
    ProductPricingInfo.priceRangeLocalCurrency ProductPricingInfo.priceRangePrior
    ProductTranslatableContent
    ProductTranslation.descriptionJson ProductTranslation.translatableContent
    ProductType.metadata ProductType.metafield ProductType.metafields
    ProductType.privateMetadata ProductType.privateMetafield ProductType.privateMetafields
    ProductType.products ProductType.taxType
    ProductTypeConfigurable
    ProductTypeEnum
    ProductTypeFilterInput
    ProductTypeSortField
    ProductTypeSortingInput
    ProductVariant.assignedAttribute ProductVariant.assignedAttributes
    ProductVariant.externalReference ProductVariant.images ProductVariant.margin
    ProductVariant.preorder
    ProductVariantFilterInput
    ProductVariantSortField
    ProductVariantSortingInput
    ProductVariantTranslatableContent
    ProductVariantTranslation.translatableContent
    ProductVariantWhereInput
    Query.attribute(externalReference:) Query.attributes(sortBy:) Query.attributes(where:)
    Query.menuItem Query.menuItems Query.menus(sortBy:) Query.pageType Query.pageTypes
    Query.pages(sortBy:) Query.product(externalReference:) Query.productTypes(filter:)
    Query.productTypes(sortBy:) Query.productVariant(externalReference:) Query.productVariants
    Query.refundSettings Query.returnSettings Query.taxTypes Query.webhookSamplePayload
    ReducedRate
    ReferenceType
    RefundSettings
    ReorderInput
    ReturnSettings
    SendConfirmationEmail
    SendConfirmationEmailError
    SendConfirmationEmailErrorCode
    ShippingMethod.maximumOrderPrice ShippingMethod.maximumOrderWeight ShippingMethod.metadata
    ShippingMethod.metafield ShippingMethod.metafields ShippingMethod.minimumOrderPrice
    ShippingMethod.minimumOrderWeight ShippingMethod.privateMetadata
    ShippingMethod.privateMetafield ShippingMethod.privateMetafields ShippingMethod.type
    ShippingMethodPostalCodeRule
    ShippingMethodTranslatableContent
    ShippingMethodTranslation.translatableContent
    ShippingMethodType
    ShippingMethodTypeEnum
    ShippingMethodsPerCountry
    ShippingZone
    ShippingZoneCountableConnection
    ShippingZoneCountableEdge
    Shop.accountConfirmMergeMode Shop.allowStorefrontTraffic
    Shop.availableExternalAuthentications Shop.availablePaymentGateways
    Shop.chargeTaxesOnShipping Shop.companyAddress Shop.countries Shop.customerSetPasswordUrl
    Shop.defaultWeightUnit Shop.displayGrossPrices Shop.domain Shop.fulfillmentAllowUnpaid
    Shop.fulfillmentAutoApprove Shop.headerText Shop.id Shop.includeTaxesInPrices
    Shop.languages Shop.metadata Shop.metafield Shop.metafields Shop.passwordLoginMode
    Shop.permissions Shop.phonePrefixes Shop.privateMetadata Shop.privateMetafield
    Shop.privateMetafields Shop.schemaVersion Shop.trackInventoryByDefault Shop.translation
    Shop.useLegacyShippingZoneStockAvailability Shop.useLegacyUpdateWebhookEmission
    ShopTranslation
    StoredPaymentMethod
    StoredPaymentMethodRequestDelete
    StoredPaymentMethodRequestDeleteErrorCode
    StoredPaymentMethodRequestDeleteResult
    TaxType
    ThumbnailFormatEnum.AVIF
    TokenizedPaymentFlowEnum
    TransactionEvent.idempotencyKey TransactionEvent.reasonReference
    TransactionItem.createdBy TransactionItem.metafield TransactionItem.metafields
    TransactionItem.paymentMethodDetails TransactionItem.privateMetafield
    TransactionItem.privateMetafields TransactionItem.reason TransactionItem.reasonReference
    User.accessibleChannels User.checkout User.checkoutIds User.checkoutTokens User.checkouts
    User.editableGroups User.externalReference User.giftCards User.permissionGroups
    User.restrictedAccessToChannels User.storedPaymentMethods User.storedPaymentSources
    UserPermission.sourcePermissionGroups
    VAT
    VariantPricingInfo.discountLocalCurrency VariantPricingInfo.discountPrior
    VariantPricingInfo.priceLocalCurrency VariantPricingInfo.pricePrior
    Voucher.metadata Voucher.metafield Voucher.metafields Voucher.onlyForStaff
    Voucher.privateMetadata Voucher.privateMetafield Voucher.privateMetafields
    VoucherTranslatableContent
    VoucherTranslation.translatableContent
    Warehouse.companyName Warehouse.externalReference Warehouse.metadata Warehouse.metafield
    Warehouse.metafields Warehouse.privateMetadata Warehouse.privateMetafield
    Warehouse.privateMetafields Warehouse.shippingZones
    WebhookSampleEventTypeEnum
    """.split()
)
