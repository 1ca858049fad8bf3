"""Lumbung's Django project and its domain apps (no GraphQL here: see storefront_api)."""

from marketplace.celery import app as celery_app

__all__ = ["celery_app"]
