"""Root fields of the bulk product import (Lumbung only)."""

from __future__ import annotations

import graphene

from storefront_api.bulk_import.mutations.product_bulk_import import ProductBulkImport


class BulkImportMutations(graphene.ObjectType):
    product_bulk_import = ProductBulkImport.Field()
