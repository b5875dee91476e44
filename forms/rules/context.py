"""What every rule check receives: the proposal, its call profile, the budget statement (with its
summary), and ``emit`` to report a finding."""

from __future__ import annotations

from dataclasses import dataclass, field

from forms.budget import BudgetSummary
from forms.fieldpath import FieldPath
from forms.model import Proposal
from forms.profile import CallProfile
from forms.rules.base import Finding, Rule, Severity
from forms.statement import BudgetStatement


@dataclass
class Context:
    proposal: Proposal
    profile: CallProfile
    statement: BudgetStatement
    findings: list[Finding] = field(default_factory=list)
    #: Each rule's severity under this profile, looked up once (a large budget has thousands of findings).
    _severities: dict[str, Severity] = field(default_factory=dict, init=False, repr=False)

    @property
    def summary(self) -> BudgetSummary:
        return self.statement.summary

    def emit(self, rule: Rule, path: FieldPath, template: str | None = None, **values: object) -> None:
        """Report a finding on ``path`` (a record named by its id: ``BUDGET_LINES.at(lines, i)``),
        in the rule's words or those of ``template`` (with the same values)."""
        severity = self._severities.get(rule.code)
        if severity is None:
            severity = self._severities[rule.code] = Severity(self.profile.severity.get(rule.code, rule.severity))
        # the rules make their paths with at() from the proposal they check, unchanged meanwhile
        shown = path.by_hint() or path.by_row(self.proposal)
        self.findings.append(Finding(rule, path, values, severity, shown, template))

    def emit_waiting(self, waiting_for: str, rule: Rule, path: FieldPath, **values: object) -> None:
        """As :meth:`emit`; ``waiting_for``: the step whose data the finding compares against, when
        that step has none yet ("" otherwise; see ``Finding.waiting_for``)."""
        self.emit(rule, path, None, **values)
        self.findings[-1].waiting_for = waiting_for
