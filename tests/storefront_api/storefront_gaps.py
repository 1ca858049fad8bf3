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
    Attribute.externalReference Attribute.productTypes
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
    AttributeCreateInput.availableInGrid AttributeCreateInput.externalReference
    AttributeCreateInput.filterableInDashboard AttributeCreateInput.isVariantOnly
    AttributeCreateInput.referenceTypes
    AttributeReorderValues
    AttributeTranslatableContent
    AttributeTranslation.translatableContent
    AttributeUpdateInput.availableInGrid AttributeUpdateInput.externalReference
    AttributeUpdateInput.filterableInDashboard AttributeUpdateInput.isVariantOnly
    AttributeUpdateInput.referenceTypes
    AttributeValue.date AttributeValue.externalReference
    AttributeValueBulkDelete
    AttributeValueCreateInput.contentType AttributeValueCreateInput.externalReference
    AttributeValueCreateInput.fileUrl AttributeValueCreateInput.value
    AttributeValueTranslatableContent
    AttributeValueTranslation.translatableContent
    AttributeValueUpdateInput.contentType AttributeValueUpdateInput.externalReference
    AttributeValueUpdateInput.fileUrl AttributeValueUpdateInput.value
    CategoryTranslatableContent
    CategoryTranslation.descriptionJson CategoryTranslation.translatableContent
    CollectionTranslatableContent
    CollectionTranslation.descriptionJson CollectionTranslation.translatableContent
    MenuItemFilterInput.metadata
    MenuItemTranslatableContent
    MenuItemTranslation.translatableContent
    Mutation.attributeBulkCreate Mutation.attributeBulkDelete
    Mutation.attributeBulkUpdate Mutation.attributeDelete(externalReference:)
    Mutation.attributeReorderValues Mutation.attributeUpdate(externalReference:)
    Mutation.attributeValueBulkDelete Mutation.attributeValueDelete(externalReference:)
    Mutation.attributeValueUpdate(externalReference:)
    Page.attribute Page.publicationDate
    PageTranslatableContent
    PageTranslation.contentJson PageTranslation.translatableContent
    Product.attribute Product.availableForPurchase Product.chargeTaxes
    Product.externalReference Product.imageById Product.images
    Product.taxType
    ProductImage
    ProductMedia.oembedData
    ProductTranslatableContent
    ProductTranslation.descriptionJson ProductTranslation.translatableContent
    ProductType.products ProductType.taxType
    ProductVariant.assignedAttribute ProductVariant.assignedAttributes
    ProductVariant.externalReference ProductVariant.images ProductVariant.margin
    ProductVariantTranslatableContent
    ProductVariantTranslation.translatableContent
    Query.taxTypes
    ReferenceType
    ReorderInput
    ShippingMethodTranslatableContent
    ShippingMethodTranslation.translatableContent
    Shop.translation
    ShopTranslation
    TaxType
    VoucherTranslatableContent
    VoucherTranslation.translatableContent
    """.split()
)
