"""BaseMutation: Saleor's errors-as-data and permission conventions."""

from __future__ import annotations

import json

import graphene
import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import RequestFactory

from marketplace.accounts import tokens
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.models import User
from marketplace.core.exceptions import field_error
from storefront_api.accounts.types import AccountError
from storefront_api.core.errors import validation_error_to_errors
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.core.views import GraphQLView


def test_validation_error_to_errors_camel_cases_fields_and_keeps_codes():
    exc = ValidationError(
        {
            "refresh_token": ValidationError("Missing.", code="missing_token"),
            "__all__": ValidationError("Whole input is wrong.", code="invalid"),
        }
    )
    assert validation_error_to_errors(exc) == [
        {"field": "refreshToken", "message": "Missing.", "code": "missing_token", "params": {}},
        {"field": None, "message": "Whole input is wrong.", "code": "invalid", "params": {}},
    ]


def test_validation_error_without_field():
    exc = field_error(None, "Nope.", AccountErrorCode.INACTIVE)
    assert validation_error_to_errors(exc) == [
        {"field": None, "message": "Nope.", "code": "inactive", "params": {}}
    ]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("blank", "required"),
        ("null", "required"),
        ("unique_together", "unique"),
        ("max_length", "invalid"),
        ("something_else", "invalid"),
        (None, "invalid"),
        ("password_too_short", "password_too_short"),
    ],
)
def test_codes_outside_the_enum_are_folded(code, expected):
    allowed = frozenset(member.value for member in AccountErrorCode)
    [error] = validation_error_to_errors(
        ValidationError({"password": ValidationError("x", code=code)}), allowed_codes=allowed
    )
    assert error["code"] == expected


class Echo(BaseMutation):
    text = graphene.String()

    class Arguments:
        text = graphene.String(required=True)
        address_type = graphene.String()

    class Meta:
        error_type_class = AccountError
        permissions = (AuthorizationFilters.AUTHENTICATED_STAFF_USER, "accounts.change_user")

    @classmethod
    def perform_mutation(cls, root, info, /, *, text, address_type=None):
        if text == "bad":
            raise ValidationError(
                {
                    "first_name": ValidationError(
                        "Use letters.", code="max_length", params={"address_type": "shipping"}
                    )
                }
            )
        return cls(text=text.upper())


class Mutation(graphene.ObjectType):
    echo = Echo.Field()


class Query(graphene.ObjectType):
    ok = graphene.Boolean()


view = GraphQLView.as_view(schema=graphene.Schema(query=Query, mutation=Mutation))
ECHO = (
    "mutation E($t: String!) { echo(text: $t) { text errors { field message code addressType } } }"
)


def run(text: str, user: User | None = None) -> dict:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens.create_access_token(user)}"} if user else {}
    request = RequestFactory().post(
        "/graphql/",
        data=json.dumps({"query": ECHO, "variables": {"t": text}}),
        content_type="application/json",
        **headers,
    )
    return json.loads(view(request).content)


def test_mutation_needs_one_of_its_permissions(db):
    customer = User.objects.create_user(email="pembeli@desa.id", password="x")
    for user in (None, customer):
        body = run("hi", user)
        assert body["data"] == {"echo": None}
        [error] = body["errors"]
        assert error["message"] == (
            "To access this path, you need one of the following permissions: "
            "AUTHENTICATED_STAFF_USER, accounts.change_user"
        )
        assert error["extensions"]["exception"]["code"] == "PermissionDenied"


def test_mutation_success_has_empty_errors(db):
    staff = User.objects.create_user(email="staf@desa.id", password="x", is_staff=True)
    body = run("hi", staff)
    assert body["data"] == {"echo": {"text": "HI", "errors": []}}
    assert "errors" not in body


def test_mutation_with_django_permission(db):
    from django.contrib.auth.models import Permission

    user = User.objects.create_user(email="pengurus@desa.id", password="x")
    user.user_permissions.add(Permission.objects.get(codename="change_user"))
    assert run("hi", user)["data"]["echo"]["errors"] == []


def test_mutation_failure_nulls_the_result_and_lists_errors(db):
    staff = User.objects.create_user(email="staf@desa.id", password="x", is_staff=True)
    body = run("bad", staff)
    assert "errors" not in body
    assert body["data"] == {
        "echo": {
            "text": None,
            "errors": [
                {
                    "field": "firstName",
                    "message": "Use letters.",
                    "code": "INVALID",
                    "addressType": "SHIPPING",
                }
            ],
        }
    }


def test_mutation_without_error_type_is_refused():
    with pytest.raises(ImproperlyConfigured):

        class Broken(BaseMutation):
            ok = graphene.Boolean()

            @classmethod
            def perform_mutation(cls, root, info, /):
                return cls(ok=True)
