"""Cooperative activity and health reporting for the Dinas Koperasi.

Reads sales only through ``marketplace.orders.reporting`` (see pyproject's
import-linter contracts). Built in a later step; nothing here runs yet.
"""
