"""A product list's thumbnail links are the thumbnail view's own routes, as ``reverse``
gives them, whatever the id, size, format and script prefix."""

from __future__ import annotations

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from storefront_api.catalog.types.media import thumbnail_path
from storefront_api.core.ids import global_id


@pytest.mark.parametrize("prefix", ["/", "/toko/"])
@pytest.mark.parametrize("pk", [1, 42, 987654321, 5_000_000_017])
@pytest.mark.parametrize(("size", "fmt"), [(512, "original"), (1024, "webp"), (64, "avif")])
def test_thumbnail_links_are_the_views_routes(prefix: str, pk: int, size: int, fmt: str) -> None:
    media_id = global_id("ProductMedia", pk)
    set_script_prefix(prefix)
    try:
        if fmt == "original":
            expected = reverse("thumbnail", kwargs={"instance_id": media_id, "size": size})
        else:
            expected = reverse(
                "thumbnail-format", kwargs={"instance_id": media_id, "size": size, "format": fmt}
            )
        assert thumbnail_path(media_id, size, fmt) == expected
        assert expected.startswith(prefix)
    finally:
        clear_script_prefix()
