"""Indonesia's administrative regions, keyed by Kemendagri codes (``PP.KK.CC.DDDD``).

Codes are strings with their dots and leading zeros, as Kemendagri writes them. The
rows are loaded by ``manage.py import_regions``; ``RegionDataset`` records which
regulation the loaded data comes from.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=128)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name


class Regency(models.Model):
    """Kabupaten (regency) or kota (city): ``PP.KK``, ``KK`` from 71 up is a kota."""

    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Regency (kabupaten)")
        KOTA = "kota", _("City (kota)")

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="regencies")
    name = models.CharField(_("name"), max_length=128)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)

    class Meta:
        verbose_name = _("regency or city")
        verbose_name_plural = _("regencies and cities")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """Kecamatan (in Papua: distrik): ``PP.KK.CC``."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="districts")
    name = models.CharField(_("name"), max_length=128)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name


class Village(models.Model):
    """Desa, kelurahan or desa adat: ``PP.KK.CC.DDDD``; the first D tells which (2, 1, 3)."""

    class Kind(models.TextChoices):
        DESA = "desa", _("Village (desa)")
        KELURAHAN = "kelurahan", _("Urban village (kelurahan)")
        DESA_ADAT = "desa_adat", _("Customary village (desa adat)")

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="villages")
    name = models.CharField(_("name"), max_length=128)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)

    class Meta:
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name


class RegionDataset(models.Model):
    """One import of the region data: where it came from and what it held."""

    source_regulation = models.CharField(_("source regulation"), max_length=128)
    source_package = models.CharField(_("source package"), max_length=64)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    provinces = models.PositiveIntegerField(default=0)
    regencies = models.PositiveIntegerField(default=0)
    districts = models.PositiveIntegerField(default=0)
    villages = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("region dataset")
        verbose_name_plural = _("region datasets")
        ordering = ("-imported_at",)

    def __str__(self) -> str:
        return f"{self.source_regulation} ({self.source_package})"
