"""Applying to a cooperative online: consent recorded, the admin approves (next number,
account linked) or rejects with a reason, and the applicant is told."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from marketplace.core.models import OutgoingEmail
from marketplace.members import services
from marketplace.members.models import MemberApplication
from marketplace.members.selectors import decision_whatsapp_link
from tests.factories.accounts import UserFactory
from tests.factories.members import NIK_SITI, NIK_WAYAN, member
from tests.factories.village_hubs import CooperativeFactory, CooperativeStaffFactory

pytestmark = pytest.mark.django_db


def apply(cooperative, applicant, **overrides):
    data = {
        "name": "Wayan Sudarma",
        "nik": NIK_WAYAN,
        "sex": "L",
        "village": cooperative.village,
        "phone": "0812 3456 7890",
        "consent": True,
        "privacy_notice_version": "2026-12",
        **overrides,
    }
    return services.application_submit(cooperative=cooperative, applicant=applicant, **data)


def test_without_consent_nothing_is_recorded():
    cooperative = CooperativeFactory()
    with pytest.raises(ValidationError) as refused:
        apply(cooperative, UserFactory(), consent=False)
    assert refused.value.error_dict["consent"][0].code == "consent_required"
    assert not MemberApplication.objects.exists()


def test_approval_gives_the_next_number_links_the_account_and_emails_the_applicant():
    cooperative = CooperativeFactory()
    member(cooperative)  # number 1 is taken
    admin = CooperativeStaffFactory(cooperative=cooperative, role="admin").user
    applicant = UserFactory(email="wayan@example.com")
    application = apply(cooperative, applicant)
    assert application.consented_at is not None
    assert application.privacy_notice_version == "2026-12"
    assert application.nik == NIK_WAYAN
    assert NIK_WAYAN not in application.nik_encrypted

    new_member = services.application_approve(application=application, actor=admin)

    assert (new_member.number, new_member.user, new_member.nik) == (2, applicant, NIK_WAYAN)
    email = OutgoingEmail.objects.get(to="wayan@example.com")
    assert "2" in email.body
    assert cooperative.name in email.subject
    assert NIK_WAYAN not in email.body
    application.refresh_from_db()
    link = decision_whatsapp_link(application)
    assert link.startswith("https://wa.me/6281234567890?text=")
    with pytest.raises(ValidationError) as twice:
        services.application_approve(application=application, actor=admin)
    assert twice.value.code == "already_decided"


def test_rejection_needs_a_reason_which_the_applicant_is_told():
    cooperative = CooperativeFactory()
    admin = CooperativeStaffFactory(cooperative=cooperative, role="admin").user
    application = apply(cooperative, UserFactory(email="wayan@example.com"))
    with pytest.raises(ValidationError):
        services.application_reject(application=application, actor=admin, reason="  ")
    services.application_reject(
        application=application, actor=admin, reason="Belum berdomisili di wilayah koperasi."
    )
    email = OutgoingEmail.objects.get(to="wayan@example.com")
    assert "Belum berdomisili" in email.body
    assert not cooperative.members.exists()


def test_one_pending_application_at_a_time_and_never_for_a_member():
    cooperative = CooperativeFactory()
    applicant = UserFactory()
    apply(cooperative, applicant)
    with pytest.raises(ValidationError):
        apply(cooperative, applicant, nik="3319014501900003")
    member(cooperative, nik=NIK_SITI)
    with pytest.raises(ValidationError) as refused:
        apply(cooperative, UserFactory(), nik=NIK_SITI)
    assert refused.value.error_dict["nik"][0].code == "unique"
