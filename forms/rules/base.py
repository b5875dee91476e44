"""What a rule is and what it finds.

Each rule has a stable code, a severity (an error blocks export, a warning does not), a message
(English source, Korean in the catalog) with named values, and the clause of the call profile it
enforces. A finding names the rule, the field it concerns (a ``FieldPath`` that names a record by
its id, so it still names the same record after rows are inserted above it; ``shown`` is the same
field with rows counted from 0, as people read it), and the values of its message.
Values are typed (``forms.values``: won, percentage, region, …) so each language formats them its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from forms.base.i18n import N_, fields_of, translate
from forms.fieldpath import FieldPath


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    message: str  # English source with {named} values; translated through the catalogs
    clause: str  # profile key whose source note is the clause enforced ("local_match", …)


RULES: dict[str, Rule] = {}

#: What each value named in a rule's message stands for, to show a rule without a proposal (the
#: call's rules in Help): "{org}: … {amount} …" reads "‹organisation›: … ‹amount› …".
FIELD_LABELS = {
    "amount": N_("amount"), "base": N_("base amount"), "basis": N_("basis"), "basis_amount": N_("basis amount"),
    "by": N_("commissioning organisation"),
    "call": N_("call"),
    "cap": N_("cap"), "category": N_("category"), "closes": N_("closing day"), "count": N_("number"),
    "date": N_("date"),
    "end": N_("end year"), "excess": N_("excess"), "expected": N_("expected value"),
    "first": N_("first year"), "kind": N_("kind"), "language": N_("language"), "last": N_("last year"),
    "line": N_("number"), "local": N_("local funds"), "max": N_("maximum"), "min": N_("minimum"),
    "number": N_("number"), "opens": N_("opening day"), "org": N_("organisation"), "ratio": N_("ratio"), "region": N_("region"),
    "required": N_("required amount"), "section": N_("section"), "shortfall": N_("shortfall"),
    "stage": N_("stage"), "start": N_("start year"), "target": N_("target"), "total": N_("total"),
    "type": N_("project type"), "unused": N_("unused amount"), "year": N_("year"), "years": N_("years"),
    # the form's records
    "name": N_("name"), "rate": N_("participation rate"), "others": N_("rates in other projects"),
    "difference": N_("difference"), "items": N_("total of the items"), "budget": N_("budget"),
    "month": N_("month"), "begin": N_("start month"), "finish": N_("end month"), "value": N_("value"),
    "task": N_("task"), "limit": N_("review price"),
}


def message_template(rule: Rule, lang: str) -> str:
    """The rule's message in ``lang`` with each value shown by what it stands for."""
    names = {name: "‹" + translate(FIELD_LABELS.get(name, name), lang) + "›" for name in fields_of(rule.message)}
    return translate(rule.message, lang, **names)


def rule(code: str, severity: Severity, message: str, clause: str) -> Rule:
    if code in RULES:
        raise ValueError(f"rule {code} defined twice")
    RULES[code] = r = Rule(code, severity, message, clause)
    return r


@dataclass
class Finding:
    rule: Rule
    path: FieldPath  # by record id where the finding names a record
    values: dict[str, object] = field(default_factory=dict)
    severity: Severity = Severity.ERROR
    #: ``path`` with each record written as its row in the proposal checked (what people read);
    #: ``path`` itself when left out.
    shown: FieldPath | None = None
    #: The sentence said instead of the rule's own, where the values call for another wording
    #: (no local funds at all: not "add X to reach X").
    template: str | None = None
    #: The step (``forms.steps.Step`` value) whose data this finding compares against while that
    #: step has none yet: the finding waits there as a note, not counted as something left to do
    #: ("" when it does not wait).
    waiting_for: str = ""

    def __post_init__(self) -> None:
        if self.shown is None:
            self.shown = self.path

    def rows(self, proposal: object) -> FieldPath | None:
        """The field's path with rows as they are in ``proposal`` now (which may have changed since
        the check): None when the record the finding names is gone."""
        try:
            return self.path.by_row(proposal)
        except (LookupError, AttributeError):
            return None

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    def message(self, lang: str) -> str:
        return translate(self.template or self.rule.message, lang, **self.values)

    def as_dict(self, lang: str) -> dict:
        return {
            "severity": self.severity.value,
            "code": self.code,
            "path": str(self.shown),
            "message": self.message(lang),
            "clause": self.rule.clause,
        }
