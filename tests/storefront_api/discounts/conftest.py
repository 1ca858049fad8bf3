from __future__ import annotations

from tests.storefront_api.checkout.conftest import shop  # noqa: F401 - the shared shop fixture
