"""Accounts with a phone number instead of (or beside) an e-mail address."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from marketplace.accounts import services, tokens
from marketplace.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "kopi-tubruk-2024"


def error_codes(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in exc.value.error_dict.items()}


@pytest.fixture(autouse=True)
def _confirmation_required(settings: Any) -> None:
    settings.ACCOUNT_CONFIRMATION_REQUIRED = True


def test_register_with_only_a_phone_number_stores_e164_and_signs_in_with_any_form():
    user, requires_confirmation = services.user_register(
        phone="0812-3456-7890", password=PASSWORD, first_name="Wayan"
    )
    assert requires_confirmation is False  # nothing to confirm by e-mail
    user.refresh_from_db()
    assert (user.email, user.phone, user.is_phone_confirmed) == ("", "+6281234567890", False)
    for typed in ("081234567890", "6281234567890", "+62 812 3456 7890", "0812.3456.7890"):
        assert services.user_authenticate(login=typed, password=PASSWORD, ip="10.0.0.1") == user


def test_tokens_of_a_phone_only_account_work():
    user, _ = services.user_register(phone="081234567890", password=PASSWORD)
    payload = tokens.decode_token(tokens.create_access_token(user))
    assert payload["email"] == ""
    assert tokens.user_for_payload(payload) == user


def test_many_accounts_without_e_mail_but_each_phone_once():
    services.user_register(phone="081234567890", password=PASSWORD)
    services.user_register(phone="081298765432", password=PASSWORD)
    with pytest.raises(ValidationError) as taken:
        services.user_register(phone="+62 812-3456-7890", password=PASSWORD)
    assert error_codes(taken) == {"phone": ["unique"]}
    assert User.objects.count() == 2
    with pytest.raises(IntegrityError):
        User.objects.create(phone="+6281298765432")


def test_register_needs_an_e_mail_or_a_phone_and_a_real_phone_number():
    with pytest.raises(ValidationError) as neither:
        services.user_register(password=PASSWORD)
    assert error_codes(neither) == {"email": ["required"]}
    with pytest.raises(ValidationError) as bad:
        services.user_register(phone="12345", password=PASSWORD)
    assert error_codes(bad) == {"phone": ["invalid"]}
    assert User.objects.count() == 0


def test_register_with_both_needs_the_e_mail_confirmed_and_signs_in_with_either(settings: Any):
    settings.ALLOWED_CLIENT_HOSTS = ["toko.lumbung.id"]
    settings.ALLOW_LOGIN_WITHOUT_CONFIRMATION = True
    user, requires_confirmation = services.user_register(
        email="Made@Desa.id",
        phone="085712345678",
        password=PASSWORD,
        redirect_url="https://toko.lumbung.id/konfirmasi",
    )
    assert requires_confirmation is True
    assert services.user_authenticate(login="made@desa.id", password=PASSWORD, ip=None) == user
    assert services.user_authenticate(login="085712345678", password=PASSWORD, ip=None) == user


def test_an_unknown_phone_number_is_refused_as_a_wrong_password():
    with pytest.raises(ValidationError) as refused:
        services.user_authenticate(login="081111111111", password=PASSWORD, ip="10.0.0.1")
    assert error_codes(refused) == {"email": ["invalid_credentials"]}
