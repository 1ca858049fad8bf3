"""Load rule files from this folder (JSON, validated on load)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

RULES_DIR = Path(__file__).resolve().parent


class RulesError(ValueError):
    """A rule file is inconsistent (weights that do not add up, unknown scale types…)."""


@cache
def load_rules(name: str) -> dict[str, Any]:
    """The rules in ``coop_reporting/rules/<name>.json`` (see :func:`load_rules_file`)."""
    return load_rules_file(RULES_DIR / f"{name}.json")


def load_rules_file(path: Path) -> dict[str, Any]:
    """The rules in ``path``, checked: aspect weights add up to 100, and each aspect's
    component weights add up to the aspect's weight."""
    name = path.stem
    rules = json.loads(path.read_text(encoding="utf-8"))
    total = sum(aspect["weight"] for aspect in rules["aspects"])
    if total != 100:
        raise RulesError(f"{name}: aspect weights add up to {total}, not 100")
    for aspect in rules["aspects"]:
        components = sum(component["weight"] for component in aspect["components"])
        if components != aspect["weight"]:
            raise RulesError(
                f"{name}: components of {aspect['key']} weigh {components}, not {aspect['weight']}"
            )
        for component in aspect["components"]:
            kind = component.get("scale", {}).get("type", "questionnaire")
            if kind not in {"bands", "linear", "questionnaire"}:
                raise RulesError(f"{name}: {component['key']} has unknown scale {kind}")
    return rules
