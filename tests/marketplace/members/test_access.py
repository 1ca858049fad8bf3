"""How members added by their cooperative get in: an invitation with a one-time link to
set a password, and one-time codes by e-mail (short-lived, single use, throttled)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from marketplace.accounts import services as account_services
from marketplace.core.models import OutgoingEmail
from marketplace.members import access
from marketplace.members.models import MemberSignInCode
from tests.factories.accounts import UserFactory
from tests.factories.members import NIK_SITI, NIK_WAYAN, member
from tests.factories.village_hubs import CooperativeFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sawah-Hijau-2026"


def _link_params(body: str) -> tuple[str, str]:
    email = re.search(r"email=([^&\s]+)", body).group(1).replace("%40", "@")
    token = re.search(r"token=([^&\s]+)", body).group(1)
    return email, token


def test_a_member_added_with_an_email_gets_an_account_and_a_one_time_password_link():
    cooperative = CooperativeFactory(name="KUD Mina Segara")
    siti = member(cooperative, email="siti@example.com")

    assert siti.user is not None
    assert siti.user.email == "siti@example.com"
    assert not siti.user.has_usable_password()
    invitation = OutgoingEmail.objects.get(to="siti@example.com")
    assert "KUD Mina Segara" in invitation.subject
    assert "/sandi-baru/?email=siti%40example.com&token=" in invitation.body
    assert NIK_SITI not in invitation.body
    email, token = _link_params(invitation.body)

    account_services.user_password_set(email=email, token=token, password=NEW_PASSWORD)
    siti.user.refresh_from_db()
    assert siti.user.check_password(NEW_PASSWORD)
    with pytest.raises(ValidationError):  # the link works once
        account_services.user_password_set(email=email, token=token, password="Lain-Lagi-2026")


def test_an_expired_invitation_link_is_refused():
    siti = member(CooperativeFactory(), email="siti@example.com")
    email, token = _link_params(OutgoingEmail.objects.get(to="siti@example.com").body)
    with override_settings(PASSWORD_RESET_TIMEOUT=-1), pytest.raises(ValidationError):
        account_services.user_password_set(email=email, token=token, password=NEW_PASSWORD)
    siti.user.refresh_from_db()
    assert not siti.user.has_usable_password()


def test_a_member_without_email_or_with_an_account_is_not_invited():
    cooperative = CooperativeFactory()
    member(cooperative)
    member(cooperative, nik=NIK_WAYAN, email="wayan@example.com", user=UserFactory())
    assert not OutgoingEmail.objects.exists()


def _sent_code(email: str) -> str:
    body = OutgoingEmail.objects.filter(to=email).latest("pk").body
    return re.search(r"\b(\d{6})\b", body).group(1)


def test_a_code_signs_the_member_in_once_and_only_before_it_expires():
    cooperative = CooperativeFactory()
    siti = member(cooperative, email="siti@example.com")
    access.member_sign_in_code_send(cooperative=cooperative, number=siti.number, ip="10.0.0.1")
    code = _sent_code("siti@example.com")
    assert not MemberSignInCode.objects.filter(code_digest__contains=code).exists()

    signed_in = access.member_authenticate_by_code(
        cooperative=cooperative, number=siti.number, code=code, ip="10.0.0.1"
    )
    assert signed_in == siti
    with pytest.raises(ValidationError) as reused:
        access.member_authenticate_by_code(
            cooperative=cooperative, number=siti.number, code=code, ip="10.0.0.1"
        )
    assert reused.value.error_dict["code"][0].code == "invalid_credentials"

    access.member_sign_in_code_send(cooperative=cooperative, number=siti.number, ip="10.0.0.2")
    late = _sent_code("siti@example.com")
    MemberSignInCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(ValidationError):
        access.member_authenticate_by_code(
            cooperative=cooperative, number=siti.number, code=late, ip="10.0.0.2"
        )


def test_a_new_code_replaces_the_previous_one_and_codes_are_per_cooperative():
    cooperative, other = CooperativeFactory(), CooperativeFactory()
    siti = member(cooperative, email="siti@example.com")
    access.member_sign_in_code_send(cooperative=cooperative, number=siti.number, ip=None)
    first = _sent_code("siti@example.com")
    access.member_sign_in_code_send(cooperative=cooperative, number=siti.number, ip=None)
    second = _sent_code("siti@example.com")
    if first != second:
        with pytest.raises(ValidationError):
            access.member_authenticate_by_code(
                cooperative=cooperative, number=siti.number, code=first, ip=None
            )
    with pytest.raises(ValidationError):
        access.member_authenticate_by_code(
            cooperative=other, number=siti.number, code=second, ip=None
        )
    assert (
        access.member_authenticate_by_code(
            cooperative=cooperative, number=siti.number, code=second, ip=None
        )
        == siti
    )


def test_wrong_codes_are_slowed_as_wrong_passwords_and_requests_are_limited():
    cooperative = CooperativeFactory()
    siti = member(cooperative, email="siti@example.com")
    access.member_sign_in_code_send(cooperative=cooperative, number=siti.number, ip="10.0.0.9")
    code = _sent_code("siti@example.com")
    delayed = None
    for _attempt in range(12):
        try:
            access.member_authenticate_by_code(
                cooperative=cooperative, number=siti.number, code="000000", ip="10.0.0.9"
            )
        except ValidationError as error:
            if "email" in error.error_dict:
                delayed = error
                break
    assert delayed is not None, "wrong codes were never slowed"
    assert delayed.error_dict["email"][0].code == "login_attempt_delayed"
    with pytest.raises(ValidationError):  # even the right code waits
        access.member_authenticate_by_code(
            cooperative=cooperative, number=siti.number, code=code, ip="10.0.0.9"
        )


@override_settings(MEMBER_SIGN_IN_CODES_PER_HOUR=2)
def test_asking_for_too_many_codes_is_refused_and_unknown_numbers_read_the_same():
    cooperative = CooperativeFactory()
    siti = member(cooperative, email="siti@example.com")
    sent_before = OutgoingEmail.objects.count()
    access.member_sign_in_code_send(cooperative=cooperative, number=999, ip=None)
    assert OutgoingEmail.objects.count() == sent_before  # nobody to write to, no error
    for _ in range(2):
        access.member_sign_in_code_send(cooperative=cooperative, number=siti.number, ip=None)
    with pytest.raises(ValidationError) as refused:
        access.member_sign_in_code_send(cooperative=cooperative, number=siti.number, ip=None)
    assert refused.value.error_dict["number"][0].code == "code_requests_exceeded"
    assert OutgoingEmail.objects.count() == sent_before + 2
