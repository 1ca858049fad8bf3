"""GraphQL of warehouses (Saleor's ``warehouse``): a hub's stock rooms and pickup points."""
