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
    AccountError.attributes
    AddressInput.metadata
    App
    AppBrand
    AppBrandLogo
    AppError
    AppErrorCode
    AppExtension
    AppTokenVerify
    AppTypeEnum
    CardInput
    Channel.availableShippingMethodsPerCountry
    Checkout.storedPaymentMethods
    CheckoutCreateFromOrder
    CheckoutCreateFromOrderError
    CheckoutCreateFromOrderErrorCode
    CheckoutCreateFromOrderUnavailableVariant
    CheckoutCreateFromOrderUnavailableVariantErrorCode
    CircuitBreakerStateEnum
    CountryDisplay.vat
    CountryFilterInput
    CreditCard
    ExternalNotificationError
    ExternalNotificationErrorCodes
    ExternalNotificationTrigger
    ExternalNotificationTriggerInput
    Fulfillment.shippingRefundedAmount Fulfillment.totalRefundedAmount
    Group
    Invoice
    JobStatusEnum
    MoneyInput
    MoneyRange
    Mutation.appTokenVerify
    Mutation.checkoutCreateFromOrder
    Mutation.externalNotificationTrigger Mutation.paymentCheckBalance
    Mutation.paymentGatewayInitializeTokenization Mutation.paymentInitialize
    Mutation.paymentMethodInitializeTokenization Mutation.paymentMethodProcessTokenization
    Mutation.sendConfirmationEmail Mutation.storedPaymentMethodRequestDelete
    Order.actions Order.externalReference Order.invoices Order.payments Order.shippingMethods
    Order.weight
    OrderAction
    Payment.creditCard
    PaymentCheckBalance
    PaymentCheckBalanceInput
    PaymentError.variants
    PaymentGatewayInitializeTokenization
    PaymentGatewayInitializeTokenizationError
    PaymentGatewayInitializeTokenizationErrorCode
    PaymentGatewayInitializeTokenizationResult
    PaymentInitialize
    PaymentInitialized
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
    Query.refundSettings
    Query.returnSettings Query.webhookSamplePayload
    ReducedRate
    RefundSettings
    ReturnSettings
    SendConfirmationEmail
    SendConfirmationEmailError
    SendConfirmationEmailErrorCode
    ShippingMethodPostalCodeRule
    ShippingMethodType
    ShippingMethodsPerCountry
    ShippingZone
    ShippingZoneCountableConnection
    ShippingZoneCountableEdge
    Shop.availablePaymentGateways Shop.countries Shop.permissions
    StoredPaymentMethod
    StoredPaymentMethodRequestDelete
    StoredPaymentMethodRequestDeleteErrorCode
    StoredPaymentMethodRequestDeleteResult
    TokenizedPaymentFlowEnum
    TransactionItem.createdBy
    User.accessibleChannels User.editableGroups User.externalReference User.permissionGroups
    User.restrictedAccessToChannels User.storedPaymentMethods User.storedPaymentSources
    UserPermission.sourcePermissionGroups
    VAT
    Warehouse.externalReference Warehouse.shippingZones
    WebhookSampleEventTypeEnum
    """.split()
)
