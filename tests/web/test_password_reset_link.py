"""The counter's way back into an account with only a phone number."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from marketplace.accounts import services, tokens

pytestmark = pytest.mark.django_db

PASSWORD = "kopi-tubruk-2024"


def test_a_link_made_for_a_phone_only_account_sets_a_new_password_once(client: Client):
    user, _ = services.user_register(phone="081234567890", password=PASSWORD)
    old_token = tokens.create_refresh_token(user, csrf_token="x")
    out = StringIO()
    call_command("password_reset_link", "0812 3456 7890", stdout=out)
    url = out.getvalue().strip()
    assert "/akun/sandi-baru/?email=%2B6281234567890&token=" in url
    path = url[url.index("/akun/") :]
    assert client.get(path).status_code == 200
    response = client.post(path, {"password": "gula-aren-manis-77"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("gula-aren-manis-77")
    assert int(client.session["_auth_user_id"]) == user.pk
    with pytest.raises(Exception, match="Invalid token"):
        tokens.user_for_payload(tokens.decode_token(old_token))
    Client().post(path, {"password": "lagi-lagi-baru-99"})  # spent: changes nothing
    user.refresh_from_db()
    assert user.check_password("gula-aren-manis-77")


def test_no_link_for_an_unknown_account():
    with pytest.raises(CommandError):
        call_command("password_reset_link", "081111111111", stdout=StringIO())
