"""Users: villagers who buy, and staff of cooperatives, hubs, the Dinas and the platform.

People sign in with their e-mail address, as in Saleor, or with their phone number (many
villagers have no e-mail): an account has at least one of them, each unique. Which
cooperative, hub or district a user works for is recorded by those apps (memberships),
not here.
"""

from __future__ import annotations

import secrets
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import ModelWithMetadata
from marketplace.core.phone import E164_ID_RE

# Any E.164 number (other countries' numbers are kept as typed, normalized to digits).
E164_RE = r"^\+[1-9][0-9]{6,14}$"
POSTAL_CODE_ID_RE = r"^[0-9]{5}$"
COUNTRY_ID = "ID"


def new_jwt_token_key() -> str:
    return secrets.token_urlsafe(16)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str = "", password: str | None = None, **extra: Any) -> User:
        if not email and not extra.get("phone"):
            raise ValueError("An e-mail address or a phone number is required.")
        user = self.model(email=self.normalize_email(email or "").lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class OptionalEmailField(models.EmailField):
    """An e-mail address that may be absent: ``""`` in Python, NULL in the database.

    So the column's unique constraint applies to the addresses people have, and code
    reading ``user.email`` always gets a string (Saleor's ``User.email`` is never null).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["null"] = True
        kwargs["blank"] = True
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("null", None)
        kwargs.pop("blank", None)
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str:
        return value or ""

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        value = super().get_db_prep_save(value, connection)
        return None if value == "" else value


class Address(models.Model):
    """A postal address shaped like Saleor's ``Address``, with Indonesian regions.

    ``city`` is the kabupaten/kota, ``city_area`` the kecamatan and ``country_area`` the
    province, as Saleor's Indonesian address format names them; ``village`` (desa or
    kelurahan, optional) ties the address to the Kemendagri region tree. Addresses are
    never shared: a user's address book, a checkout and an order each own their copy
    (``accounts.services.address_copy``). Write through ``accounts.services``.
    """

    first_name = models.CharField(_("first name"), max_length=256, blank=True)
    last_name = models.CharField(_("last name"), max_length=256, blank=True)
    company_name = models.CharField(_("company"), max_length=256, blank=True)
    street_address_1 = models.CharField(_("street address"), max_length=256, blank=True)
    street_address_2 = models.CharField(_("street address (line 2)"), max_length=256, blank=True)
    village = models.ForeignKey(
        "regions.Village",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("village"),
    )
    city = models.CharField(_("regency or city"), max_length=256, blank=True)
    city_area = models.CharField(_("district (kecamatan)"), max_length=128, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country"), max_length=2, default=COUNTRY_ID)
    country_area = models.CharField(_("province"), max_length=128, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    # Saleor's ``AddressInput.metadata``: public key/value pairs a storefront keeps on it.
    metadata = models.JSONField(_("metadata"), default=dict, blank=True)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"),
                name="address_country_iso3166",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=~Q(country=COUNTRY_ID)
                | Q(postal_code="")
                | Q(postal_code__regex=POSTAL_CODE_ID_RE),
                name="address_postal_code_id_format",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=Q(phone="")
                | (Q(country=COUNTRY_ID) & Q(phone__regex=E164_ID_RE))
                | (~Q(country=COUNTRY_ID) & Q(phone__regex=E164_RE)),
                name="address_phone_e164",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=Q(village__isnull=True) | Q(country=COUNTRY_ID),
                name="address_village_only_in_id",
                violation_error_code="invalid",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"  # no personal data in logs or admin lists

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class User(AbstractBaseUser, PermissionsMixin, ModelWithMetadata):
    email = OptionalEmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=256, blank=True)
    last_name = models.CharField(_("last name"), max_length=256, blank=True)
    # E.164 (+62…), unique when given; sign-in name for accounts without e-mail.
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    is_confirmed = models.BooleanField(_("e-mail confirmed"), default=True)
    # When the confirmation e-mail was last sent again (sendConfirmationEmail's lock).
    last_confirm_email_request = models.DateTimeField(
        _("confirmation e-mail last requested"), null=True, blank=True
    )
    # No SMS gateway: a phone is confirmed by the pickup code of an order placed with it
    # (``orders.customer_orders.user_phone_confirm_with_pickup_code``).
    phone_confirmed_at = models.DateTimeField(_("phone number confirmed"), null=True, blank=True)
    language_code = models.CharField(_("language"), max_length=8, default="id")
    # Rotating this key invalidates every token issued so far (tokenDeactivateAll).
    jwt_token_key = models.CharField(max_length=32, default=new_jwt_token_key)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    addresses = models.ManyToManyField(
        Address, blank=True, related_name="user_addresses", verbose_name=_("address book")
    )
    default_shipping_address = models.ForeignKey(
        Address,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default shipping address"),
    )
    default_billing_address = models.ForeignKey(
        Address,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default billing address"),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ("email",)
        constraints = [
            models.UniqueConstraint(
                fields=["phone"],
                condition=~Q(phone=""),
                name="user_phone_unique",
                violation_error_code="unique",
                violation_error_message=_("An account with this phone number already exists."),
            ),
            models.CheckConstraint(
                condition=Q(phone="") | Q(phone__regex=E164_ID_RE),
                name="user_phone_e164_id",
                violation_error_code="invalid",
            ),
            models.CheckConstraint(
                condition=Q(email__isnull=False) | ~Q(phone=""),
                name="user_email_or_phone",
                violation_error_code="required",
            ),
        ]

    def __str__(self) -> str:
        return self.email or self.phone

    @property
    def is_phone_confirmed(self) -> bool:
        return bool(self.phone) and self.phone_confirmed_at is not None

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email or self.phone


class SignInFailureCounter(models.Model):
    """Failed sign-ins under one key (an IP address, an account, or both), for throttling.

    Written only by ``accounts.throttling`` with upserts, so every web worker and process
    sees the same counts. A counter is forgotten ``LOGIN_THROTTLE_WINDOW`` seconds after
    its last failure.
    """

    key = models.CharField(max_length=200, primary_key=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(db_index=True)
    blocked_until = models.DateTimeField()

    class Meta:
        verbose_name = _("failed sign-in counter")
        verbose_name_plural = _("failed sign-in counters")

    def __str__(self) -> str:
        return self.key
