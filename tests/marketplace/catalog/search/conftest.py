"""The demo catalog, loaded once per module inside a transaction rolled back at the end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction

from marketplace.catalog.models import Product
from marketplace.catalog.search import vocabulary_rebuild
from marketplace.demo.data import demo_data_load
from tests.storefront_api.catalog.conftest import World, world  # noqa: F401 (the small world)


@pytest.fixture(scope="module")
def demo_catalog(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        demo_data_load()
        vocabulary_rebuild()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def catalog(demo_catalog: None, db: None) -> type[Product]:
    return Product
