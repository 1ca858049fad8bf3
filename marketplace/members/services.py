"""Writes of the member registry: members, their savings, applications to join.

Member numbers are given under a lock on the cooperative's row, so two approvals at
once never take the same number. Savings movements are written under a lock on the
member's row, once per idempotency key: a retried request records nothing twice, and
no balance goes below zero. Log lines name members by id, never by NIK or name.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.core.phone import InvalidPhoneNumber, normalize_phone_id
from marketplace.members import crypto
from marketplace.members.access import member_invite
from marketplace.members.error_codes import MemberErrorCode as Code
from marketplace.members.models import (
    ApplicationStatus,
    Member,
    MemberApplication,
    MemberStatus,
    SavingsKind,
    SavingsMovement,
    Sex,
)
from marketplace.members.nik import validate_nik
from marketplace.regions.models import Village
from marketplace.village_hubs.models import Cooperative, Producer

logger = logging.getLogger(__name__)

PERSONAL_FIELDS = ("name", "nik", "sex", "village", "phone", "email")


def _clean_personal(data: dict[str, Any], errors: dict[str, ValidationError]) -> dict[str, Any]:
    """Check and normalise the personal fields present in ``data``."""
    clean = dict(data)
    if "name" in data:
        clean["name"] = " ".join((data["name"] or "").split())
        if not clean["name"]:
            errors["name"] = ValidationError(_("Fill in the name."), code=Code.REQUIRED.value)
    if "nik" in data:
        try:
            clean["nik"] = validate_nik(data["nik"])
        except ValidationError as error:
            errors["nik"] = error
    if "sex" in data and data["sex"] not in Sex.values:
        errors["sex"] = ValidationError(_("Choose L or P."), code=Code.INVALID.value)
    if "village" in data and not isinstance(data["village"], Village):
        errors["village"] = ValidationError(_("Choose the village."), code=Code.REQUIRED.value)
    if data.get("phone"):
        try:
            clean["phone"] = normalize_phone_id(data["phone"])
        except InvalidPhoneNumber:
            errors["phone"] = ValidationError(
                _("Enter an Indonesian phone number, e.g. 0812 3456 7890."),
                code=Code.INVALID.value,
            )
    if data.get("email"):
        try:
            validate_email(data["email"])
        except ValidationError:
            errors["email"] = ValidationError(_("Enter a valid e-mail address."), code="invalid")
    return clean


def _nik_taken(cooperative: Cooperative, nik: str, exclude_pk: int | None = None) -> bool:
    members = Member.objects.filter(cooperative=cooperative, nik_digest=crypto.lookup_digest(nik))
    if exclude_pk is not None:
        members = members.exclude(pk=exclude_pk)
    return members.exists()


def _nik_taken_error() -> ValidationError:
    return ValidationError(
        _("A member of this cooperative already has this NIK."), code=Code.UNIQUE.value
    )


def next_member_number(cooperative: Cooperative) -> int:
    """The next free number; call inside ``transaction.atomic`` with the cooperative locked."""
    highest = Member.objects.filter(cooperative=cooperative).aggregate(top=Max("number"))["top"]
    return (highest or 0) + 1


def _lock(cooperative: Cooperative) -> None:
    Cooperative.objects.select_for_update().filter(pk=cooperative.pk).first()


def _check_producer(cooperative: Cooperative, producer: Producer | None, errors: dict) -> None:
    if producer is not None and producer.cooperative_id != cooperative.pk:
        errors["producer"] = ValidationError(
            _("Choose a producer of this cooperative."), code=Code.INVALID.value
        )


@transaction.atomic
def member_create(
    *,
    cooperative: Cooperative,
    joined_on: datetime.date,
    number: int | None = None,
    user: User | None = None,
    producer: Producer | None = None,
    **personal: Any,
) -> Member:
    """Register a member; ``number`` None takes the next free one. A member without an
    account but with an e-mail address is invited (``access.member_invite``)."""
    errors: dict[str, ValidationError] = {}
    personal = _clean_personal(
        {field: personal.get(field, "") for field in PERSONAL_FIELDS}, errors
    )
    _check_producer(cooperative, producer, errors)
    _lock(cooperative)
    if "nik" not in errors and _nik_taken(cooperative, personal["nik"]):
        errors["nik"] = _nik_taken_error()
    if number is not None and (
        number < 1 or Member.objects.filter(cooperative=cooperative, number=number).exists()
    ):
        errors["number"] = ValidationError(
            _("Another member has this number; leave it empty to take the next free one."),
            code=Code.UNIQUE.value,
        )
    if errors:
        raise ValidationError(errors)
    nik = personal.pop("nik")
    member = Member(
        cooperative=cooperative,
        number=number or next_member_number(cooperative),
        joined_on=joined_on,
        user=user,
        producer=producer,
        **personal,
    )
    member.nik = nik
    member.save()
    logger.info("member_created", extra={"member_id": member.pk, "cooperative_id": cooperative.pk})
    if user is None and member.email:
        member_invite(member=member)  # added by an admin or an import: give them access
    return member


@transaction.atomic
def member_update(*, member: Member, **changes: Any) -> Member:
    """Change a member's personal data, producer or status (``status_changed_on`` with it)."""
    errors: dict[str, ValidationError] = {}
    personal = _clean_personal({k: v for k, v in changes.items() if k in PERSONAL_FIELDS}, errors)
    if "producer" in changes:
        _check_producer(member.cooperative, changes["producer"], errors)
    if "nik" in personal and "nik" not in errors:
        if _nik_taken(member.cooperative, personal["nik"], exclude_pk=member.pk):
            errors["nik"] = _nik_taken_error()
    status = changes.get("status", member.status)
    changed_on = changes.get("status_changed_on", member.status_changed_on)
    if status not in MemberStatus.values:
        errors["status"] = ValidationError(_("Choose a status."), code=Code.INVALID.value)
    elif status != MemberStatus.AKTIF and changed_on is None:
        errors["status_changed_on"] = ValidationError(
            _("Fill in the date of leaving or death."), code=Code.REQUIRED.value
        )
    if errors:
        raise ValidationError(errors)
    for field, value in personal.items():
        setattr(member, field, value)
    member.status = status
    member.status_changed_on = changed_on if status != MemberStatus.AKTIF else None
    if "producer" in changes:
        member.producer = changes["producer"]
    if "joined_on" in changes and changes["joined_on"]:
        member.joined_on = changes["joined_on"]
    member.save()
    logger.info("member_updated", extra={"member_id": member.pk})
    return member


def savings_balance(member: Member, kind: str) -> int:
    """The sum of the member's movements of one kind of savings."""
    total = member.savings_movements.filter(kind=kind).aggregate(total=Sum("amount"))["total"]
    return int(total or 0)


@transaction.atomic
def savings_record(
    *,
    member: Member,
    kind: str,
    amount: int,
    occurred_on: datetime.date,
    idempotency_key: str,
    note: str = "",
    actor: User | None = None,
) -> tuple[SavingsMovement, bool]:
    """Record a deposit (``amount`` > 0) or withdrawal (< 0) once per key; returns the
    movement and whether it was recorded now."""
    Member.objects.select_for_update().filter(pk=member.pk).first()
    existing = SavingsMovement.objects.filter(member=member, idempotency_key=idempotency_key)
    if (movement := existing.first()) is not None:
        return movement, False
    errors: dict[str, ValidationError] = {}
    if kind not in SavingsKind.values:
        errors["kind"] = ValidationError(_("Choose the kind of savings."), code=Code.INVALID.value)
    if not isinstance(amount, int) or amount == 0:
        errors["amount"] = ValidationError(
            _("Enter the amount in whole rupiah, not zero."), code=Code.INVALID.value
        )
    elif kind in SavingsKind.values and savings_balance(member, kind) + amount < 0:
        errors["amount"] = ValidationError(
            _("The withdrawal is larger than the balance."),
            code=Code.INSUFFICIENT_BALANCE.value,
        )
    if not idempotency_key or len(idempotency_key) > 64:
        errors["idempotency_key"] = ValidationError(
            _("Send a key of 1 to 64 characters."), code=Code.INVALID.value
        )
    if errors:
        raise ValidationError(errors)
    movement = SavingsMovement.objects.create(
        member=member,
        kind=kind,
        amount=amount,
        occurred_on=occurred_on,
        note=note[:255],
        idempotency_key=idempotency_key,
        recorded_by=actor,
    )
    logger.info("savings_recorded", extra={"member_id": member.pk, "movement_id": movement.pk})
    return movement, True


# --- applications ------------------------------------------------------------------------


@transaction.atomic
def application_submit(
    *,
    cooperative: Cooperative,
    applicant: User,
    consent: bool,
    privacy_notice_version: str,
    **personal: Any,
) -> MemberApplication:
    """A villager asks to join; their consent to the privacy notice is recorded."""
    errors: dict[str, ValidationError] = {}
    personal = _clean_personal(
        {field: personal.get(field, "") for field in PERSONAL_FIELDS}, errors
    )
    if not consent:
        errors["consent"] = ValidationError(
            _("Agree to the privacy notice to apply."), code=Code.CONSENT_REQUIRED.value
        )
    if "nik" not in errors and _nik_taken(cooperative, personal["nik"]):
        errors["nik"] = _nik_taken_error()
    pending = MemberApplication.objects.filter(
        cooperative=cooperative, applicant=applicant, status=ApplicationStatus.PENDING
    )
    if pending.exists():
        errors["__all__"] = ValidationError(
            _("You have already applied; the cooperative has not decided yet."),
            code=Code.UNIQUE.value,
        )
    if errors:
        raise ValidationError(errors)
    nik = personal.pop("nik")
    application = MemberApplication(
        cooperative=cooperative,
        applicant=applicant,
        consented_at=timezone.now(),
        privacy_notice_version=privacy_notice_version,
        **personal,
    )
    application.nik = nik
    application.save()
    logger.info("member_application_submitted", extra={"application_id": application.pk})
    return application


def _locked_pending(application: MemberApplication) -> MemberApplication:
    locked = MemberApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != ApplicationStatus.PENDING:
        raise ValidationError(
            _("This application has already been decided."), code=Code.ALREADY_DECIDED.value
        )
    return locked


@transaction.atomic
def application_approve(
    *, application: MemberApplication, actor: User, joined_on: datetime.date | None = None
) -> Member:
    """Make the applicant a member with the next free number, linked to their account,
    and tell them by e-mail."""
    from marketplace.notifications.emails import member_application_decided_email_send

    application = _locked_pending(application)
    member = member_create(
        cooperative=application.cooperative,
        joined_on=joined_on or timezone.localdate(),
        user=application.applicant,
        name=application.name,
        nik=application.nik,
        sex=application.sex,
        village=application.village,
        phone=application.phone,
        email=application.email,
    )
    application.status = ApplicationStatus.APPROVED
    application.decided_at, application.decided_by = timezone.now(), actor
    application.member = member
    application.save()
    member_application_decided_email_send(application=application)
    return member


@transaction.atomic
def application_reject(
    *, application: MemberApplication, actor: User, reason: str
) -> MemberApplication:
    """Refuse an application with a reason the applicant is told by e-mail."""
    from marketplace.notifications.emails import member_application_decided_email_send

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"rejection_reason": ValidationError(_("Say why."), code=Code.REQUIRED.value)}
        )
    application = _locked_pending(application)
    application.status = ApplicationStatus.REJECTED
    application.decided_at, application.decided_by = timezone.now(), actor
    application.rejection_reason = reason[:2000]
    application.save()
    member_application_decided_email_send(application=application)
    return application


# --- signing in with a member number -----------------------------------------------------


def member_authenticate(
    *, cooperative: Cooperative, number: int, password: str, ip: str | None
) -> Member:
    """The active member with this number whose account has this password.

    Members sign in with their cooperative, member number and the password of the account
    linked to them (approved applicants have one). Failed attempts are slowed as e-mail
    sign-ins are (``accounts.throttling``, refused before hashing while delayed); an
    unknown number, a member without an account and a wrong password read the same:
    ``ValidationError`` on ``number`` with code ``invalid_credentials``.
    """
    from marketplace.accounts import throttling

    member = (
        Member.objects.filter(cooperative=cooperative, number=number, status=MemberStatus.AKTIF)
        .select_related("user")
        .first()
    )
    user = member.user if member is not None else None
    login = f"anggota:{cooperative.pk}:{number}"
    attempt = throttling.SignInAttempt.for_login(ip=ip, login=login, user=user)
    throttling.sign_in_check(attempt)
    if user is None:
        User().set_password(password)  # the same hashing time as a known member
        password_ok = False
    else:
        password_ok = user.check_password(password) and user.is_active
    if member is None or not password_ok:  # without a member, password_ok is False
        throttling.sign_in_failed(attempt)
        logger.info("member_sign_in_failed", extra={"cooperative_id": cooperative.pk})
        raise ValidationError(
            {
                "number": ValidationError(
                    _("The member number or the password is wrong."),
                    code=Code.INVALID_CREDENTIALS.value,
                )
            }
        )
    throttling.sign_in_succeeded(attempt)
    logger.info("member_signed_in", extra={"member_id": member.pk})
    return member
