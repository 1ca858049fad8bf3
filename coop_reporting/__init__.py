"""Cooperative activity and health reporting for the Dinas Koperasi.

``indicators.py`` holds the pure calculations (no ORM); ``rules/`` the regulations'
weights, bands and categories as data. Sales are read only through
``marketplace.orders.reporting`` (see pyproject's import-linter contracts).
"""
