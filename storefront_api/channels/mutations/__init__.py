"""Channel mutations, one per module."""
