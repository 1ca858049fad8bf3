"""Bulk imports of what cooperatives keep in spreadsheets (products with prices and stock).

It spans the catalog and the warehouses, so it sits above both.
"""
