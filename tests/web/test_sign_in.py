"""Signing in and out of the pages."""

import pytest

pytestmark = pytest.mark.browser


def test_a_hub_operator_signs_in_and_out_without_javascript(site, phone_nojs, sign_in):
    page = phone_nojs
    sign_in(page, "operator.pecatu@lumbung.test")
    assert page.url == site.url + "/"
    assert page.get_by_role("button", name="Keluar").is_visible()
    page.get_by_role("button", name="Keluar").click()
    assert page.get_by_role("link", name="Masuk").is_visible()


def test_a_wrong_password_is_said_next_to_the_field_and_signs_nobody_in(site, phone, sign_in):
    sign_in(phone, "operator.pecatu@lumbung.test", password="salah-sandi")
    assert "/akun/masuk/" in phone.url
    assert phone.locator(".error").first.is_visible()
    assert phone.get_by_role("link", name="Masuk").is_visible()


def test_sign_in_never_sends_a_person_to_another_host(site, phone, sign_in):
    sign_in(phone, "operator.pecatu@lumbung.test", next_url="https://example.com/")
    assert phone.url == site.url + "/"
