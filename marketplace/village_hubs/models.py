"""Cooperatives, their producers (UMKM, household industries) and village hubs.

A *village hub* (desa digital shop) sells through its own sales channel and is supplied by
cooperatives; a *cooperative* has staff and member *producers*. Formats of identifiers are
in ``validators.py``; write use cases in ``services.py``, object-level scoping in
``selectors.py``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.channels.models import Channel
from marketplace.core.models import TimeStampedModel
from marketplace.core.phone import E164_ID_RE, validate_phone_id
from marketplace.regions.models import Village
from marketplace.village_hubs import time_zones
from marketplace.village_hubs.error_codes import VillageHubErrorCode
from marketplace.village_hubs.validators import (
    BPOM_RE,
    NIB_RE,
    NIK_KOPERASI_RE,
    NPWP_RE,
    PIRT_RE,
    validate_bpom_number,
    validate_nib,
    validate_nomor_induk_koperasi,
    validate_npwp,
    validate_pirt_number,
)

PIRT_TIME_ZONE = ZoneInfo(time_zones.WIB)


def _blank_or_regex(field: str, regex: str) -> Q:
    return Q(**{field: ""}) | Q(**{f"{field}__regex": regex})


class CooperativeJenis(models.TextChoices):
    """Legal type (jenis) and the older group labels (kelompok) still used by the Dinas."""

    PRODUSEN = "produsen", _("Producer cooperative")
    KONSUMEN = "konsumen", _("Consumer cooperative")
    PEMASARAN = "pemasaran", _("Marketing cooperative")
    JASA = "jasa", _("Service cooperative")
    KSP = "ksp", _("Savings and loan cooperative (KSP)")
    KSPPS = "kspps", _("Sharia savings, loan and financing cooperative (KSPPS)")
    KUD = "kud", _("Village unit cooperative (KUD)")
    KSU = "ksu", _("Multi-purpose cooperative (KSU)")
    KOPWAN = "kopwan", _("Women's cooperative (Kopwan)")
    KOPKAR = "kopkar", _("Employees' cooperative (Kopkar)")
    KOPONTREN = "kopontren", _("Islamic boarding school cooperative (Kopontren)")


# A savings and loan cooperative is itself a savings unit.
SAVINGS_JENIS = (CooperativeJenis.KSP, CooperativeJenis.KSPPS)


class StaffRole(models.TextChoices):
    ADMIN = "admin", _("Board member or administrator (pengurus)")
    STAFF = "staff", _("Staff")


class ProducerSizeClass(models.TextChoices):
    """Scale per PP 7/2021 Pasal 35."""

    MIKRO = "mikro", _("Micro")
    KECIL = "kecil", _("Small")
    MENENGAH = "menengah", _("Medium")


class HubTimeZone(models.TextChoices):
    WIB = time_zones.WIB, _("WIB — Western Indonesia Time (UTC+7)")
    WITA = time_zones.WITA, _("WITA — Central Indonesia Time (UTC+8)")
    WIT = time_zones.WIT, _("WIT — Eastern Indonesia Time (UTC+9)")


class HubWeekday(models.IntegerChoices):
    """As Python's ``date.weekday()``."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Cooperative(TimeStampedModel):
    """A cooperative: sells its members' products through village hubs.

    Its regency and province follow from the village code (``51.03.05.2001`` → ``51.03``, ``51``).
    """

    Jenis = CooperativeJenis

    name = models.CharField(_("name"), max_length=255)
    jenis = models.CharField(_("type"), max_length=16, choices=CooperativeJenis.choices)
    nomor_induk_koperasi = models.CharField(
        _("cooperative registration number (NIK)"),
        max_length=16,
        blank=True,
        validators=[validate_nomor_induk_koperasi],
        help_text=_("Nomor Induk Koperasi from the Ministry of Cooperatives."),
    )
    nomor_badan_hukum = models.CharField(_("legal entity number"), max_length=100, blank=True)
    tanggal_badan_hukum = models.DateField(_("legal entity date"), null=True, blank=True)
    is_merah_putih = models.BooleanField(
        _("Merah Putih village cooperative"),
        default=False,
        help_text=_("Koperasi Desa/Kelurahan Merah Putih (Inpres 9/2025)."),
    )
    has_savings_unit = models.BooleanField(
        _("has a savings and loan unit"),
        default=False,
        help_text=_("Runs savings and loans (KSP/USP), so savings health rules apply."),
    )
    address = models.CharField(_("street address"), max_length=255, blank=True)
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="cooperatives",
        verbose_name=_("village"),
    )
    member_count = models.PositiveIntegerField(_("members"), default=0)
    members_male = models.PositiveIntegerField(_("male members"), default=0)
    members_female = models.PositiveIntegerField(_("female members"), default=0)
    phone = models.CharField(
        _("phone number"), max_length=16, blank=True, validators=[validate_phone_id]
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    nib = models.CharField(
        _("business ID (NIB)"), max_length=13, blank=True, validators=[validate_nib]
    )
    npwp = models.CharField(
        _("tax ID (NPWP)"), max_length=16, blank=True, validators=[validate_npwp]
    )
    fee_percentage = models.DecimalField(
        _("fee on producers' sales (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("Share of its producers' sales the cooperative keeps."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("cooperative")
        verbose_name_plural = _("cooperatives")
        ordering = ("name", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["nomor_induk_koperasi"],
                condition=~Q(nomor_induk_koperasi=""),
                name="cooperative_nik_unique",
                violation_error_code="unique",
                violation_error_message=_("A cooperative with this NIK already exists."),
            ),
            models.UniqueConstraint(
                fields=["nib"],
                condition=~Q(nib=""),
                name="cooperative_nib_unique",
                violation_error_code="unique",
                violation_error_message=_("A cooperative with this NIB already exists."),
            ),
            models.UniqueConstraint(
                fields=["npwp"],
                condition=~Q(npwp=""),
                name="cooperative_npwp_unique",
                violation_error_code="unique",
                violation_error_message=_("A cooperative with this NPWP already exists."),
            ),
            models.CheckConstraint(
                condition=Q(jenis__in=CooperativeJenis.values),
                name="cooperative_jenis_valid",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=Q(fee_percentage__gte=0, fee_percentage__lte=100),
                name="cooperative_fee_percentage_0_100",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=Q(member_count__gte=F("members_male") + F("members_female")),
                name="cooperative_members_split_within_total",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=~Q(jenis__in=SAVINGS_JENIS) | Q(has_savings_unit=True),
                name="cooperative_savings_type_has_savings_unit",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=_blank_or_regex("nomor_induk_koperasi", NIK_KOPERASI_RE),
                name="cooperative_nik_format",
                violation_error_code=VillageHubErrorCode.INVALID_NIK_KOPERASI.value,
            ),
            models.CheckConstraint(
                condition=_blank_or_regex("nib", NIB_RE),
                name="cooperative_nib_format",
                violation_error_code=VillageHubErrorCode.INVALID_NIB.value,
            ),
            models.CheckConstraint(
                condition=_blank_or_regex("npwp", NPWP_RE),
                name="cooperative_npwp_format",
                violation_error_code=VillageHubErrorCode.INVALID_NPWP.value,
            ),
            models.CheckConstraint(
                condition=_blank_or_regex("phone", E164_ID_RE),
                name="cooperative_phone_e164",
                violation_error_code=VillageHubErrorCode.INVALID_PHONE.value,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        male, female = self.members_male or 0, self.members_female or 0
        if self.member_count is not None and male + female > self.member_count:
            errors["member_count"] = ValidationError(
                _("Male and female members together exceed the number of members."),
                code=VillageHubErrorCode.INVALID.value,
            )
        if self.jenis in SAVINGS_JENIS and not self.has_savings_unit:
            errors["has_savings_unit"] = ValidationError(
                _("A savings and loan cooperative has a savings unit."),
                code=VillageHubErrorCode.INVALID.value,
            )
        if errors:
            raise ValidationError(errors)

    @property
    def province_code(self) -> str:
        return self.village_id[:2]

    @property
    def regency_code(self) -> str:
        return self.village_id[:5]


class CooperativeStaff(TimeStampedModel):
    """A user working for a cooperative; any role may manage the cooperative's data."""

    Role = StaffRole

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cooperative_memberships",
        verbose_name=_("user"),
    )
    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.CASCADE,
        related_name="staff_members",
        verbose_name=_("cooperative"),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=StaffRole.choices, default=StaffRole.STAFF
    )

    class Meta:
        verbose_name = _("cooperative staff member")
        verbose_name_plural = _("cooperative staff")
        ordering = ("cooperative", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "cooperative"], name="cooperative_staff_user_cooperative_unique"
            ),
            models.CheckConstraint(
                condition=Q(role__in=StaffRole.values),
                name="cooperative_staff_role_valid",
                violation_error_code="invalid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.cooperative}"


class Producer(TimeStampedModel):
    """An UMKM or household industry selling through (and a member of) a cooperative."""

    SizeClass = ProducerSizeClass

    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.PROTECT,
        related_name="producers",
        verbose_name=_("cooperative"),
    )
    name = models.CharField(_("business name"), max_length=255)
    owner_name = models.CharField(_("owner's name"), max_length=255, blank=True)
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="producers",
        verbose_name=_("village"),
    )
    size_class = models.CharField(
        _("business size"),
        max_length=16,
        choices=ProducerSizeClass.choices,
        default=ProducerSizeClass.MIKRO,
    )
    nib = models.CharField(
        _("business ID (NIB)"), max_length=13, blank=True, validators=[validate_nib]
    )
    pirt_number = models.CharField(
        _("P-IRT number"),
        max_length=16,
        blank=True,
        validators=[validate_pirt_number],
        help_text=_("Home-industry food permit; the last two digits are the year it expires."),
    )
    halal_certificate_number = models.CharField(
        _("halal certificate number"), max_length=64, blank=True
    )
    halal_certificate_expires_on = models.DateField(
        _("halal certificate expiry date"), null=True, blank=True
    )
    bpom_number = models.CharField(
        _("BPOM registration number"),
        max_length=15,
        blank=True,
        validators=[validate_bpom_number],
    )
    phone = models.CharField(
        _("phone number"), max_length=16, blank=True, validators=[validate_phone_id]
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        ordering = ("name", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(size_class__in=ProducerSizeClass.values),
                name="producer_size_class_valid",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=_blank_or_regex("nib", NIB_RE),
                name="producer_nib_format",
                violation_error_code=VillageHubErrorCode.INVALID_NIB.value,
            ),
            models.CheckConstraint(
                condition=_blank_or_regex("pirt_number", PIRT_RE),
                name="producer_pirt_number_format",
                violation_error_code=VillageHubErrorCode.INVALID_PIRT_NUMBER.value,
            ),
            models.CheckConstraint(
                condition=_blank_or_regex("bpom_number", BPOM_RE),
                name="producer_bpom_number_format",
                violation_error_code=VillageHubErrorCode.INVALID_BPOM_NUMBER.value,
            ),
            models.CheckConstraint(
                condition=_blank_or_regex("phone", E164_ID_RE),
                name="producer_phone_e164",
                violation_error_code=VillageHubErrorCode.INVALID_PHONE.value,
            ),
            models.CheckConstraint(
                condition=Q(halal_certificate_expires_on__isnull=True)
                | ~Q(halal_certificate_number=""),
                name="producer_halal_expiry_needs_number",
                violation_error_code="invalid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.halal_certificate_expires_on and not self.halal_certificate_number:
            raise ValidationError(
                {
                    "halal_certificate_number": ValidationError(
                        _("Enter the halal certificate number for this expiry date."),
                        code=VillageHubErrorCode.REQUIRED.value,
                    )
                }
            )

    @property
    def pirt_expiry_year(self) -> int | None:
        """Year the P-IRT permit expires (2000 + last two digits); None without a number."""
        if not self.pirt_number:
            return None
        return 2000 + int(self.pirt_number[-2:])

    def pirt_expired_on(self, day: datetime.date) -> bool:
        """Whether the P-IRT permit has expired by ``day`` (valid through its expiry year)."""
        year = self.pirt_expiry_year
        return year is not None and day.year > year

    @property
    def pirt_expired(self) -> bool:
        """Whether the P-IRT permit has expired today, by the date in Asia/Jakarta."""
        return self.pirt_expired_on(timezone.localdate(timezone=PIRT_TIME_ZONE))


# A hub's shop lives at /<hub slug>/, so a hub may not take the first path segment of
# another part of the site (marketplace/urls.py, web/urls.py; a test keeps them in step).
RESERVED_HUB_SLUGS = frozenset(
    {
        "akun", "anggota", "dinas", "graphql", "health", "i18n", "import-template", "koperasi",
        "loket", "media", "payments", "reports", "static", "thumbnail",
    }
)  # fmt: skip


class VillageHub(TimeStampedModel):
    """A desa digital shop: where buyers pick up orders; sells through its own channel."""

    TimeZone = HubTimeZone

    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="village_hubs",
        verbose_name=_("village"),
    )
    channel = models.OneToOneField(
        Channel,
        on_delete=models.PROTECT,
        related_name="village_hub",
        verbose_name=_("channel"),
    )
    address = models.CharField(_("street address"), max_length=255, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=32, choices=HubTimeZone.choices, default=HubTimeZone.WIB
    )
    phone = models.CharField(
        _("phone number"), max_length=16, blank=True, validators=[validate_phone_id]
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("village hub")
        verbose_name_plural = _("village hubs")
        ordering = ("slug",)
        constraints = [
            models.CheckConstraint(
                condition=Q(time_zone__in=HubTimeZone.values),
                name="village_hub_time_zone_valid",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=_blank_or_regex("phone", E164_ID_RE),
                name="village_hub_phone_e164",
                violation_error_code=VillageHubErrorCode.INVALID_PHONE.value,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.slug in RESERVED_HUB_SLUGS:
            raise ValidationError(
                {
                    "slug": ValidationError(
                        _("This address is used by another part of the site: choose another."),
                        code=VillageHubErrorCode.UNIQUE.value,
                    )
                }
            )


class HubOpeningHours(models.Model):
    """One opening interval of a hub on a weekday; a day may have several (e.g. a Friday break)."""

    Weekday = HubWeekday

    hub = models.ForeignKey(
        VillageHub,
        on_delete=models.CASCADE,
        related_name="opening_hours",
        verbose_name=_("village hub"),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=HubWeekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ("hub", "weekday", "opens")
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "weekday", "opens"], name="hub_opening_hours_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6),
                name="hub_opening_hours_weekday_0_6",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")),
                name="hub_opening_hours_closes_after_opens",
                violation_error_code=VillageHubErrorCode.INVALID_OPENING_HOURS.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError(
                {
                    "closes": ValidationError(
                        _("Closing time must be after opening time."),
                        code=VillageHubErrorCode.INVALID_OPENING_HOURS.value,
                    )
                }
            )


class HubOperator(TimeStampedModel):
    """A user who runs a village hub (hands out orders, takes cash)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="hub_operator_roles",
        verbose_name=_("user"),
    )
    hub = models.ForeignKey(
        VillageHub,
        on_delete=models.CASCADE,
        related_name="operators",
        verbose_name=_("village hub"),
    )

    class Meta:
        verbose_name = _("hub operator")
        verbose_name_plural = _("hub operators")
        ordering = ("hub", "pk")
        constraints = [
            models.UniqueConstraint(fields=["user", "hub"], name="hub_operator_user_hub_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.hub}"


class HubSupply(models.Model):
    """A cooperative whose producers' products are listed in a village hub."""

    hub = models.ForeignKey(
        VillageHub,
        on_delete=models.CASCADE,
        related_name="supplies",
        verbose_name=_("village hub"),
    )
    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.CASCADE,
        related_name="hub_supplies",
        verbose_name=_("cooperative"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("hub supply")
        verbose_name_plural = _("hub supplies")
        ordering = ("hub", "cooperative")
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "cooperative"], name="hub_supply_hub_cooperative_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative} → {self.hub}"
