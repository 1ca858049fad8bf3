"""The account pages' rules, through Django's test client (the browser tests show them)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Any

import pytest
from django.test import Client

from marketplace.accounts import services
from marketplace.accounts.models import Address, User
from marketplace.core.models import OutgoingEmail
from tests.factories.accounts import AddressFactory
from tests.factories.orders import OrderFactory
from tests.helpers import ROOT

pytestmark = pytest.mark.django_db

PASSWORD = "kopi-tubruk-2024"
ADDRESS = {
    "first_name": "Wayan",
    "last_name": "Sudarma",
    "phone": "0812 3800 1111",
    "street_address_1": "Jl. Raya Uluwatu No. 5",
    "street_address_2": "",
    "city_area": "Kuta Selatan",
    "city": "Kabupaten Badung",
    "country_area": "Bali",
    "postal_code": "80361",
}


@pytest.fixture
def user() -> User:
    return User.objects.create_user(email="siti@desa.id", password=PASSWORD, first_name="Siti")


@pytest.fixture
def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def test_sign_in_page_says_how_long_to_wait_next_to_the_field(client: Client, user: User):
    for n in range(4):
        client.post("/akun/masuk/", {"email": user.email, "password": f"salah-{n}"})
    # when: the right password while delayed
    response = client.post("/akun/masuk/", {"email": user.email, "password": PASSWORD})
    # then: not signed in, told how long to wait, in Indonesian, beside the field
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_email-error"' in html
    assert "Terlalu banyak percobaan masuk yang gagal. Tunggu 1 detik, lalu coba lagi." in html
    assert "_auth_user_id" not in client.session


def test_register_with_a_phone_only_signs_in_at_once(client: Client):
    response = client.post(
        "/akun/daftar/",
        {"first_name": "Wayan", "phone": "0812-3456-7890", "email": "", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/akun/"
    user = User.objects.get(phone="+6281234567890")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get("/akun/").content.decode().count("+6281234567890") == 1


def test_register_refuses_a_taken_phone_next_to_the_field_and_creates_nothing(client: Client):
    services.user_register(phone="081234567890", password=PASSWORD)
    response = client.post(
        "/akun/daftar/",
        {"first_name": "Made", "phone": "+62 812 3456 7890", "email": "", "password": PASSWORD},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r'id="id_phone-error">Sudah ada akun dengan nomor HP ini.<', html)
    assert User.objects.count() == 1
    neither = client.post("/akun/daftar/", {"first_name": "Made", "password": PASSWORD})
    assert "Isi alamat e-mail atau nomor HP." in neither.content.decode()


def test_account_pages_need_a_signed_in_user(client: Client):
    for path in ("/akun/", "/akun/pesanan/", "/akun/alamat/", "/akun/alamat/baru/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/akun/masuk/?next=")


def test_addresses_add_edit_default_delete(signed_in: Client, user: User):
    # add
    response = signed_in.post("/akun/alamat/baru/", ADDRESS)
    assert response.status_code == 302
    first = user.addresses.get()
    assert (first.phone, first.postal_code) == ("+6281238001111", "80361")
    signed_in.post("/akun/alamat/baru/", {**ADDRESS, "street_address_1": "Banjar Kiadan"})
    second = user.addresses.exclude(pk=first.pk).get()
    # edit
    signed_in.post(f"/akun/alamat/{first.pk}/", {**ADDRESS, "street_address_1": "Jl. Baru 1"})
    first.refresh_from_db()
    assert first.street_address_1 == "Jl. Baru 1"
    # bad input: message next to the field, nothing changed
    bad = signed_in.post(f"/akun/alamat/{first.pk}/", {**ADDRESS, "postal_code": "123"})
    assert bad.status_code == 400
    assert 'id="id_postal_code-error">Masukkan kode pos 5 angka.<' in bad.content.decode()
    first.refresh_from_db()
    assert first.postal_code == "80361"
    # default
    signed_in.post(f"/akun/alamat/{second.pk}/utama/")
    user.refresh_from_db()
    assert user.default_shipping_address_id == second.pk
    assert user.default_billing_address_id == second.pk
    # delete
    signed_in.post(f"/akun/alamat/{first.pk}/hapus/")
    assert list(user.addresses.all()) == [second]
    assert not Address.objects.filter(pk=first.pk).exists()


def test_another_users_address_is_not_found(signed_in: Client):
    other = User.objects.create_user(email="budi@desa.id", password=PASSWORD)
    address = AddressFactory()
    other.addresses.add(address)
    assert signed_in.get(f"/akun/alamat/{address.pk}/").status_code == 404
    assert signed_in.post(f"/akun/alamat/{address.pk}/", ADDRESS).status_code == 404
    assert signed_in.post(f"/akun/alamat/{address.pk}/hapus/").status_code == 404
    assert signed_in.post(f"/akun/alamat/{address.pk}/utama/").status_code == 404
    address.refresh_from_db()
    assert address.street_address_1 != ADDRESS["street_address_1"]
    page = signed_in.get(f"/akun/alamat/{address.pk}/")
    assert "Halaman tidak ditemukan" in page.content.decode()


FORM_PAGES = ["/akun/masuk/", "/akun/daftar/", "/akun/lupa-sandi/", "/akun/sandi-baru/"]
SIGNED_IN_FORM_PAGES = ["/akun/pesanan/", "/akun/alamat/", "/akun/alamat/baru/"]


def test_every_account_form_carries_a_csrf_token(client: Client, user: User):
    user.phone = "+6281234567890"
    user.save()
    user.addresses.add(AddressFactory())
    pages = {path: client.get(path).content.decode() for path in FORM_PAGES}
    client.force_login(user)
    pages.update({path: client.get(path).content.decode() for path in SIGNED_IN_FORM_PAGES})
    for path, html in pages.items():
        forms = re.findall(r"<form\b.*?</form>", html, flags=re.DOTALL)
        assert forms, path
        for form in forms:
            if 'method="post"' in form:
                assert 'name="csrfmiddlewaretoken"' in form, (path, form[:80])


def test_a_form_sent_without_csrf_token_is_refused_with_a_friendly_page(user: User):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/akun/masuk/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulir sudah kedaluwarsa" in html
    assert "CSRF" not in html
    assert "_auth_user_id" not in client.session
    client.force_login(user)
    before = Address.objects.count()
    assert client.post("/akun/alamat/baru/", ADDRESS).status_code == 403
    assert Address.objects.count() == before


def test_session_cookie_is_httponly_and_lax(client: Client, user: User):
    response = client.post("/akun/masuk/", {"email": user.email, "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    csrf = client.get("/akun/masuk/").cookies.get("csrftoken") or client.cookies["csrftoken"]
    assert csrf["samesite"] == "Lax"


@pytest.mark.parametrize(("public_url", "secure"), [("https://lumbung.id", True),
                                                     ("http://127.0.0.1:8000", False)])  # fmt: skip
def test_cookies_are_secure_when_the_site_is_served_over_https(public_url: str, secure: bool):
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "PUBLIC_URL": public_url,
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == [str(secure), str(secure), "True"]


def test_an_unknown_page_is_a_404_in_the_sites_style(client: Client):
    response = client.get("/akun/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_register_with_an_e_mail_confirms_it_through_the_e_mailed_link(
    client: Client, settings: Any
):
    settings.ACCOUNT_CONFIRMATION_REQUIRED = True
    settings.PUBLIC_URL = "http://testserver"
    settings.ALLOWED_CLIENT_HOSTS = ["testserver"]
    earlier = OrderFactory(user=None, user_email="made@desa.id")
    response = client.post(
        "/akun/daftar/",
        {"first_name": "Made", "phone": "", "email": "Made@Desa.id", "password": PASSWORD},
    )
    # not signed in yet: told to read the e-mail
    assert response.status_code == 200
    assert "Periksa e-mail Anda" in response.content.decode()
    assert "_auth_user_id" not in client.session
    mail = OutgoingEmail.objects.get(to="made@desa.id")
    link = re.search(r"http://testserver(/akun/konfirmasi/\S+)", mail.body).group(1)
    # opening the link changes nothing until the button is pressed
    page = client.get(link)
    assert "Konfirmasi" in page.content.decode()
    assert User.objects.get(email="made@desa.id").is_confirmed is False
    params = dict(re.findall(r'name="(email|token)" value="([^"]*)"', page.content.decode()))
    confirmed = client.post("/akun/konfirmasi/", params)
    assert confirmed.status_code == 302
    user = User.objects.get(email="made@desa.id")
    assert user.is_confirmed is True
    assert int(client.session["_auth_user_id"]) == user.pk
    earlier.refresh_from_db()
    assert earlier.user == user  # the guest order of the confirmed e-mail joined


def test_a_server_error_page_is_plain_indonesian_without_details(rf: Any):
    from django.views.defaults import server_error

    response = server_error(rf.get("/akun/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan" in html
    assert "Traceback" not in html
