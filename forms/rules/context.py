"""What every rule check receives: the proposal, its call profile, the budget summary, and
``emit`` to report a finding."""

from __future__ import annotations

from dataclasses import dataclass, field

from forms.budget import BudgetSummary
from forms.model import Proposal
from forms.profile import CallProfile
from forms.rules.base import Finding, Rule, Severity


@dataclass
class Context:
    proposal: Proposal
    profile: CallProfile
    summary: BudgetSummary
    findings: list[Finding] = field(default_factory=list)

    def emit(self, rule: Rule, path: str, **values: object) -> None:
        severity = Severity(self.profile.severity.get(rule.code, rule.severity))
        self.findings.append(Finding(rule, path, values, severity))
