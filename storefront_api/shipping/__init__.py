"""GraphQL of delivery (Saleor's ``shipping``): shipping methods, zones and pickup."""
