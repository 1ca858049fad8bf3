"""The account pages' rules, through Django's test client (the browser tests show them)."""

from __future__ import annotations

import pytest
from django.test import Client

from marketplace.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "kopi-tubruk-2024"


@pytest.fixture
def user() -> User:
    return User.objects.create_user(email="siti@desa.id", password=PASSWORD, first_name="Siti")


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
