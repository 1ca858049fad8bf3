"""The KSP/USP health inputs (PerDep 06/2016) of a savings-and-loan cooperative, one
aspect of the regulation a page, then the score aspect by aspect.

The aspects and the figures each reads come from the rules themselves
(``coop_reporting/rules/ksp_health_perdep_06_2016.json``); every page saves its figures
through ``rat.services.ksp_health_input_set`` (as the API's ``kspHealthInputSet``), which
recomputes the assessment, so leaving midway keeps what was entered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coop_reporting.rat import deadlines, selectors, services
from coop_reporting.rat.models import KspHealthInput
from coop_reporting.rules.loader import load_rules
from marketplace.village_hubs.models import Cooperative
from web.backoffice.access import cooperative_for_staff, may_write_reports
from web.backoffice.rat_forms import AmountField, WholeNumberField
from web.core.requests import SignedInRequest

YEARS_BACK = 5
RESULT = "hasil"
_ACRONYMS = {"atmr": "ATMR", "meppp": "MEPPP", "shu": "SHU", "car": "CAR"}


@dataclass(frozen=True)
class Input:
    name: str
    label: str
    questions: int | None  # a checklist's number of questions; None for an amount


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    inputs: tuple[Input, ...]


def _amount_label(name: str) -> str:
    words = [_ACRONYMS.get(word, word) for word in name.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def steps() -> list[Step]:
    """One step per aspect of the rules, each with the figures it is the first to read."""
    seen: set[str] = set()
    result = []
    for aspect in load_rules(services.KSP_HEALTH_RULES)["aspects"]:
        inputs = []
        for component in aspect["components"]:
            if "questionnaire" in component:
                questionnaire = component["questionnaire"]
                name = questionnaire["answer"]
                label = _(
                    "%(checklist)s: how many of the %(questions)s questions are answered yes"
                ) % {"checklist": component["name"], "questions": questionnaire["questions"]}
                found = [Input(name, label, questionnaire["questions"])]
            else:
                names = [n for n, _w in (*component["numerator"], *component["denominator"])]
                found = [Input(n, _amount_label(n), None) for n in names]
            for item in found:
                if item.name not in seen:
                    seen.add(item.name)
                    inputs.append(item)
        if inputs:
            result.append(Step(aspect["key"], aspect["name"], tuple(inputs)))
    return result


def _rules_id() -> str:
    return str(load_rules(services.KSP_HEALTH_RULES)["id"])


def _cooperative(request: HttpRequest, cooperative_id: int) -> Cooperative:
    cooperative = cooperative_for_staff(request, cooperative_id)
    if not cooperative.has_savings_unit:
        raise Http404("No savings and loan unit.")
    return cooperative


def _years() -> list[int]:
    today = timezone.localdate()
    return list(range(today.year, today.year - YEARS_BACK, -1))


@login_required(login_url="web:sign-in")
def health(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    """The years, each with its score, and where to fill in its figures."""
    cooperative = _cooperative(request, cooperative_id)
    first = steps()[0].key
    rows = [
        (year, selectors.health_assessment_get(cooperative, year, _rules_id())) for year in _years()
    ]
    return render(
        request,
        "web/backoffice/health.html",
        {
            "cooperative": cooperative,
            "rows": rows,
            "first": first,
            "due_year": deadlines.latest_closed_financial_year(timezone.localdate()),
            "may_write": may_write_reports(request, cooperative),
            "current": "health",
        },
    )


def _form(step: Step, figures: dict[str, Any], data: Any) -> forms.Form:
    form = forms.Form(data, initial={item.name: figures.get(item.name) for item in step.inputs})
    for item in step.inputs:
        form.fields[item.name] = (
            WholeNumberField(label=item.label) if item.questions else AmountField(label=item.label)
        )
    return form


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    """The service names the figure in its message: show it next to that figure, by the
    figure's label."""
    for message in error.messages:
        named = [name for name in form.fields if name in message]
        if named:
            label = str(form.fields[named[0]].label)
            form.add_error(named[0], message.replace(named[0], label))
        else:
            form.add_error(None, message)


@login_required(login_url="web:sign-in")
def health_step(
    request: SignedInRequest, cooperative_id: int, year: int, slug: str
) -> HttpResponse:
    cooperative = _cooperative(request, cooperative_id)
    if year not in _years():
        raise Http404("No such year.")
    all_steps = steps()
    keys = [step.key for step in all_steps]
    context: dict[str, Any] = {
        "cooperative": cooperative,
        "year": year,
        "steps": all_steps,
        "current": "health",
        "may_write": may_write_reports(request, cooperative),
        "result_slug": RESULT,
        "health_applies": True,
    }
    if slug == RESULT:
        context["health"] = selectors.health_assessment_get(cooperative, year, _rules_id())
        labels = {item.name: item.label for step in all_steps for item in step.inputs}
        if context["health"] is not None:
            context["missing_labels"] = [
                labels.get(name, name) for name in context["health"].missing_inputs
            ]
        return render(request, "web/backoffice/health_result.html", context)
    if slug not in keys:
        raise Http404("No such aspect.")
    step = all_steps[keys.index(slug)]
    stored = KspHealthInput.objects.filter(
        cooperative=cooperative, financial_year=year, rules_id=_rules_id()
    ).first()
    form = _form(step, stored.figures if stored else {}, request.POST or None)
    if request.method == "POST":
        if not context["may_write"]:
            raise Http404("Only the cooperative's admins enter its figures.")
        if form.is_valid():
            try:
                services.ksp_health_input_set(
                    cooperative=cooperative,
                    financial_year=year,
                    figures=dict(form.cleaned_data),
                    actor=request.user,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                index = keys.index(slug)
                following = keys[index + 1] if index + 1 < len(keys) else RESULT
                messages.success(request, _("Saved. The score is computed again."))
                return HttpResponseRedirect(
                    reverse("web:backoffice-health-step", args=[cooperative.pk, year, following])
                )
    context.update({"step": step, "number": keys.index(slug) + 1, "form": form})
    return render(request, "web/backoffice/health_step.html", context)
