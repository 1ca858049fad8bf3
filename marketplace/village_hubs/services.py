"""Write use cases for cooperatives, their staff and producers, and village hubs.

Every service validates with ``full_clean`` and raises ``ValidationError`` whose codes are
``VillageHubErrorCode`` values; nothing is saved then. Identifiers people type in many
shapes (phone, NIK koperasi, NIB, NPWP, P-IRT, BPOM) are normalized first; what cannot be
normalized is kept as typed, so ``full_clean`` reports it on its field with the others.
Permission checks are the API's job (see ``selectors.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marketplace import permissions
from marketplace.accounts.models import User
from marketplace.channels.models import Channel
from marketplace.channels.services import channel_create, channel_update
from marketplace.core.exceptions import field_error, full_clean_with_codes, reject_unknown_keys
from marketplace.core.phone import normalize_phone_id
from marketplace.regions.models import Village
from marketplace.village_hubs.error_codes import VillageHubErrorCode
from marketplace.village_hubs.models import (
    RESERVED_HUB_SLUGS,
    SAVINGS_JENIS,
    Cooperative,
    CooperativeStaff,
    HubOpeningHours,
    HubOperator,
    HubSupply,
    Producer,
    StaffRole,
    VillageHub,
)
from marketplace.village_hubs.time_zones import time_zone_for_region_code
from marketplace.village_hubs.validators import (
    normalize_bpom_number,
    normalize_nib,
    normalize_nomor_induk_koperasi,
    normalize_npwp,
    normalize_pirt_number,
)

logger = logging.getLogger(__name__)

HUB_CURRENCY_CODE = "IDR"
HUB_COUNTRY = "ID"


# --- Cooperatives ------------------------------------------------------------------------


class CooperativeFields(TypedDict, total=False):
    """Optional fields of ``cooperative_create``; omitted ones keep the model defaults."""

    address: str
    nomor_induk_koperasi: str
    nomor_badan_hukum: str
    tanggal_badan_hukum: date | None
    is_merah_putih: bool
    has_savings_unit: bool
    member_count: int
    members_male: int
    members_female: int
    phone: str
    email: str
    nib: str
    npwp: str
    fee_percentage: Decimal
    is_active: bool


class CooperativeChanges(CooperativeFields, total=False):
    """What ``cooperative_update`` may change; only the given keys change."""

    name: str
    jenis: str
    village: Village


@transaction.atomic
def cooperative_create(
    *, name: str, jenis: str, village: Village, **fields: Unpack[CooperativeFields]
) -> Cooperative:
    """Register a cooperative.

    ``has_savings_unit`` defaults to True for savings and loan cooperatives (KSP, KSPPS)
    and Merah Putih village cooperatives (which must run one), else False.
    """
    reject_unknown_keys(fields, CooperativeFields.__optional_keys__)
    if "has_savings_unit" not in fields:
        fields["has_savings_unit"] = jenis in SAVINGS_JENIS or fields.get("is_merah_putih", False)
    cooperative = Cooperative(name=name, jenis=jenis, village=village, **fields)
    _normalize_cooperative(cooperative)
    full_clean_with_codes(cooperative, VillageHubErrorCode)
    cooperative.save()
    logger.info("cooperative_created", extra={"cooperative_id": cooperative.pk})
    return cooperative


@transaction.atomic
def cooperative_update(
    *, cooperative: Cooperative, **changes: Unpack[CooperativeChanges]
) -> Cooperative:
    """Change a cooperative's data; only the given keys change."""
    reject_unknown_keys(changes, CooperativeChanges.__optional_keys__)
    if not changes:
        return cooperative
    _assign(cooperative, changes)
    _normalize_cooperative(cooperative)
    full_clean_with_codes(cooperative, VillageHubErrorCode)
    cooperative.save(update_fields=[*changes, "updated_at"])
    logger.info(
        "cooperative_updated",
        extra={"cooperative_id": cooperative.pk, "fields": sorted(changes)},
    )
    return cooperative


def _normalize_cooperative(cooperative: Cooperative) -> None:
    cooperative.name = _strip(cooperative.name)
    cooperative.address = _strip(cooperative.address)
    cooperative.nomor_badan_hukum = _strip(cooperative.nomor_badan_hukum)
    cooperative.email = _strip(cooperative.email).lower()
    cooperative.nomor_induk_koperasi = _normalized(
        cooperative.nomor_induk_koperasi, normalize_nomor_induk_koperasi
    )
    cooperative.nib = _normalized(cooperative.nib, normalize_nib)
    cooperative.npwp = _normalized(cooperative.npwp, normalize_npwp)
    cooperative.phone = _normalized(cooperative.phone, normalize_phone_id)


@transaction.atomic
def cooperative_staff_add(
    *, cooperative: Cooperative, user: User, role: str = StaffRole.STAFF
) -> CooperativeStaff:
    """Let a user work for a cooperative (``admin``: pengurus, or ``staff``).

    Raises ``already_exists`` on ``user`` when the user already works for it.
    """
    if CooperativeStaff.objects.filter(cooperative=cooperative, user=user).exists():
        raise field_error(
            "user",
            _("This user already works for the cooperative."),
            VillageHubErrorCode.ALREADY_EXISTS,
        )
    staff = CooperativeStaff(cooperative=cooperative, user=user, role=role)
    full_clean_with_codes(staff, VillageHubErrorCode)
    staff.save()
    permissions.forget_scope(user)
    logger.info(
        "cooperative_staff_added",
        extra={"cooperative_id": cooperative.pk, "user_id": user.pk, "role": role},
    )
    return staff


# --- Producers ---------------------------------------------------------------------------


class ProducerFields(TypedDict, total=False):
    """Optional fields of ``producer_create``; omitted ones keep the model defaults."""

    owner_name: str
    size_class: str
    nib: str
    pirt_number: str
    halal_certificate_number: str
    halal_certificate_expires_on: date | None
    bpom_number: str
    phone: str
    is_active: bool


class ProducerChanges(ProducerFields, total=False):
    """What ``producer_update`` may change; a producer stays with its cooperative."""

    name: str
    village: Village


@transaction.atomic
def producer_create(
    *, cooperative: Cooperative, name: str, village: Village, **fields: Unpack[ProducerFields]
) -> Producer:
    """Register a producer (UMKM or household industry) of an active cooperative.

    P-IRT and BPOM numbers are stored normalized (``1234567890123-45``, ``MD 123456789012``).
    """
    reject_unknown_keys(fields, ProducerFields.__optional_keys__)
    if not cooperative.is_active:
        raise field_error(
            "cooperative",
            _("The cooperative is inactive."),
            VillageHubErrorCode.COOPERATIVE_INACTIVE,
        )
    producer = Producer(cooperative=cooperative, name=name, village=village, **fields)
    _normalize_producer(producer)
    full_clean_with_codes(producer, VillageHubErrorCode)
    producer.save()
    logger.info(
        "producer_created",
        extra={"producer_id": producer.pk, "cooperative_id": cooperative.pk},
    )
    return producer


@transaction.atomic
def producer_update(*, producer: Producer, **changes: Unpack[ProducerChanges]) -> Producer:
    """Change a producer's data; only the given keys change."""
    reject_unknown_keys(changes, ProducerChanges.__optional_keys__)
    if not changes:
        return producer
    _assign(producer, changes)
    _normalize_producer(producer)
    full_clean_with_codes(producer, VillageHubErrorCode)
    producer.save(update_fields=[*changes, "updated_at"])
    logger.info("producer_updated", extra={"producer_id": producer.pk, "fields": sorted(changes)})
    return producer


def _normalize_producer(producer: Producer) -> None:
    producer.name = _strip(producer.name)
    producer.owner_name = _strip(producer.owner_name)
    producer.halal_certificate_number = _strip(producer.halal_certificate_number).upper()
    producer.nib = _normalized(producer.nib, normalize_nib)
    producer.pirt_number = _normalized(producer.pirt_number, normalize_pirt_number)
    producer.bpom_number = _normalized(producer.bpom_number, normalize_bpom_number)
    producer.phone = _normalized(producer.phone, normalize_phone_id)


# --- Village hubs ------------------------------------------------------------------------


class VillageHubChanges(TypedDict, total=False):
    """What ``village_hub_update`` may change; only the given keys change."""

    name: str
    slug: str
    village: Village
    time_zone: str
    address: str
    phone: str
    is_active: bool


@dataclass(frozen=True)
class OpeningInterval:
    """Input of ``hub_opening_hours_set``: open on ``weekday`` (0 = Monday) from–to."""

    weekday: int
    opens: time
    closes: time


@transaction.atomic
def village_hub_create(
    *,
    name: str,
    village: Village,
    slug: str | None = None,
    time_zone: str | None = None,
    address: str = "",
    phone: str = "",
    is_active: bool = True,
) -> VillageHub:
    """Open a village hub together with its storefront channel.

    The channel gets the hub's name, slug and active flag, currency IDR, country ID and
    ``allow_unpaid_orders`` (buyers pay cash at pickup). Without ``slug`` one is made from
    the name, unique among hubs and channels; a given slug that is taken raises ``unique``.
    Without ``time_zone`` the village's province decides (``time_zones.py``).
    """
    name = _strip(name)
    hub = VillageHub(
        name=name,
        slug=slugify(slug) if slug is not None else _free_slug(slugify(name) or "hub"),
        village=village,
        time_zone=time_zone or time_zone_for_region_code(village.pk),
        address=_strip(address),
        phone=_normalized(phone, normalize_phone_id),
        is_active=is_active,
    )
    full_clean_with_codes(hub, VillageHubErrorCode, exclude=["channel"])
    hub.channel = channel_create(
        name=hub.name,
        slug=hub.slug,
        currency_code=HUB_CURRENCY_CODE,
        default_country=HUB_COUNTRY,
        is_active=hub.is_active,
        allow_unpaid_orders=True,
    )
    hub.save()
    logger.info("village_hub_created", extra={"hub_id": hub.pk, "channel_id": hub.channel_id})
    return hub


@transaction.atomic
def village_hub_update(*, hub: VillageHub, **changes: Unpack[VillageHubChanges]) -> VillageHub:
    """Change a hub; its channel follows the hub's name, slug and active flag.

    Moving the hub to another village without a ``time_zone`` re-derives the time zone.
    """
    reject_unknown_keys(changes, VillageHubChanges.__optional_keys__)
    if not changes:
        return hub
    fields = set(changes)
    _assign(hub, changes)
    if "village" in changes and "time_zone" not in changes:
        hub.time_zone = time_zone_for_region_code(hub.village_id)
        fields.add("time_zone")
    hub.name = _strip(hub.name)
    hub.slug = slugify(hub.slug)
    hub.address = _strip(hub.address)
    hub.phone = _normalized(hub.phone, normalize_phone_id)
    full_clean_with_codes(hub, VillageHubErrorCode)
    channel_changes = {field: getattr(hub, field) for field in ("name", "slug", "is_active")}
    channel_update(
        channel=hub.channel,
        **{field: value for field, value in channel_changes.items() if field in fields},
    )
    hub.save(update_fields=[*sorted(fields), "updated_at"])
    logger.info("village_hub_updated", extra={"hub_id": hub.pk, "fields": sorted(fields)})
    return hub


@transaction.atomic
def hub_opening_hours_set(
    *, hub: VillageHub, intervals: Iterable[OpeningInterval]
) -> list[HubOpeningHours]:
    """Replace a hub's opening hours. Intervals of one weekday must not overlap.

    Errors are reported on ``opening_hours`` (``invalid_opening_hours`` when an interval
    closes before it opens or overlaps another one).
    """
    rows = [
        HubOpeningHours(
            hub=hub, weekday=interval.weekday, opens=interval.opens, closes=interval.closes
        )
        for interval in intervals
    ]
    errors: list[ValidationError] = []
    for row in rows:
        try:
            # The unique (hub, weekday, opens) constraint is checked as an overlap below;
            # against the database it would match the rows this call replaces.
            full_clean_with_codes(
                row, VillageHubErrorCode, exclude=["hub"], validate_constraints=False
            )
        except ValidationError as exc:
            errors.extend(
                error for field_errors in exc.error_dict.values() for error in field_errors
            )
    if errors:
        raise ValidationError({"opening_hours": errors})
    by_day = sorted(rows, key=lambda row: (row.weekday, row.opens))
    for before, after in zip(by_day, by_day[1:], strict=False):
        if before.weekday == after.weekday and after.opens < before.closes:
            raise field_error(
                "opening_hours",
                _("Opening hours on the same day overlap."),
                VillageHubErrorCode.INVALID_OPENING_HOURS,
            )
    hub.opening_hours.all().delete()
    created = HubOpeningHours.objects.bulk_create(by_day)
    logger.info("hub_opening_hours_set", extra={"hub_id": hub.pk, "intervals": len(created)})
    return created


@transaction.atomic
def hub_operator_add(*, hub: VillageHub, user: User) -> HubOperator:
    """Let a user operate a hub. Raises ``already_exists`` on ``user`` if they already do."""
    if HubOperator.objects.filter(hub=hub, user=user).exists():
        raise field_error(
            "user",
            _("This user already operates the hub."),
            VillageHubErrorCode.ALREADY_EXISTS,
        )
    operator = HubOperator(hub=hub, user=user)
    full_clean_with_codes(operator, VillageHubErrorCode)
    operator.save()
    permissions.forget_scope(user)
    logger.info("hub_operator_added", extra={"hub_id": hub.pk, "user_id": user.pk})
    return operator


@transaction.atomic
def hub_supply_set(*, hub: VillageHub, cooperatives: Iterable[Cooperative]) -> list[HubSupply]:
    """Make exactly these cooperatives the suppliers of a hub (listed in its storefront).

    Existing links that stay keep their ``created_at``. Inactive cooperatives are refused
    with ``cooperative_inactive`` on ``cooperatives``.
    """
    wanted = {cooperative.pk: cooperative for cooperative in cooperatives}
    inactive = sorted(c.name for c in wanted.values() if not c.is_active)
    if inactive:
        raise field_error(
            "cooperatives",
            gettext("These cooperatives are inactive: %(names)s.") % {"names": ", ".join(inactive)},
            VillageHubErrorCode.COOPERATIVE_INACTIVE,
        )
    existing = set(hub.supplies.values_list("cooperative_id", flat=True))
    hub.supplies.exclude(cooperative_id__in=wanted).delete()
    HubSupply.objects.bulk_create(
        [HubSupply(hub=hub, cooperative_id=pk) for pk in wanted if pk not in existing]
    )
    logger.info(
        "hub_supply_set",
        extra={"hub_id": hub.pk, "cooperative_ids": sorted(wanted)},
    )
    return list(hub.supplies.select_related("cooperative").order_by("cooperative__name", "pk"))


def _free_slug(base: str) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever no hub or channel uses yet."""
    base = base[:240]
    taken = set(VillageHub.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= set(Channel.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_HUB_SLUGS
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


# --- Helpers -----------------------------------------------------------------------------


def _assign(instance: models.Model, changes: Mapping[str, object]) -> None:
    for field, value in changes.items():
        setattr(instance, field, value)


def _strip(value: str | None) -> str:
    return (value or "").strip()


def _normalized(value: str | None, normalize: Callable[[str], str]) -> str:
    """``normalize(value)``, or the stripped value when it cannot be normalized."""
    value = _strip(value)
    if not value:
        return ""
    try:
        return normalize(value)
    except (ValidationError, ValueError):
        return value
