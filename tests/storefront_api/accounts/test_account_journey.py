"""A customer's account over HTTP: sign up, confirm, sign in, address book, passwords."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from marketplace.accounts.models import Address, User
from marketplace.core.models import OutgoingEmail
from tests.storefront_api.accounts.conftest import STOREFRONT, link_params
from tests.storefront_api.conftest import PASSWORD, GraphQLClient

pytestmark = pytest.mark.django_db

ERRORS = "errors { field message code }"
REGISTER = f"""
mutation Register($input: AccountRegisterInput!) {{
  accountRegister(input: $input) {{ requiresConfirmation user {{ email }} {ERRORS} }}
}}"""
CONFIRM = f"""
mutation Confirm($email: String!, $token: String!) {{
  confirmAccount(email: $email, token: $token) {{ user {{ email isConfirmed isActive }} {ERRORS} }}
}}"""
TOKEN_CREATE = f"""
mutation SignIn($email: String!, $password: String!) {{
  tokenCreate(email: $email, password: $password) {{ token refreshToken {ERRORS} }}
}}"""
TOKEN_REFRESH = f"""
mutation Refresh($refreshToken: String!) {{
  tokenRefresh(refreshToken: $refreshToken) {{ token {ERRORS} }}
}}"""
ADDRESS = """id firstName lastName streetAddress1 streetAddress2 city cityArea postalCode
  country { code } countryArea phone isDefaultShippingAddress isDefaultBillingAddress"""
ME = f"""
query Me {{
  me {{
    email firstName languageCode userPermissions {{ code }}
    addresses {{ {ADDRESS} }}
    defaultShippingAddress {{ id }} defaultBillingAddress {{ id }}
  }}
}}"""
ADDRESS_CREATE = f"""
mutation Create($input: AddressInput!, $type: AddressTypeEnum) {{
  accountAddressCreate(input: $input, type: $type) {{
    address {{ {ADDRESS} }} user {{ defaultShippingAddress {{ id }} }} {ERRORS}
  }}
}}"""
ADDRESS_UPDATE = f"""
mutation Update($id: ID!, $input: AddressInput!) {{
  accountAddressUpdate(id: $id, input: $input) {{ address {{ {ADDRESS} }} {ERRORS} }}
}}"""
ADDRESS_DELETE = f"""
mutation Delete($id: ID!) {{
  accountAddressDelete(id: $id) {{ address {{ id }} user {{ addresses {{ id }} }} {ERRORS} }}
}}"""
SET_DEFAULT = f"""
mutation SetDefault($id: ID!, $type: AddressTypeEnum!) {{
  accountSetDefaultAddress(id: $id, type: $type) {{
    user {{ defaultShippingAddress {{ id }} defaultBillingAddress {{ id }} }} {ERRORS}
  }}
}}"""
PASSWORD_CHANGE = f"""
mutation Change($old: String, $new: String!) {{
  passwordChange(oldPassword: $old, newPassword: $new) {{ user {{ email }} {ERRORS} }}
}}"""
REQUEST_RESET = f"""
mutation Reset($email: String!, $url: String!) {{
  requestPasswordReset(email: $email, redirectUrl: $url, channel: "desa-pecatu") {{ {ERRORS} }}
}}"""
SET_PASSWORD = f"""
mutation SetPassword($email: String!, $token: String!, $password: String!) {{
  setPassword(email: $email, token: $token, password: $password) {{
    token refreshToken user {{ email }} {ERRORS}
  }}
}}"""
ACCOUNT_UPDATE = f"""
mutation Update($input: AccountInput!) {{
  accountUpdate(input: $input) {{ user {{ firstName lastName languageCode }} {ERRORS} }}
}}"""

NEW_PASSWORD = "gula-aren-manis-77"
PECATU = {
    "firstName": "Made",
    "lastName": "Sudarma",
    "streetAddress1": "Jl. Raya Uluwatu No. 10",
    "city": "Kabupaten Badung",
    "cityArea": "Kuta Selatan",
    "countryArea": "Bali",
    "postalCode": "80362",
    "country": "ID",
    "phone": "0812 3456 7890",
}


def register(gql: GraphQLClient, **overrides: Any) -> dict[str, Any]:
    data = {
        "email": "wayan@desa.id",
        "password": PASSWORD,
        "firstName": "Wayan",
        "lastName": "Sari",
        "redirectUrl": f"{STOREFRONT}/konfirmasi",
        "channel": "desa-pecatu",
        **overrides,
    }
    return gql.execute(REGISTER, {"input": data})["data"]["accountRegister"]


def sign_in(gql: GraphQLClient, email: str, password: str) -> dict[str, Any]:
    return gql.execute(TOKEN_CREATE, {"email": email, "password": password})["data"]["tokenCreate"]


def address_pk(global_id: str) -> int:
    type_name, pk = base64.b64decode(global_id).decode().split(":")
    assert type_name == "Address"
    return int(pk)


# --- sign-up and confirmation --------------------------------------------------------------


def test_register_with_confirmation_then_confirm_from_email_and_sign_in(gql: GraphQLClient):
    # when
    result = register(gql)
    # then
    assert result == {
        "requiresConfirmation": True,
        "user": {"email": "wayan@desa.id"},
        "errors": [],
    }
    user = User.objects.get(email="wayan@desa.id")
    assert user.is_confirmed is False
    assert sign_in(gql, "wayan@desa.id", PASSWORD)["errors"][0]["code"] == "ACCOUNT_NOT_CONFIRMED"
    email = OutgoingEmail.objects.get(to="wayan@desa.id")
    assert email.subject == "Konfirmasi akun Lumbung Anda"
    assert "Halo Wayan" in email.body
    params = link_params(email)
    assert params["email"] == "wayan@desa.id"
    assert f"{STOREFRONT}/konfirmasi?email=wayan%40desa.id&token=" in email.body

    # when: the storefront page sends what the link carries
    confirmed = gql.execute(CONFIRM, params)["data"]["confirmAccount"]
    # then
    assert confirmed == {
        "user": {"email": "wayan@desa.id", "isConfirmed": True, "isActive": True},
        "errors": [],
    }
    tokens = sign_in(gql, "wayan@desa.id", PASSWORD)
    assert tokens["errors"] == []
    refreshed = gql.execute(TOKEN_REFRESH, {"refreshToken": tokens["refreshToken"]})
    assert refreshed["data"]["tokenRefresh"]["errors"] == []
    me = gql.execute(ME, token=refreshed["data"]["tokenRefresh"]["token"])["data"]["me"]
    assert me["email"] == "wayan@desa.id"
    assert me["languageCode"] == "ID"
    assert me["userPermissions"] == []

    # and the token is spent
    again = gql.execute(CONFIRM, params)["data"]["confirmAccount"]
    assert again == {
        "user": None,
        "errors": [{"field": "token", "message": "Invalid or expired token.", "code": "INVALID"}],
    }


def test_register_without_confirmation_signs_in_at_once(gql: GraphQLClient, settings: Any):
    # given
    settings.ACCOUNT_CONFIRMATION_REQUIRED = False
    # when
    result = register(gql, redirectUrl=None, languageCode="EN")
    # then
    assert result["requiresConfirmation"] is False
    assert result["errors"] == []
    assert OutgoingEmail.objects.count() == 0
    assert User.objects.get(email="wayan@desa.id").language_code == "en"
    assert sign_in(gql, "wayan@desa.id", PASSWORD)["errors"] == []


def test_register_refuses_taken_email_and_sends_nothing(gql: GraphQLClient, user: User):
    # when
    result = register(gql, email="SITI@desa.id")
    # then
    assert result["user"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("email", "UNIQUE")]
    assert User.objects.filter(email__iexact="siti@desa.id").count() == 1
    assert OutgoingEmail.objects.count() == 0


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://penipu.example.com/konfirmasi", "INVALID"),
        ("not a url", "INVALID"),
        (None, "REQUIRED"),
    ],
)
def test_register_refuses_redirect_url_outside_the_storefront(
    gql: GraphQLClient, url: str | None, code: str
):
    # when
    result = register(gql, redirectUrl=url)
    # then
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("redirectUrl", code)]
    assert not User.objects.filter(email="wayan@desa.id").exists()
    assert OutgoingEmail.objects.count() == 0


@pytest.mark.parametrize(
    ("password", "codes"),
    [
        ("1234", ["PASSWORD_TOO_SHORT", "PASSWORD_TOO_COMMON", "PASSWORD_ENTIRELY_NUMERIC"]),
        ("password", ["PASSWORD_TOO_COMMON"]),
        ("wayan@desa.id", ["PASSWORD_TOO_SIMILAR"]),
    ],
)
def test_register_refuses_weak_password(gql: GraphQLClient, password: str, codes: list[str]):
    # when
    result = register(gql, password=password)
    # then
    assert [e["code"] for e in result["errors"]] == codes
    assert {e["field"] for e in result["errors"]} == {"password"}
    assert not User.objects.filter(email="wayan@desa.id").exists()


def test_confirm_refuses_a_forged_token(gql: GraphQLClient):
    # given
    register(gql)
    # when
    result = gql.execute(CONFIRM, {"email": "wayan@desa.id", "token": "cc1w2e-abcdef"})
    # then
    assert result["data"]["confirmAccount"]["errors"][0]["code"] == "INVALID"
    assert User.objects.get(email="wayan@desa.id").is_confirmed is False


# --- address book ---------------------------------------------------------------------------


def test_address_book_create_update_default_delete(gql: GraphQLClient, user: User):
    # given
    token = sign_in(gql, user.email, PASSWORD)["token"]
    # when: the first address
    first = gql.execute(ADDRESS_CREATE, {"input": PECATU}, token=token)["data"][
        "accountAddressCreate"
    ]
    # then: it is the default of both kinds, phone normalized
    assert first["errors"] == []
    address = first["address"]
    assert address["phone"] == "+6281234567890"
    assert address["country"] == {"code": "ID"}
    assert address["isDefaultShippingAddress"] is True
    assert address["isDefaultBillingAddress"] is True
    first_id = address["id"]
    assert address_pk(first_id) == user.addresses.get().pk

    # when: a second address, as the billing default
    second = gql.execute(
        ADDRESS_CREATE,
        {"input": {**PECATU, "streetAddress1": "Jl. Pantai Suluban 3"}, "type": "BILLING"},
        token=token,
    )["data"]["accountAddressCreate"]
    second_id = second["address"]["id"]
    assert second["address"]["isDefaultBillingAddress"] is True
    assert second["address"]["isDefaultShippingAddress"] is False

    # when: update, set default, read me
    updated = gql.execute(
        ADDRESS_UPDATE, {"id": first_id, "input": {"postalCode": "80361"}}, token=token
    )["data"]["accountAddressUpdate"]
    assert updated["errors"] == []
    assert updated["address"]["postalCode"] == "80361"
    default = gql.execute(SET_DEFAULT, {"id": second_id, "type": "SHIPPING"}, token=token)
    assert default["data"]["accountSetDefaultAddress"] == {
        "user": {
            "defaultShippingAddress": {"id": second_id},
            "defaultBillingAddress": {"id": second_id},
        },
        "errors": [],
    }
    me = gql.execute(ME, token=token)["data"]["me"]
    assert [a["id"] for a in me["addresses"]] == [first_id, second_id]
    assert [a["isDefaultShippingAddress"] for a in me["addresses"]] == [False, True]

    # when: delete the second one
    deleted = gql.execute(ADDRESS_DELETE, {"id": second_id}, token=token)["data"][
        "accountAddressDelete"
    ]
    # then
    assert deleted == {
        "address": {"id": second_id},
        "user": {"addresses": [{"id": first_id}]},
        "errors": [],
    }
    user.refresh_from_db()
    assert user.default_shipping_address_id is None
    assert user.default_billing_address_id is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"postalCode": "8036"}, "postalCode"),
        ({"phone": "12345"}, "phone"),
        ({"streetAddress1": ""}, "streetAddress1"),
        ({"villageCode": "99.99.99.9999"}, "villageCode"),
    ],
)
def test_address_create_refuses_invalid_indonesian_address(
    gql: GraphQLClient, user: User, change: dict[str, str], field: str
):
    # given
    token = sign_in(gql, user.email, PASSWORD)["token"]
    # when
    result = gql.execute(ADDRESS_CREATE, {"input": {**PECATU, **change}}, token=token)
    # then
    payload = result["data"]["accountAddressCreate"]
    assert payload["address"] is None
    assert [e["field"] for e in payload["errors"]] == [field]
    assert payload["errors"][0]["code"] in ("INVALID", "REQUIRED", "NOT_FOUND")
    assert Address.objects.count() == 0


def test_someone_elses_address_is_refused(gql: GraphQLClient, user: User):
    # given
    other = User.objects.create_user(email="komang@desa.id", password=PASSWORD)
    other_token = sign_in(gql, other.email, PASSWORD)["token"]
    created = gql.execute(ADDRESS_CREATE, {"input": PECATU}, token=other_token)
    other_id = created["data"]["accountAddressCreate"]["address"]["id"]
    token = sign_in(gql, user.email, PASSWORD)["token"]

    # when / then: update and delete are denied outright, as in Saleor
    for query, variables in (
        (ADDRESS_UPDATE, {"id": other_id, "input": {"city": "Kota Denpasar"}}),
        (ADDRESS_DELETE, {"id": other_id}),
    ):
        result = gql.execute(query, variables, token=token)
        assert result["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    # setting it as default is an INVALID id
    result = gql.execute(SET_DEFAULT, {"id": other_id, "type": "SHIPPING"}, token=token)
    errors = result["data"]["accountSetDefaultAddress"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("id", "INVALID")]
    # an unknown id is NOT_FOUND
    missing = base64.b64encode(b"Address:999999").decode()
    result = gql.execute(ADDRESS_DELETE, {"id": missing}, token=token)
    errors = result["data"]["accountAddressDelete"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("id", "NOT_FOUND")]
    # nothing changed
    address = Address.objects.get(pk=address_pk(other_id))
    assert address.city == "Kabupaten Badung"
    user.refresh_from_db()
    assert user.default_shipping_address_id is None


def test_address_mutations_need_a_signed_in_user(gql: GraphQLClient):
    result = gql.execute(ADDRESS_CREATE, {"input": PECATU})
    assert result["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert Address.objects.count() == 0


# --- account and passwords ---------------------------------------------------------------


def test_account_update_changes_name_and_language(gql: GraphQLClient, user: User):
    token = sign_in(gql, user.email, PASSWORD)["token"]
    result = gql.execute(
        ACCOUNT_UPDATE,
        {"input": {"firstName": "Ni Luh", "lastName": "Putu", "languageCode": "EN"}},
        token=token,
    )
    assert result["data"]["accountUpdate"] == {
        "user": {"firstName": "Ni Luh", "lastName": "Putu", "languageCode": "EN"},
        "errors": [],
    }


def test_password_change_keeps_old_tokens_and_refuses_wrong_old_password(
    gql: GraphQLClient, user: User
):
    # given
    token = sign_in(gql, user.email, PASSWORD)["token"]
    # when: wrong old password
    wrong = gql.execute(PASSWORD_CHANGE, {"old": "salah", "new": NEW_PASSWORD}, token=token)
    # then
    errors = wrong["data"]["passwordChange"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("oldPassword", "INVALID_CREDENTIALS")]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    # when: weak new password
    weak = gql.execute(PASSWORD_CHANGE, {"old": PASSWORD, "new": "123"}, token=token)
    codes = {(e["field"], e["code"]) for e in weak["data"]["passwordChange"]["errors"]}
    assert ("newPassword", "PASSWORD_TOO_SHORT") in codes

    # when: right
    ok = gql.execute(PASSWORD_CHANGE, {"old": PASSWORD, "new": NEW_PASSWORD}, token=token)
    # then
    assert ok["data"]["passwordChange"] == {"user": {"email": user.email}, "errors": []}
    assert gql.execute(ME, token=token)["data"]["me"]["email"] == user.email  # as Saleor
    assert sign_in(gql, user.email, PASSWORD)["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert sign_in(gql, user.email, NEW_PASSWORD)["errors"] == []


def test_password_reset_by_email_then_sign_in_with_new_password(gql: GraphQLClient, user: User):
    # when
    result = gql.execute(REQUEST_RESET, {"email": user.email, "url": f"{STOREFRONT}/sandi"})
    # then
    assert result["data"]["requestPasswordReset"] == {"errors": []}
    email = OutgoingEmail.objects.get(to=user.email)
    assert email.subject == "Atur ulang kata sandi Lumbung Anda"
    assert "kata sandi" in email.body
    params = link_params(email)
    assert params["email"] == user.email

    # when: a bad token
    bad = gql.execute(
        SET_PASSWORD, {"email": user.email, "token": "abc-def", "password": NEW_PASSWORD}
    )["data"]["setPassword"]
    assert [(e["field"], e["code"]) for e in bad["errors"]] == [("token", "INVALID")]
    assert bad["token"] is None
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    # when: the e-mailed token
    done = gql.execute(SET_PASSWORD, {**params, "password": NEW_PASSWORD})["data"]["setPassword"]
    # then: signed in, old password gone, token spent
    assert done["errors"] == []
    assert done["user"] == {"email": user.email}
    assert gql.execute(ME, token=done["token"])["data"]["me"]["email"] == user.email
    assert sign_in(gql, user.email, NEW_PASSWORD)["errors"] == []
    assert sign_in(gql, user.email, PASSWORD)["errors"][0]["code"] == "INVALID_CREDENTIALS"
    again = gql.execute(SET_PASSWORD, {**params, "password": "lagi-lagi-baru-99"})
    assert again["data"]["setPassword"]["errors"][0]["code"] == "INVALID"


def test_password_reset_for_unknown_email_answers_the_same_and_sends_nothing(
    gql: GraphQLClient,
):
    result = gql.execute(REQUEST_RESET, {"email": "siapa@desa.id", "url": f"{STOREFRONT}/sandi"})
    assert result["data"]["requestPasswordReset"] == {"errors": []}
    assert OutgoingEmail.objects.count() == 0


def test_password_reset_refuses_foreign_redirect_url(gql: GraphQLClient, user: User):
    result = gql.execute(REQUEST_RESET, {"email": user.email, "url": "https://jahat.example/x"})
    errors = result["data"]["requestPasswordReset"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("redirectUrl", "INVALID")]
    assert OutgoingEmail.objects.count() == 0
