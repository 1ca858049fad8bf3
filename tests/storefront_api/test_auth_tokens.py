from __future__ import annotations

import base64
from datetime import timedelta

import jwt
import pytest
from django.conf import settings

from marketplace.accounts import tokens
from marketplace.accounts.models import User
from tests.storefront_api.conftest import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN_CREATE = """
mutation SignIn($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) {
    token refreshToken csrfToken
    user { id email firstName lastName isStaff isActive isConfirmed dateJoined updatedAt }
    errors { field message code }
    accountErrors { field code }
  }
}
"""
TOKEN_REFRESH = """
mutation Refresh($refreshToken: String, $csrfToken: String) {
  tokenRefresh(refreshToken: $refreshToken, csrfToken: $csrfToken) {
    token user { email } errors { field message code }
  }
}
"""
TOKEN_VERIFY = """
mutation Verify($token: String!) {
  tokenVerify(token: $token) { isValid payload user { email } errors { field message code } }
}
"""
ME = "{ me { id email firstName isStaff lastLogin } }"
DEACTIVATE_ALL = "mutation { tokensDeactivateAll { errors { field message code } } }"


def sign_in(gql, email: str = "siti@desa.id", password: str = PASSWORD) -> dict:
    result = gql.execute(TOKEN_CREATE, {"email": email, "password": password})
    return result["data"]["tokenCreate"]


def decode(token: str) -> dict:
    return jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"])


def test_token_create_returns_saleor_shaped_tokens(gql, user):
    # when
    payload = sign_in(gql)
    # then
    assert payload["errors"] == []
    assert payload["accountErrors"] == []
    assert payload["user"]["email"] == "siti@desa.id"
    assert payload["user"]["id"] == base64.b64encode(f"User:{user.pk}".encode()).decode()
    assert payload["user"]["firstName"] == "Siti"
    assert payload["csrfToken"]
    access = decode(payload["token"])
    assert access["iss"] == settings.PUBLIC_URL + "/graphql/"
    assert access["type"] == "access"
    assert access["user_id"] == payload["user"]["id"]
    assert access["email"] == "siti@desa.id"
    assert access["token"] == user.jwt_token_key
    assert access["owner"] == "saleor"
    assert access["is_staff"] is False
    assert access["exp"] - access["iat"] == 300
    refresh = decode(payload["refreshToken"])
    assert refresh["type"] == "refresh"
    assert refresh["exp"] - refresh["iat"] == 30 * 24 * 3600
    assert refresh["csrfToken"] == payload["csrfToken"]
    assert refresh["token"] == user.jwt_token_key
    user.refresh_from_db()
    assert user.last_login is not None


def test_token_create_sets_http_only_refresh_token_cookie(gql, user):
    response = gql.post(
        {"query": TOKEN_CREATE, "variables": {"email": user.email, "password": PASSWORD}}
    )
    cookie = response.cookies["refreshToken"]
    assert cookie.value == response.json()["data"]["tokenCreate"]["refreshToken"]
    assert cookie["httponly"] is True


def test_token_create_for_staff_marks_token(gql, db):
    User.objects.create_user(email="admin@lumbung.id", password=PASSWORD, is_staff=True)
    payload = sign_in(gql, email="admin@lumbung.id")
    assert decode(payload["token"])["is_staff"] is True


def test_token_create_with_audience(gql, user):
    result = gql.execute(
        'mutation A($password: String!) { tokenCreate(email: "siti@desa.id", '
        'password: $password, audience: "pos") { token refreshToken errors { code } } }',
        {"password": PASSWORD},
    )
    payload = result["data"]["tokenCreate"]
    assert decode_with_audience(payload["token"])["aud"] == "custom:pos"
    refreshed = gql.execute(TOKEN_REFRESH, {"refreshToken": payload["refreshToken"]})
    assert decode_with_audience(refreshed["data"]["tokenRefresh"]["token"])["aud"] == "custom:pos"


def decode_with_audience(token: str) -> dict:
    return jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"], audience="custom:pos")


def test_token_create_email_is_case_insensitive(gql, user):
    assert sign_in(gql, email="Siti@Desa.ID")["errors"] == []


def test_token_create_wrong_password(gql, user):
    payload = sign_in(gql, password="salah")
    assert payload["token"] is None
    assert payload["refreshToken"] is None
    assert payload["user"] is None
    assert payload["errors"] == [
        {
            "field": "email",
            "message": "Please, enter valid credentials",
            "code": "INVALID_CREDENTIALS",
        }
    ]
    assert payload["accountErrors"] == [{"field": "email", "code": "INVALID_CREDENTIALS"}]


def test_token_create_unknown_email(gql, db):
    payload = sign_in(gql, email="nobody@desa.id")
    assert payload["errors"][0]["code"] == "INVALID_CREDENTIALS"


def test_token_create_inactive_user(gql, user):
    user.is_active = False
    user.save()
    payload = sign_in(gql)
    assert payload["token"] is None
    assert payload["errors"] == [
        {"field": "email", "message": "Account inactive.", "code": "INACTIVE"}
    ]


def test_token_create_unconfirmed_user(gql, user):
    user.is_confirmed = False
    user.save()
    payload = sign_in(gql)
    assert payload["token"] is None
    assert [e["code"] for e in payload["errors"]] == ["ACCOUNT_NOT_CONFIRMED"]


def test_token_refresh_issues_new_access_token(gql, user):
    refresh_token = sign_in(gql)["refreshToken"]
    gql.client.cookies.clear()
    result = gql.execute(TOKEN_REFRESH, {"refreshToken": refresh_token})
    payload = result["data"]["tokenRefresh"]
    assert payload["errors"] == []
    assert payload["user"] == {"email": "siti@desa.id"}
    assert decode(payload["token"])["type"] == "access"
    me = gql.execute(ME, token=payload["token"])
    assert me["data"]["me"]["email"] == "siti@desa.id"


def test_token_refresh_rejects_access_token(gql, user):
    access_token = sign_in(gql)["token"]
    result = gql.execute(TOKEN_REFRESH, {"refreshToken": access_token})
    payload = result["data"]["tokenRefresh"]
    assert payload["token"] is None
    assert payload["errors"] == [
        {"field": "refreshToken", "message": "Incorrect refreshToken", "code": "JWT_INVALID_TOKEN"}
    ]


def test_token_refresh_from_cookie_needs_csrf_token(gql, user):
    csrf_token = sign_in(gql)["csrfToken"]  # sets the refreshToken cookie
    missing = gql.execute(TOKEN_REFRESH)["data"]["tokenRefresh"]
    assert missing["errors"] == [
        {
            "field": "csrfToken",
            "message": "CSRF token is required when refreshToken is provided by the cookie",
            "code": "REQUIRED",
        }
    ]
    wrong = gql.execute(TOKEN_REFRESH, {"csrfToken": "forged"})["data"]["tokenRefresh"]
    assert [e["code"] for e in wrong["errors"]] == ["JWT_INVALID_CSRF_TOKEN"]
    ok = gql.execute(TOKEN_REFRESH, {"csrfToken": csrf_token})["data"]["tokenRefresh"]
    assert ok["errors"] == []
    assert ok["token"]


def test_token_refresh_without_any_token(gql, db):
    payload = gql.execute(TOKEN_REFRESH)["data"]["tokenRefresh"]
    assert payload["errors"] == [
        {"field": "refreshToken", "message": "Missing refreshToken", "code": "JWT_MISSING_TOKEN"}
    ]


def test_token_refresh_works_with_expired_access_token_in_header(gql, user, settings):
    settings.JWT_TTL_ACCESS = timedelta(seconds=-1)
    payload = sign_in(gql)
    result = gql.execute(
        TOKEN_REFRESH, {"refreshToken": payload["refreshToken"]}, token=payload["token"]
    )
    assert result["data"]["tokenRefresh"]["errors"] == []


def test_token_verify_valid(gql, user):
    token = sign_in(gql)["token"]
    payload = gql.execute(TOKEN_VERIFY, {"token": token})["data"]["tokenVerify"]
    assert payload["isValid"] is True
    assert payload["errors"] == []
    assert payload["user"] == {"email": "siti@desa.id"}
    assert payload["payload"]["email"] == "siti@desa.id"
    assert payload["payload"]["type"] == "access"
    assert payload["payload"]["owner"] == "saleor"


@pytest.mark.parametrize(
    ("token", "code"),
    [
        ("not.a.jwt", "JWT_DECODE_ERROR"),
        (
            jwt.encode(
                {"exp": 9999999999, "iat": 1},
                "another-secret-that-is-long-enough-for-hs256",
                algorithm="HS256",
            ),
            "JWT_DECODE_ERROR",
        ),
    ],
)
def test_token_verify_invalid(gql, db, token, code):
    payload = gql.execute(TOKEN_VERIFY, {"token": token})["data"]["tokenVerify"]
    assert payload["isValid"] is False
    assert payload["payload"] is None
    assert payload["user"] is None
    assert payload["errors"] == [
        {"field": "token", "message": "Error decoding signature", "code": code}
    ]


def test_token_verify_expired(gql, user, settings):
    settings.JWT_TTL_ACCESS = timedelta(seconds=-1)
    token = sign_in(gql)["token"]
    payload = gql.execute(TOKEN_VERIFY, {"token": token})["data"]["tokenVerify"]
    assert payload["isValid"] is False
    assert payload["errors"] == [
        {"field": "token", "message": "Signature has expired", "code": "JWT_SIGNATURE_EXPIRED"}
    ]


def test_expired_token_is_a_top_level_expired_signature_error(gql, user, settings):
    settings.JWT_TTL_ACCESS = timedelta(seconds=-1)
    token = sign_in(gql)["token"]
    # when
    result = gql.execute("{ shop { name } me { email } }", token=token)
    # then the field that needs the user fails, the rest is served
    assert result["data"] == {"shop": {"name": settings.SHOP_NAME}, "me": None}
    [error] = result["errors"]
    assert error["message"] == "Signature has expired"
    assert error["path"] == ["me"]
    assert error["extensions"]["exception"]["code"] == "ExpiredSignatureError"


def test_forged_token_is_an_invalid_signature_error(gql, user):
    claims = decode(sign_in(gql)["token"])
    forged = jwt.encode(
        {**claims, "is_staff": True},
        "not-our-secret-but-long-enough-for-hs256-keys",
        algorithm="HS256",
    )
    result = gql.execute(ME, token=forged)
    assert result["data"] == {"me": None}
    assert result["errors"][0]["extensions"]["exception"]["code"] == "InvalidSignatureError"


def test_garbage_token_is_served_anonymously_like_saleor(gql, db):
    result = gql.execute(ME, token="not.a.jwt")
    assert result["data"] == {"me": None}
    assert "errors" not in result


def test_refresh_token_is_not_accepted_as_access_token(gql, user):
    refresh_token = sign_in(gql)["refreshToken"]
    result = gql.execute(ME, token=refresh_token)
    assert result["data"] == {"me": None}
    assert result["errors"][0]["extensions"]["exception"]["code"] == "InvalidTokenError"


@pytest.mark.parametrize(
    "header",
    [
        lambda t: {"Authorization": f"Bearer {t}"},
        lambda t: {"Authorization": f"JWT {t}"},
        lambda t: {"Authorization": f"bearer {t}"},
        lambda t: {"Authorization-Bearer": t},
    ],
    ids=["bearer", "jwt", "bearer-lowercase", "authorization-bearer"],
)
def test_all_header_styles_sign_in(gql, user, header):
    token = sign_in(gql)["token"]
    result = gql.execute(ME, headers=header(token))
    assert "errors" not in result
    assert result["data"] == {
        "me": {
            "id": base64.b64encode(f"User:{user.pk}".encode()).decode(),
            "email": "siti@desa.id",
            "firstName": "Siti",
            "isStaff": False,
            "lastLogin": User.objects.get(pk=user.pk).last_login.isoformat(),
        }
    }


def test_me_is_null_anonymously(gql, db):
    result = gql.execute(ME)
    assert result["data"] == {"me": None}
    assert "errors" not in result


def test_token_of_deactivated_user_is_rejected(gql, user):
    token = sign_in(gql)["token"]
    user.is_active = False
    user.save()
    result = gql.execute(ME, token=token)
    assert result["data"] == {"me": None}
    assert result["errors"][0]["extensions"]["exception"]["code"] == "InvalidTokenError"


def test_tokens_deactivate_all_invalidates_old_tokens(gql, user):
    payload = sign_in(gql)
    old_key = user.jwt_token_key
    # when
    result = gql.execute(DEACTIVATE_ALL, token=payload["token"])
    # then
    assert result["data"] == {"tokensDeactivateAll": {"errors": []}}
    assert "errors" not in result
    user.refresh_from_db()
    assert user.jwt_token_key != old_key
    me = gql.execute(ME, token=payload["token"])
    assert me["data"] == {"me": None}
    assert me["errors"][0]["extensions"]["exception"]["code"] == "InvalidTokenError"
    gql.client.cookies.clear()
    refreshed = gql.execute(TOKEN_REFRESH, {"refreshToken": payload["refreshToken"]})
    assert refreshed["data"]["tokenRefresh"]["token"] is None
    assert [e["code"] for e in refreshed["data"]["tokenRefresh"]["errors"]] == ["JWT_INVALID_TOKEN"]
    verified = gql.execute(TOKEN_VERIFY, {"token": payload["token"]})
    assert verified["data"]["tokenVerify"]["isValid"] is False
    # and a new sign-in works again
    new_token = sign_in(gql)["token"]
    assert gql.execute(ME, token=new_token)["data"]["me"]["email"] == "siti@desa.id"


def test_tokens_deactivate_all_needs_sign_in(gql, db):
    result = gql.execute(DEACTIVATE_ALL)
    assert result["data"] == {"tokensDeactivateAll": None}
    [error] = result["errors"]
    assert error["message"] == (
        "To access this path, you need one of the following permissions: AUTHENTICATED_USER"
    )
    assert error["path"] == ["tokensDeactivateAll"]
    assert error["extensions"]["exception"]["code"] == "PermissionDenied"


def test_issuer_follows_public_url(settings, user):
    settings.PUBLIC_URL = "https://lumbung.example"
    token = tokens.create_access_token(user)
    assert decode(token)["iss"] == "https://lumbung.example/graphql/"


def test_jwt_secret_setting_overrides_secret_key(settings, user):
    settings.JWT_SECRET = "a-separate-jwt-secret-of-at-least-32-bytes"
    token = tokens.create_access_token(user)
    assert (
        jwt.decode(token, "a-separate-jwt-secret-of-at-least-32-bytes", algorithms=["HS256"])[
            "email"
        ]
        == user.email
    )
    assert tokens.user_from_access_token(token) == user
