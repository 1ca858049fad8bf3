"""Pure calculations behind a cooperative's health: no ORM, no I/O.

``ksp_health_score`` applies a rule file (weights, bands and categories as data, see
``coop_reporting/rules/``) to a savings-and-loan unit's figures and explains itself:
every component carries its ratio, the *nilai* (0–100) the bands give it and its
*skor* (nilai × weight / 100), so a Dinas officer can see why a category was given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class ComponentScore:
    key: str
    name: str
    weight: Decimal
    ratio: Decimal | None  # percent; None for questionnaires
    nilai: Decimal
    skor: Decimal


@dataclass(frozen=True)
class AspectScore:
    key: str
    name: str
    weight: Decimal
    skor: Decimal
    category: str  # the final bands applied to skor as a share of the weight
    components: tuple[ComponentScore, ...]


@dataclass(frozen=True)
class HealthScore:
    rules_id: str
    regulation: str
    total: Decimal
    category: str
    aspects: tuple[AspectScore, ...]


@dataclass(frozen=True)
class MissingInputs:
    """The figures a score needs but was not given."""

    rules_id: str
    missing: tuple[str, ...]


def required_inputs(rules: Mapping[str, Any]) -> set[str]:
    """Every figure the rules read."""
    names: set[str] = set()
    for aspect in rules["aspects"]:
        for component in aspect["components"]:
            if "questionnaire" in component:
                names.add(component["questionnaire"]["answer"])
            else:
                names.update(name for name, _ in component["numerator"])
                names.update(name for name, _ in component["denominator"])
    return names


def ksp_health_score(
    figures: Mapping[str, Decimal | int], rules: Mapping[str, Any]
) -> HealthScore | MissingInputs:
    """Score ``figures`` (rupiah amounts and questionnaire yes-counts) with ``rules``.

    Returns :class:`MissingInputs` when a figure the rules read is absent.
    """
    missing = sorted(name for name in required_inputs(rules) if figures.get(name) is None)
    if missing:
        return MissingInputs(rules_id=rules["id"], missing=tuple(missing))
    values = {name: Decimal(value) for name, value in figures.items() if value is not None}
    aspects = tuple(_aspect(aspect, values, rules) for aspect in rules["aspects"])
    total = sum((aspect.skor for aspect in aspects), Decimal(0))
    return HealthScore(
        rules_id=rules["id"],
        regulation=rules["regulation"],
        total=total,
        category=category_for(total, rules),
        aspects=aspects,
    )


def category_for(score: Decimal, rules: Mapping[str, Any]) -> str:
    """The label of the first category whose minimum ``score`` reaches (out of 100)."""
    for category in rules["categories"]:
        if category["min"] is None or score >= Decimal(str(category["min"])):
            return category["label"]
    raise ValueError("rules have no catch-all category")


def _aspect(aspect: Mapping[str, Any], values: Mapping[str, Decimal], rules: Any) -> AspectScore:
    components = tuple(_component(component, values) for component in aspect["components"])
    skor = sum((component.skor for component in components), Decimal(0))
    weight = Decimal(aspect["weight"])
    return AspectScore(
        key=aspect["key"],
        name=aspect["name"],
        weight=weight,
        skor=skor,
        category=category_for(skor / weight * HUNDRED, rules),
        components=components,
    )


def _component(component: Mapping[str, Any], values: Mapping[str, Decimal]) -> ComponentScore:
    weight = Decimal(component["weight"])
    ratio: Decimal | None
    if "questionnaire" in component:
        questionnaire = component["questionnaire"]
        answered = min(values[questionnaire["answer"]], Decimal(questionnaire["questions"]))
        ratio = None
        nilai = answered / Decimal(questionnaire["questions"]) * HUNDRED
    else:
        denominator = _sum(component["denominator"], values)
        if denominator == 0:
            ratio = None
            nilai = Decimal(component.get("when_denominator_zero", 0))
        else:
            ratio = _sum(component["numerator"], values) / denominator * HUNDRED
            nilai = scale_value(ratio, component["scale"])
    return ComponentScore(
        key=component["key"],
        name=component["name"],
        weight=weight,
        ratio=None if ratio is None else ratio.quantize(TWO_PLACES, ROUND_HALF_UP),
        nilai=nilai.quantize(TWO_PLACES, ROUND_HALF_UP),
        skor=(nilai * weight / HUNDRED).quantize(TWO_PLACES, ROUND_HALF_UP),
    )


def _sum(terms: list[list[Any]], values: Mapping[str, Decimal]) -> Decimal:
    return sum((values[name] * Decimal(str(factor)) for name, factor in terms), Decimal(0))


def scale_value(ratio: Decimal, scale: Mapping[str, Any]) -> Decimal:
    """The nilai (0–100) a ratio (percent) gets on a ``bands`` or ``linear`` scale.

    Band bounds: ``min`` inclusive / ``min_exclusive``, ``max`` exclusive /
    ``max_inclusive``; a missing bound is open. ``round_ratio_to`` (e.g. ``1``) first
    rounds the ratio half up to that step, as a regulation scoring per whole percent does.
    """
    if "round_ratio_to" in scale:
        step = Decimal(str(scale["round_ratio_to"]))
        ratio = (ratio / step).quantize(Decimal(1), ROUND_HALF_UP) * step
    if scale["type"] == "linear":
        if "zero_below" in scale and ratio < Decimal(str(scale["zero_below"])):
            return Decimal(0)
        value = Decimal(str(scale["intercept"])) + Decimal(str(scale["slope"])) * ratio
        return max(Decimal(str(scale["min"])), min(Decimal(str(scale["max"])), value))
    for band in scale["bands"]:
        if _in_band(ratio, band):
            return Decimal(str(band["nilai"]))
    raise ValueError(f"no band holds {ratio}")


def _in_band(ratio: Decimal, band: Mapping[str, Any]) -> bool:
    checks = (
        ("min", lambda bound: ratio >= bound),
        ("min_exclusive", lambda bound: ratio > bound),
        ("max", lambda bound: ratio < bound),
        ("max_inclusive", lambda bound: ratio <= bound),
    )
    return all(check(Decimal(str(band[key]))) for key, check in checks if key in band)
