"""GraphQL of gift cards (Saleor's ``giftcard``): Lumbung issues none yet."""
