"""A cooperative's members (anggota), their savings and their applications.

A member's NIK is never stored in clear (``crypto.py``): ``nik_encrypted`` holds it
encrypted, ``nik_digest`` its keyed hash. Savings (simpanan pokok, wajib, sukarela)
are a ledger of movements in whole rupiah; a balance is the sum of its movements.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import TimeStampedModel
from marketplace.members import crypto
from marketplace.members.nik import mask_nik
from marketplace.regions.models import Village
from marketplace.village_hubs.models import Cooperative, Producer


class Sex(models.TextChoices):
    """As the RAT counts members: laki-laki / perempuan."""

    L = "L", _("Male (L)")
    P = "P", _("Female (P)")


class MemberStatus(models.TextChoices):
    AKTIF = "aktif", _("Active")
    KELUAR = "keluar", _("Left")
    MENINGGAL = "meninggal", _("Deceased")


class SavingsKind(models.TextChoices):
    POKOK = "pokok", _("Principal savings (simpanan pokok)")
    WAJIB = "wajib", _("Mandatory savings (simpanan wajib)")
    SUKARELA = "sukarela", _("Voluntary savings (simpanan sukarela)")


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class PersonalData(models.Model):
    """The personal data a member and an applicant share: name, NIK, sex, village."""

    name = models.CharField(_("full name"), max_length=255)
    nik_encrypted = models.TextField(_("NIK (encrypted)"), editable=False)
    nik_digest = models.CharField(_("NIK keyed hash"), max_length=64, editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="+")
    phone = models.CharField(_("phone number"), max_length=16, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)

    class Meta:
        abstract = True

    @property
    def nik(self) -> str:
        """The NIK in clear: only for the member and their cooperative's admins."""
        return crypto.decrypt(self.nik_encrypted)

    @nik.setter
    def nik(self, value: str) -> None:
        self.nik_encrypted = crypto.encrypt(value)
        self.nik_digest = crypto.lookup_digest(value)

    @property
    def nik_masked(self) -> str:
        return mask_nik(self.nik)


class Member(PersonalData, TimeStampedModel):
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, related_name="members", verbose_name=_("cooperative")
    )
    number = models.PositiveIntegerField(_("member number"))
    joined_on = models.DateField(_("date joined"))
    status = models.CharField(
        _("status"), max_length=16, choices=MemberStatus.choices, default=MemberStatus.AKTIF
    )
    status_changed_on = models.DateField(_("status date"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cooperative_member_records",
        verbose_name=_("account"),
    )
    producer = models.OneToOneField(
        Producer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
        verbose_name=_("producer"),
    )
    invitation_sent_at = models.DateTimeField(
        _("invitation last sent"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the last invitation to set a password was e-mailed."),
    )

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ("cooperative", "number")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "number"], name="member_number_unique_in_cooperative"
            ),
            models.UniqueConstraint(
                fields=["cooperative", "nik_digest"], name="member_nik_unique_in_cooperative"
            ),
            models.UniqueConstraint(
                fields=["cooperative", "user"],
                condition=Q(user__isnull=False),
                name="member_account_once_per_cooperative",
            ),
            models.CheckConstraint(condition=Q(sex__in=Sex.values), name="member_sex_valid"),
            models.CheckConstraint(
                condition=Q(status__in=MemberStatus.values), name="member_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=MemberStatus.AKTIF) | Q(status_changed_on__isnull=False),
                name="member_status_has_date",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="member_number_positive"),
        ]
        indexes = [models.Index(fields=["cooperative", "name"])]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class SavingsMovement(models.Model):
    """One deposit (positive) or withdrawal (negative) of a member's savings, recorded once
    per ``idempotency_key``."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="savings_movements")
    kind = models.CharField(_("savings"), max_length=16, choices=SavingsKind.choices)
    amount = models.BigIntegerField(_("amount (Rp)"))
    occurred_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    idempotency_key = models.CharField(max_length=64)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("savings movement")
        verbose_name_plural = _("savings movements")
        ordering = ("member", "occurred_on", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "idempotency_key"], name="savings_movement_once_per_key"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SavingsKind.values), name="savings_movement_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(amount=0), name="savings_movement_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount:+d}"


class MemberApplication(PersonalData, TimeStampedModel):
    """A villager's application to join a cooperative, with their consent to its privacy
    notice, until its admin approves (a member is made) or rejects it with a reason."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="member_applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_applications"
    )
    consented_at = models.DateTimeField(_("consent given at"))
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=32)
    status = models.CharField(
        max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rejection_reason = models.TextField(_("reason"), blank=True)
    member = models.OneToOneField(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="application"
    )

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ("-created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "applicant"],
                condition=Q(status="pending"),
                name="member_application_one_pending_per_applicant",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values),
                name="member_application_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="member_application_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.cooperative_id}"


class MemberSignInCode(models.Model):
    """A one-time code e-mailed to a member to sign in with: stored as a keyed hash,
    valid a few minutes (``MEMBER_SIGN_IN_CODE_TTL``) and used at most once."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="sign_in_codes")
    code_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("member sign-in code")
        verbose_name_plural = _("member sign-in codes")
        indexes = [models.Index(fields=["member", "-created_at"])]

    def __str__(self) -> str:
        return f"code for member {self.member_id}"
