"""A villager's account in a real browser: register, sign in, passwords, orders, addresses."""

from __future__ import annotations

import email
import html
import json
import random
import re
import time
import urllib.request
from typing import Any

import pytest

from tests.web.conftest import Site

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

PASSWORD = "gula-aren-manis-77"
NEW_PASSWORD = "kopi-robusta-pelaga-9"


def new_phone() -> str:
    """A fresh mobile number in the national form people type (08…)."""
    return "0813" + "".join(random.choices("0123456789", k=8))


def e164(phone: str) -> str:
    return "+62" + phone[1:]


def graphql(site: Site, query: str, variables: dict[str, Any], token: str | None = None) -> dict:
    """A request to the site's GraphQL API over HTTP, as a storefront sends it."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        site.url + "/graphql/",
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers=headers,
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.loads(response.read())
    assert "errors" not in body, body
    return body["data"]


def register(page: Any, site: Site, *, name: str, phone: str = "", email: str = "") -> None:
    page.goto(f"{site.url}/akun/daftar/")
    page.get_by_label("Nama", exact=True).fill(name)
    if phone:
        page.get_by_label("Nomor HP (WhatsApp)").fill(phone)
    if email:
        page.get_by_label("E-mail (boleh dikosongkan)").fill(email)
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Buat akun").click()
    page.wait_for_load_state()


def sign_in(page: Any, site: Site, login: str, password: str = PASSWORD) -> None:
    page.goto(f"{site.url}/akun/masuk/")
    page.get_by_label("E-mail atau nomor HP").fill(login)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").last.click()
    page.wait_for_load_state()


def test_register_with_only_a_phone_then_sign_out_and_in_with_the_08_form(
    site: Site, phone_nojs: Any, screenshot: Any
):
    page = phone_nojs
    number = new_phone()
    page.goto(f"{site.url}/akun/daftar/")
    screenshot(page, "account-register")
    register(page, site, name="Ni Kadek Sari", phone=number)
    # signed in at once, on the account page, the number stored in E.164
    assert page.url == f"{site.url}/akun/"
    assert page.get_by_text("Selamat datang! Akun Anda sudah siap.").is_visible()
    assert page.get_by_text(e164(number)).is_visible()
    screenshot(page, "account-overview")
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["sessionid"]["httpOnly"] is True
    assert cookies["sessionid"]["sameSite"] == "Lax"
    assert cookies["csrftoken"]["sameSite"] == "Lax"
    # sign out, then in again with the number as typed on the phone
    page.get_by_role("button", name="Keluar").click()
    assert page.get_by_role("link", name="Masuk").is_visible()
    sign_in(page, site, number)
    assert page.url == site.url + "/"
    assert page.get_by_role("button", name="Keluar").is_visible()


def test_wrong_passwords_make_the_page_say_how_long_to_wait(
    site: Site, phone: Any, screenshot: Any
):
    number = new_phone()
    register(phone, site, name="Komang", phone=number)
    phone.get_by_role("button", name="Keluar").click()
    for n in range(4):
        sign_in(phone, site, number, password=f"salah-{n}")
    sign_in(phone, site, number)  # the right one, while delayed
    error = phone.locator("#id_email-error")
    assert error.is_visible()
    assert "Terlalu banyak percobaan masuk yang gagal. Tunggu" in error.inner_text()
    assert phone.get_by_role("link", name="Masuk").is_visible()  # not signed in
    screenshot(phone, "account-sign-in-delayed")


TOKEN_CREATE = """mutation($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token refreshToken errors { code } } }"""
TOKEN_REFRESH = """mutation($refreshToken: String!) {
  tokenRefresh(refreshToken: $refreshToken) { token errors { code } } }"""


def reset_link(site: Site, address: str, *, timeout: float = 120) -> str:
    """The password reset link e-mailed to ``address`` (a worker sends it: wait for it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for raw in reversed(site.mails()):
            for text in raw.split("-" * 79):
                message = email.message_from_string(text.strip())
                if address not in str(message.get("To", "")):
                    continue
                for part in message.walk():
                    body = part.get_payload(decode=True)
                    found = re.search(rb"https?://\S+/akun/sandi-baru/\?[^\s\"<>]+", body or b"")
                    if found:
                        return html.unescape(found.group(0).decode())
        time.sleep(1)
    raise AssertionError(f"no password reset e-mail to {address}")


def test_password_reset_by_email_signs_out_other_devices_and_revokes_tokens(
    site: Site, phone: Any, phone_nojs: Any, screenshot: Any
):
    email = f"warga{random.randrange(10**8)}@desa.id"
    register(phone, site, name="Made Wirawan", email=email, phone=new_phone())
    # another device signed in on the pages, and an app holding API tokens
    sign_in(phone_nojs, site, email)
    tokens = graphql(site, TOKEN_CREATE, {"email": email, "password": PASSWORD})["tokenCreate"]
    assert tokens["errors"] == []
    # when: the password is reset from the e-mailed link
    phone.get_by_role("button", name="Keluar").click()
    phone.goto(f"{site.url}/akun/masuk/")
    phone.get_by_role("link", name="Lupa kata sandi?").click()
    phone.get_by_label("E-mail atau nomor HP").fill(email)
    screenshot(phone, "account-password-reset")
    phone.get_by_role("button", name="Kirim tautan").click()
    assert phone.get_by_text("kami sudah mengirim tautan").is_visible()
    phone.goto(reset_link(site, email))
    phone.get_by_label("Kata sandi baru").fill(NEW_PASSWORD)
    phone.get_by_role("button", name="Simpan kata sandi baru").click()
    # then: signed in here with the new password ...
    assert phone.url == f"{site.url}/akun/"
    assert phone.get_by_text("Kata sandi baru Anda sudah disimpan.").is_visible()
    # ... the other device is signed out, the old refresh token is dead
    phone_nojs.goto(f"{site.url}/akun/")
    assert "/akun/masuk/" in phone_nojs.url
    refreshed = graphql(site, TOKEN_REFRESH, {"refreshToken": tokens["refreshToken"]})
    assert refreshed["tokenRefresh"]["token"] is None
    assert [e["code"] for e in refreshed["tokenRefresh"]["errors"]] == ["JWT_INVALID_TOKEN"]
    assert (
        graphql(site, TOKEN_CREATE, {"email": email, "password": NEW_PASSWORD})["tokenCreate"][
            "errors"
        ]
        == []
    )


PRODUCTS = """query { products(channel: "pecatu", first: 20) {
  edges { node { variants { id quantityAvailable } } } } }"""
CHECKOUT_CREATE = """mutation($input: CheckoutCreateInput!) { checkoutCreate(input: $input) {
  checkout { id availableCollectionPoints { id } } errors { field code message } } }"""
DELIVERY = """mutation($id: ID!, $method: ID!) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) { errors { field code } } }"""
COMPLETE = """mutation($id: ID!) { checkoutComplete(id: $id) {
  order { number pickupCode } errors { field code message } } }"""


def place_guest_order(site: Site, *, phone: str) -> dict[str, Any]:
    """A pay-at-pickup order in Pecatu placed by a guest, as a storefront does."""
    products = graphql(site, PRODUCTS, {})["products"]["edges"]
    variant = next(
        v["id"]
        for edge in products
        for v in edge["node"]["variants"]
        if (v["quantityAvailable"] or 0) > 0
    )
    address = {
        "firstName": "Ni Luh",
        "lastName": "Ayu",
        "streetAddress1": "Jl. Raya Uluwatu 12",
        "city": "Kabupaten Badung",
        "cityArea": "Kuta Selatan",
        "countryArea": "Bali",
        "postalCode": "80361",
        "country": "ID",
        "phone": phone,
    }
    created = graphql(
        site,
        CHECKOUT_CREATE,
        {
            "input": {
                "channel": "pecatu",
                "email": f"tamu{random.randrange(10**8)}@example.com",
                "lines": [{"variantId": variant, "quantity": 1}],
                "billingAddress": address,
            }
        },
    )["checkoutCreate"]
    assert created["errors"] == [], created
    checkout = created["checkout"]
    pickup = checkout["availableCollectionPoints"][0]["id"]
    chosen = graphql(site, DELIVERY, {"id": checkout["id"], "method": pickup})
    assert chosen["checkoutDeliveryMethodUpdate"]["errors"] == []
    done = graphql(site, COMPLETE, {"id": checkout["id"]})["checkoutComplete"]
    assert done["errors"] == [], done
    return done["order"]


def test_a_guest_order_of_the_same_phone_joins_my_orders_once_the_phone_is_confirmed(
    site: Site, phone_nojs: Any, screenshot: Any
):
    page = phone_nojs
    number = new_phone()
    order = place_guest_order(site, phone=number)
    assert order["pickupCode"]
    register(page, site, name="Ni Luh Ayu", phone=number)
    page.get_by_role("link", name="Pesanan saya").click()
    assert page.get_by_text("Anda belum punya pesanan.").is_visible()
    # a wrong code is said next to the field and attaches nothing
    page.get_by_label("Kode ambil").fill("AAAAAA")
    page.get_by_role("button", name="Konfirmasi nomor saya").click()
    assert page.locator("#id_pickup_code-error").is_visible()
    assert page.get_by_text("Anda belum punya pesanan.").is_visible()
    # the order's own pickup code proves the number
    page.get_by_label("Kode ambil").fill(order["pickupCode"].lower())
    page.get_by_role("button", name="Konfirmasi nomor saya").click()
    assert page.get_by_text("Nomor HP Anda sudah terkonfirmasi.").is_visible()
    row = page.get_by_role("row").filter(has_text=f"#{order['number']}")
    assert row.is_visible()
    assert re.search(r"Rp[\d.]+", row.inner_text())
    assert not page.get_by_label("Kode ambil").count()
    screenshot(page, "account-orders")


def test_addresses_add_edit_delete_and_someone_elses_address_is_not_found(
    site: Site, phone: Any, screenshot: Any
):
    register(phone, site, name="Putu", phone=new_phone())
    phone.goto(f"{site.url}/akun/alamat/")
    phone.get_by_role("link", name="Tambah alamat").click()
    phone.get_by_label("Nama depan").fill("Putu")
    phone.get_by_label("Alamat jalan", exact=True).fill("Jl. Labuansait 7")
    phone.get_by_label("Kecamatan").fill("Kuta Selatan")
    phone.get_by_label("Kabupaten/Kota").fill("Kabupaten Badung")
    phone.get_by_label("Provinsi").fill("Bali")
    phone.get_by_label("Kode pos").fill("803")
    screenshot(phone, "account-address-form")
    phone.get_by_role("button", name="Simpan alamat").click()
    # a bad postal code: said next to the field, nothing saved
    assert phone.locator("#id_postal_code-error").inner_text() == "Masukkan kode pos 5 angka."
    phone.get_by_label("Kode pos").fill("80361")
    phone.get_by_role("button", name="Simpan alamat").click()
    expect(phone.get_by_text("Alamat sudah disimpan.")).to_be_visible()
    card = phone.locator("li.card").filter(has_text="Jl. Labuansait 7")
    expect(card).to_be_visible()
    expect(card.get_by_text("Alamat utama")).to_be_visible()
    # edit
    edit_href = phone.get_by_role("link", name="Ubah").first.get_attribute("href")
    phone.get_by_role("link", name="Ubah").first.click()
    phone.get_by_label("Alamat jalan", exact=True).fill("Jl. Labuansait 9")
    phone.get_by_role("button", name="Simpan alamat").click()
    expect(phone.locator("li.card").filter(has_text="Jl. Labuansait 9")).to_be_visible()
    screenshot(phone, "account-addresses")
    # someone else cannot open it
    phone.get_by_role("button", name="Keluar").click()
    register(phone, site, name="Gede", phone=new_phone())
    response = phone.goto(site.url + edit_href)
    assert response.status == 404
    assert phone.get_by_role("heading", name="Halaman tidak ditemukan").is_visible()
    # the owner deletes it
    phone.get_by_role("button", name="Keluar").click()
    address_id = int(edit_href.strip("/").split("/")[-1])
    owner_phone = site.sql(
        "SELECT u.phone FROM accounts_user u JOIN accounts_user_addresses a"
        " ON a.user_id = u.id WHERE a.address_id = %s",
        (address_id,),
    )[0][0]
    sign_in(phone, site, owner_phone)
    phone.goto(f"{site.url}/akun/alamat/")
    phone.get_by_role("button", name="Hapus").click()
    assert phone.get_by_text("Alamat sudah dihapus.").is_visible()
    assert phone.get_by_text("Belum ada alamat tersimpan.").is_visible()


def test_english_switch_and_back(site: Site, phone: Any):
    phone.goto(f"{site.url}/akun/masuk/")
    assert phone.get_by_role("heading", name="Masuk").is_visible()
    phone.get_by_role("button", name="English").click()
    expect(phone.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(phone.get_by_label("E-mail or phone number")).to_be_visible()
    phone.get_by_role("button", name="Bahasa Indonesia").click()
    expect(phone.get_by_role("heading", name="Masuk")).to_be_visible()
    expect(phone.locator("html")).to_have_attribute("lang", "id")


def test_sign_in_with_the_keyboard_alone(site: Site, phone: Any):
    phone.goto(f"{site.url}/akun/masuk/")
    for _ in range(20):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.name") == "email":
            break
    else:
        raise AssertionError("the e-mail field is not reachable with Tab")
    phone.keyboard.type("dinas.badung@lumbung.test")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.name") == "password"
    phone.keyboard.type("lumbung-demo")
    phone.keyboard.press("Enter")
    phone.wait_for_url(site.url + "/")
    assert phone.get_by_role("button", name="Keluar").is_visible()


def test_account_pages_and_front_page_have_no_serious_accessibility_violation(
    site: Site, phone: Any, axe: Any
):
    pages = ["/", "/akun/masuk/", "/akun/daftar/", "/akun/lupa-sandi/"]
    found = {}
    for path in pages:
        phone.goto(site.url + path)
        found[path] = axe(phone)
    register(phone, site, name="Ketut", phone=new_phone())
    phone.goto(f"{site.url}/akun/alamat/baru/")
    phone.get_by_role("button", name="Simpan alamat").click()  # with errors shown
    found["/akun/alamat/baru/ (errors)"] = axe(phone)
    for path in ["/akun/", "/akun/pesanan/", "/akun/alamat/"]:
        phone.goto(site.url + path)
        found[path] = axe(phone)
    assert {path: v for path, v in found.items() if v} == {}
