"""The front page, as a villager on a phone sees it."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_front_page_lists_the_village_shops_in_indonesian(site, phone, phone_nojs, screenshot, js):
    page = phone if js else phone_nojs
    page.goto(site.url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("heading", name="Toko desa").is_visible()
    assert page.get_by_text("Lumbung Desa Pecatu").is_visible()
    assert page.get_by_text("Lumbung Desa Bakalankrapyak").is_visible()
    screenshot(page, f"home-{'js' if js else 'nojs'}")
