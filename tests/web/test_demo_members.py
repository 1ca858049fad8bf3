"""The demo's members sign in on the member pages as real members do (member number and
the password they set through their invitation) and see their own record only."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import is_password_usable
from django.test import Client

from marketplace.core.models import OutgoingEmail
from marketplace.demo.data import DEMO_PASSWORD, demo_data_load, demo_members_cooperative

pytestmark = pytest.mark.django_db


def _sign_in(cooperative_id: int, number: int, password: str = DEMO_PASSWORD):
    client = Client()
    response = client.post(
        f"/anggota/{cooperative_id}/masuk/", {"number": number, "password": password}
    )
    return client, response


def test_a_demo_member_signs_in_with_their_number_and_sees_only_their_own_savings_and_sales(
    settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    counts = demo_data_load()
    assert counts["members"] == 3
    cooperative = demo_members_cooperative()
    assert cooperative is not None
    assert cooperative.name == "KUD Mina Segara Pecatu"
    # invited as an admin's new member is, then activated with the invitation's token
    assert OutgoingEmail.objects.filter(to="wayan.sudarsana@contoh.test").count() == 1

    wayan, response = _sign_in(cooperative.pk, 1)

    assert response.status_code == 302
    assert response["Location"] == f"/anggota/{cooperative.pk}/saya/"
    page = wayan.get(response["Location"]).content.decode()
    assert "I Wayan Sudarsana" in page
    assert "Rp325.000" in page  # sukarela: 400.000 in, 75.000 out
    assert "Ni Komang Ayu Lestari" not in page
    assert "Rp180.000" not in page  # member 2's sukarela
    statement = wayan.get(f"/anggota/{cooperative.pk}/saya/penjualan/").content.decode()
    assert "Kelompok Tani Subak Pecatu" in statement
    assert "Dapur Bu Komang" not in statement

    komang, response = _sign_in(cooperative.pk, 2)
    assert response.status_code == 302
    page = komang.get(response["Location"]).content.decode()
    assert "Ni Komang Ayu Lestari" in page
    assert "Rp180.000" in page
    assert "I Wayan Sudarsana" not in page

    _client, refused = _sign_in(cooperative.pk, 1, password="salah-sandi")
    assert refused.status_code == 400
    _client, no_account = _sign_in(cooperative.pk, 3)  # registered without an e-mail address
    assert no_account.status_code == 400

    assert demo_data_load() == counts  # loading again adds nobody and sends nothing
    assert OutgoingEmail.objects.filter(to="wayan.sudarsana@contoh.test").count() == 1
    assert is_password_usable(cooperative.members.get(number=1).user.password)
