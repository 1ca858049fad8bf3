"""Catalog types with Saleor's names and fields, one module per area (as Saleor's
``graphql/product/types/``): :mod:`.categories`, :mod:`.product_types`, :mod:`.attributes`,
:mod:`.products`, :mod:`.variants`, :mod:`.media` (and thumbnails), :mod:`.channels`
(channel listings and prices), :mod:`.stocks`, :mod:`.errors`, and :mod:`.common` (helpers,
tax types; money, weight and images are shared from :mod:`storefront_api.core.types`).
Import each name from its module: this package re-exports nothing.

Related objects are loaded with the loaders of :mod:`storefront_api.catalog.dataloaders`.
Channel listings, cost prices and stock are staff data: they are shown only within the
viewer's scope (:mod:`storefront_api.catalog.permissions`); outside it the field raises
``PermissionDenied`` (Saleor's ``MANAGE_PRODUCTS`` fields do the same) or, for
``costPrice``, is ``null``.

Types in different modules that refer to each other do so by dotted path
(``"storefront_api.catalog.types.products.Product"``), which graphene resolves when the
schema is built, so the modules import each other in one direction only.
"""
