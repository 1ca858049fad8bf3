"""Warehouse mutations, one per module."""
