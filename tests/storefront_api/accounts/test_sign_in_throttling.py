"""Sign-in throttling over HTTP (tokenCreate) and the password reset revoking tokens."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

from marketplace.accounts import throttling
from marketplace.accounts.models import SignInFailureCounter, User
from marketplace.accounts.tokens import password_reset_token_generator
from tests.storefront_api.conftest import PASSWORD, GraphQLClient

pytestmark = pytest.mark.django_db

ERRORS = "errors { field message code }"
TOKEN_CREATE = f"""
mutation SignIn($email: String!, $password: String!) {{
  tokenCreate(email: $email, password: $password) {{ token refreshToken {ERRORS} }}
}}"""
TOKEN_REFRESH = f"""
mutation Refresh($refreshToken: String!) {{
  tokenRefresh(refreshToken: $refreshToken) {{ token {ERRORS} }}
}}"""
SET_PASSWORD = f"""
mutation SetPassword($email: String!, $token: String!, $password: String!) {{
  setPassword(email: $email, token: $token, password: $password) {{ token {ERRORS} }}
}}"""
ME = "query { me { email } }"
NEW_PASSWORD = "gula-aren-manis-77"


@pytest.fixture
def hashing(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Counts every password hashed or checked (the tests' hasher is MD5)."""
    calls = []
    for name in ("verify", "encode"):
        original = getattr(MD5PasswordHasher, name)

        def counted(self: Any, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            calls.append(1)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(MD5PasswordHasher, name, counted)
    return lambda: len(calls)


def sign_in(gql: GraphQLClient, email: str, password: str, ip: str = "10.1.1.1") -> dict:
    gql.client.defaults["REMOTE_ADDR"] = ip
    return gql.execute(TOKEN_CREATE, {"email": email, "password": password})["data"]["tokenCreate"]


def codes(result: dict) -> list[str]:
    return [error["code"] for error in result["errors"]]


def test_ten_wrong_passwords_delay_the_right_one_without_hashing_it(
    gql: GraphQLClient, user: User, hashing: Any
):
    # given: ten wrong passwords from one address; after the fourth they are not even tried
    results = [sign_in(gql, user.email, f"salah-{n}") for n in range(10)]
    assert [codes(r) for r in results] == [["INVALID_CREDENTIALS"]] * 4 + [
        ["LOGIN_ATTEMPT_DELAYED"]
    ] * 6
    # when: the right password at once
    before = hashing()
    refused = sign_in(gql, user.email, PASSWORD)
    # then: refused before any hashing, with how long to wait
    assert hashing() == before
    assert refused["token"] is None
    assert refused["errors"] == [
        {
            "field": "email",
            "message": "Too many failed attempts to sign in. Please wait 1 second and try again.",
            "code": "LOGIN_ATTEMPT_DELAYED",
        }
    ]
    # when: after the delay
    time.sleep(1.1)
    ok = sign_in(gql, user.email, PASSWORD)
    # then
    assert ok["errors"] == []
    assert gql.execute(ME, token=ok["token"])["data"]["me"]["email"] == user.email


def test_the_fourth_failure_already_imposes_a_delay_that_doubles(gql: GraphQLClient, user: User):
    for n in range(3):
        assert codes(sign_in(gql, user.email, f"salah-{n}")) == ["INVALID_CREDENTIALS"]
    assert codes(sign_in(gql, user.email, "salah-3")) == ["INVALID_CREDENTIALS"]
    result = sign_in(gql, user.email, "salah-4")
    assert codes(result) == ["LOGIN_ATTEMPT_DELAYED"]
    assert "1 second" in result["errors"][0]["message"]
    assert [throttling.delay_seconds(n, throttling.PAIR) for n in (3, 4, 5, 6, 10, 20)] == [
        0, 1, 2, 4, 64, 900,
    ]  # fmt: skip


def test_another_address_signs_in_to_the_delayed_account_until_it_is_attacked_from_many(
    gql: GraphQLClient, user: User, hashing: Any
):
    for n in range(10):
        sign_in(gql, user.email, f"salah-{n}", ip="10.1.1.1")
    assert codes(sign_in(gql, user.email, PASSWORD, ip="10.1.1.1")) == ["LOGIN_ATTEMPT_DELAYED"]
    # the owner, elsewhere, is not delayed by ten failures from someone else's address
    assert sign_in(gql, user.email, PASSWORD, ip="10.2.2.2")["errors"] == []
    # but guesses spread over many addresses delay the account everywhere
    for n in range(12):
        sign_in(gql, user.email, f"salah-{n}", ip=f"10.3.3.{n}")
    before = hashing()
    assert codes(sign_in(gql, user.email, PASSWORD, ip="10.4.4.4")) == ["LOGIN_ATTEMPT_DELAYED"]
    assert hashing() == before


def test_one_address_trying_many_accounts_is_delayed_for_all_of_them(
    gql: GraphQLClient, user: User
):
    others = [
        User.objects.create_user(email=f"warga{n}@desa.id", password=PASSWORD) for n in range(3)
    ]
    # ten failures on one account from an address do not delay its other accounts
    for n in range(10):
        sign_in(gql, others[0].email, f"salah-{n}", ip="10.9.9.9")
    assert sign_in(gql, user.email, PASSWORD, ip="10.9.9.9")["errors"] == []
    # past twenty failures on many (also unknown) accounts from that address, they are
    for n in range(17):
        sign_in(gql, f"tebakan{n}@desa.id", "salah", ip="10.9.9.9")
    assert codes(sign_in(gql, others[1].email, PASSWORD, ip="10.9.9.9")) == [
        "LOGIN_ATTEMPT_DELAYED"
    ]
    assert sign_in(gql, others[2].email, PASSWORD, ip="10.8.8.8")["errors"] == []


def test_a_success_forgets_the_accounts_failures(gql: GraphQLClient, user: User):
    for n in range(3):
        sign_in(gql, user.email, f"salah-{n}")
    assert sign_in(gql, user.email, PASSWORD)["errors"] == []
    for n in range(3):
        assert codes(sign_in(gql, user.email, f"salah-{n}")) == ["INVALID_CREDENTIALS"]


def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(
    gql: GraphQLClient, user: User, settings: Any
):
    def attempt(forwarded: str) -> list[str]:
        gql.client.defaults["REMOTE_ADDR"] = "10.0.0.1"
        result = gql.execute(
            TOKEN_CREATE,
            {"email": user.email, "password": "salah"},
            headers={"X-Forwarded-For": forwarded},
        )
        return codes(result["data"]["tokenCreate"])

    # a client may not choose its address: all these come from the proxy's 10.0.0.1
    for n in range(4):
        attempt(f"192.0.2.{n}")
    assert attempt("192.0.2.99") == ["LOGIN_ATTEMPT_DELAYED"]
    # behind one trusted proxy the address it appended counts
    settings.TRUSTED_PROXY_COUNT = 1
    assert attempt("203.0.113.5, 192.0.2.77") == ["INVALID_CREDENTIALS"]
    assert SignInFailureCounter.objects.filter(key__startswith="ip:192.0.2.77|").exists()


def test_password_reset_revokes_old_refresh_and_access_tokens_and_the_delay(
    gql: GraphQLClient, user: User
):
    # given: a session on another device, and a delay from failed guesses
    old = sign_in(gql, user.email, PASSWORD)
    for n in range(5):
        sign_in(gql, user.email, f"salah-{n}")
    assert (
        gql.execute(TOKEN_REFRESH, {"refreshToken": old["refreshToken"]})["data"]["tokenRefresh"][
            "errors"
        ]
        == []
    )
    # when: the password is reset with the e-mailed token
    user.refresh_from_db()
    token = password_reset_token_generator.make_token(user)
    done = gql.execute(
        SET_PASSWORD, {"email": user.email, "token": token, "password": NEW_PASSWORD}
    )["data"]["setPassword"]
    # then: the old tokens are dead, the new one works, the delay is gone
    assert done["errors"] == []
    refreshed = gql.execute(TOKEN_REFRESH, {"refreshToken": old["refreshToken"]})["data"][
        "tokenRefresh"
    ]
    assert refreshed["token"] is None
    assert codes(refreshed) == ["JWT_INVALID_TOKEN"]
    assert gql.execute(ME, token=old["token"], status=200).get("data", {}).get("me") is None
    assert gql.execute(ME, token=done["token"])["data"]["me"]["email"] == user.email
    assert sign_in(gql, user.email, NEW_PASSWORD)["errors"] == []
