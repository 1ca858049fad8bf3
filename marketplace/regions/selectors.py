"""Reads of the region tables that other apps use."""

from __future__ import annotations

from marketplace.regions.models import Village


def village_get(*, code: str) -> Village | None:
    """The village with this Kemendagri code (``"51.03.05.2001"``), or None.

    Its district, regency and province come in the same query.
    """
    return Village.objects.select_related("district__regency__province").filter(code=code).first()
