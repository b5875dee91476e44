"""The rule engine: ``validate(proposal)`` gives every finding, in the order of the form."""

from __future__ import annotations

from dataclasses import dataclass

from forms import ids
from forms.base.i18n import N_
from forms.budget import BudgetSummary
from forms.fieldpath import CALL, FieldPath
from forms.model import Proposal
from forms.profile import CallProfile, ProfileError, load_profile
from forms.rules import budget_rules, commissioned, consortium, content, policy, record_rules
from forms.rules.base import RULES, Finding, Rule, Severity, rule
from forms.rules.context import Context
from forms.statement import BudgetStatement, state

CALL_UNKNOWN = rule("call.unknown", Severity.ERROR, N_("There is no call profile '{call}' in this app."), "call")

_CHECKS = (consortium.check, commissioned.check, content.check, budget_rules.check, record_rules.check, policy.check)


@dataclass
class Report:
    findings: list[Finding]
    profile: CallProfile | None
    statement: BudgetStatement | None

    @property
    def summary(self) -> BudgetSummary | None:
        return self.statement.summary if self.statement is not None else None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)

    def at(self, where: FieldPath) -> list[Finding]:
        """Findings on ``where`` or inside it (``budget.lines[2]`` includes ``budget.lines[2].year``);
        ``where`` names records by row or by id."""
        return [f for f in self.findings if f.path.within(where) or (f.shown is not None and f.shown.within(where))]


def validate(proposal: Proposal, profile: CallProfile | None = None) -> Report:
    """Run every rule of the proposal's call profile."""
    if profile is None:
        try:
            profile = load_profile(proposal.call)
        except ProfileError:
            return Report([Finding(CALL_UNKNOWN, CALL, {"call": proposal.call})], None, None)
    with ids.unchanged():
        ctx = Context(proposal, profile, state(proposal, profile))
        for check in _CHECKS:
            check(ctx)
    return Report(ctx.findings, profile, ctx.statement)


__all__ = ["RULES", "Finding", "Report", "Rule", "Severity", "validate"]
