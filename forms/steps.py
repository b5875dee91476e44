"""The wizard's steps and their states, computed from the findings (the GUI only renders them).

A finding belongs to the step whose field it names; the Review step gathers them all, and
Export is allowed exactly when there is no error.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from forms.base.i18n import N_, translate
from forms.fieldpath import BUDGET_LINES, ORGANISATIONS, FieldPath, RecordId
from forms.values import ERRORS, Count

if TYPE_CHECKING:  # the rules load with the first proposal, not with the first window
    from forms.rules import Finding, Report


class Step(StrEnum):
    START = "start"
    TYPE = "type"
    REGIONS = "regions"
    PLAN = "plan"
    BUDGET = "budget"
    REVIEW = "review"
    EXPORT = "export"


STEPS: tuple[Step, ...] = tuple(Step)

STEP_TITLES: dict[Step, str] = {
    Step.START: N_("Start"),
    Step.TYPE: N_("Project type"),
    Step.REGIONS: N_("Regions and organisations"),
    Step.PLAN: N_("Plan"),
    Step.BUDGET: N_("Budget"),
    Step.REVIEW: N_("Review"),
    Step.EXPORT: N_("Export"),
}


class StepState(StrEnum):
    COMPLETE = "complete"
    WARNINGS = "warnings"
    ERRORS = "errors"


#: The step where each top-level key of the proposal is edited.
_STEP_OF: dict[str, Step] = {
    "call": Step.START,
    "type": Step.TYPE,
    "lead_region": Step.REGIONS,
    "partner_regions": Step.REGIONS,
    "organisations": Step.REGIONS,
    "title": Step.PLAN,
    "date": Step.PLAN,
    "plan": Step.PLAN,
    "roadmap": Step.PLAN,
    "researchers": Step.PLAN,
    "indicators": Step.PLAN,
    "tasks": Step.PLAN,
    "deliverables": Step.PLAN,
    "equipment": Step.PLAN,
    "budget": Step.BUDGET,
}
#: Fields of a record that the call's form shows in a chapter of the plan, though the record is
#: entered in another step: an organisation's general data (chapter 07) and a budget line's
#: justification rows (chapter 08).
_IN_PLAN: tuple[tuple[FieldPath, frozenset[str]], ...] = (
    (ORGANISATIONS, frozenset({"registration_number", "representative", "address", "contact"})),
    (BUDGET_LINES, frozenset({"items"})),
)


def step_of(path: FieldPath | str) -> Step:
    """The step where the field at ``path`` is edited."""
    where = FieldPath.parse(path)
    for records, fields in _IN_PLAN:
        n = len(records.steps)
        if (where.within(records) and len(where.steps) > n + 1 and isinstance(where.steps[n], (int, RecordId))
                and where.steps[n + 1] in fields):
            return Step.PLAN
    return _STEP_OF.get(where.head, Step.REVIEW)


#: The step where what a rule checks is entered, by the first part of the rule's code.
_RULE_STEPS: dict[str, Step] = {
    "call": Step.START, "type": Step.TYPE, "region": Step.REGIONS, "org": Step.REGIONS, "content": Step.PLAN,
    "researchers": Step.PLAN, "indicators": Step.PLAN, "tasks": Step.PLAN, "deliverables": Step.PLAN,
    "equipment": Step.PLAN, "budget": Step.BUDGET, "policy": Step.BUDGET,
}


def rule_step(code: str) -> Step:
    """The step where what the rule ``code`` checks is entered (Review for a rule of no one step)."""
    return _RULE_STEPS.get(code.split(".", 1)[0], Step.REVIEW)


def title(step: Step, lang: str) -> str:
    return translate(STEP_TITLES[step], lang)


@dataclass(frozen=True)
class StepStatus:
    step: Step
    state: StepState
    errors: int
    warnings: int
    #: Findings that wait for a later step's data (notes, not counted in the state).
    waiting: int = 0

    @property
    def left(self) -> int:
        """What is left to do on the step: its errors and warnings."""
        return self.errors + self.warnings


def waiting(finding: Finding) -> Step | None:
    """The step whose data ``finding`` waits for, or None when it does not wait."""
    return Step(finding.waiting_for) if finding.waiting_for in Step._value2member_map_ else None


def findings_by_step(report: Report) -> dict[Step, list[Finding]]:
    out: dict[Step, list[Finding]] = {s: [] for s in STEPS}
    for finding in report.findings:
        out[step_of(finding.path)].append(finding)
    return out


def _state(errors: int, warnings: int) -> StepState:
    if errors:
        return StepState.ERRORS
    return StepState.WARNINGS if warnings else StepState.COMPLETE


def step_statuses(report: Report) -> list[StepStatus]:
    """Each step's state, in order. Review sums everything; Export is blocked by any error."""
    grouped = findings_by_step(report)
    counted = [f for f in report.findings if waiting(f) is None]
    total_e = sum(1 for f in counted if f.is_error)
    total_w = len(counted) - total_e
    total_waiting = len(report.findings) - len(counted)
    out = []
    for step in STEPS:
        if step in (Step.REVIEW, Step.EXPORT):
            e, w, n = total_e, total_w, total_waiting
            if step == Step.EXPORT:  # every error blocks the export, a waiting one too
                e, w, n = len(report.errors), 0, 0
        else:
            items = [f for f in grouped[step] if waiting(f) is None]
            e = sum(1 for f in items if f.is_error)
            w = len(items) - e
            n = len(grouped[step]) - len(items)
        out.append(StepStatus(step, _state(e, w), e, w, n))
    return out


def export_allowed(report: Report) -> bool:
    return not report.has_errors


def export_blocked_reason(report: Report, lang: str) -> str:
    """Why export is disabled, in ``lang``; empty when it is allowed."""
    errors = report.errors
    if not errors:
        return ""
    first = errors[0]
    return translate(
        N_("Export is blocked by {errors}. First: {message}"), lang,
        errors=Count(len(errors), ERRORS), message=first.message(lang),
    )


def export_draft_reason(report: Report, lang: str) -> str:
    """What a draft is exported with, in ``lang``, when the draft option is chosen: the errors
    that block a final export no longer block it. Empty when there are none."""
    errors = report.errors
    if not errors:
        return ""
    return translate(
        N_("A draft can be exported with {errors}. First: {message}"), lang,
        errors=Count(len(errors), ERRORS), message=errors[0].message(lang),
    )
