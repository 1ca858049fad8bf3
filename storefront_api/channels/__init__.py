"""GraphQL of sales channels (Saleor's ``channel``): one channel per village hub."""
