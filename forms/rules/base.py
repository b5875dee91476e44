"""What a rule is and what it finds.

Each rule has a stable code, a severity (an error blocks export, a warning does not), a message
(English source, Korean in the catalog) with named values, and the clause of the call profile it
enforces. A finding names the rule, the field path it concerns, and the values of its message.
Values are typed (won, percentage, region, …) so each language formats them its own way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from forms import categories, regions
from forms.dates import official_date
from forms.i18n import N_, fields_of, translate
from forms.model import label
from forms.money import format_number, format_won


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
    "amount": N_("amount"), "base": N_("base amount"), "basis": N_("basis"), "call": N_("call"),
    "cap": N_("cap"), "category": N_("category"), "closes": N_("closing day"), "count": N_("number"),
    "date": N_("date"),
    "end": N_("end year"), "excess": N_("excess"), "expected": N_("expected value"),
    "first": N_("first year"), "kind": N_("kind"), "language": N_("language"), "last": N_("last year"),
    "line": N_("number"), "local": N_("local funds"), "max": N_("maximum"), "min": N_("minimum"),
    "number": N_("number"), "opens": N_("opening day"), "org": N_("organisation"), "ratio": N_("ratio"), "region": N_("region"),
    "required": N_("required amount"), "section": N_("section"), "shortfall": N_("shortfall"),
    "stage": N_("stage"), "start": N_("start year"), "target": N_("target"), "total": N_("total"),
    "type": N_("project type"), "unused": N_("unused amount"), "year": N_("year"), "years": N_("years"),
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


# Typed message values -------------------------------------------------------------------------


@dataclass(frozen=True)
class Won:
    amount: int

    def render(self, lang: str) -> str:
        return format_won(self.amount, lang)


@dataclass(frozen=True)
class Num:
    """A count (characters, regions, …) with its digits grouped as the language groups them."""

    value: int

    def render(self, lang: str) -> str:
        return format_number(self.value, lang)


@dataclass(frozen=True)
class Pct:
    """A ratio shown as a percentage with two decimals at most.

    ``toward`` says which way the last digit goes, so that a value never seems to meet a limit it
    fails: ``"down"`` for values held to a minimum (19.999% shows 19.99%), ``"up"`` for values
    held to a maximum (75.0001% shows 75.01%). ``fixed`` keeps both decimals (tables: 21.00%).
    """

    value: Fraction | None  # a ratio (0.2 for 20 %), or a percentage when ``percent`` is set
    percent: bool = False
    toward: str = "down"
    fixed: bool = False

    def render(self, lang: str) -> str:
        if self.value is None:
            return "–"
        pct = self.value if self.percent else self.value * 100
        mode = {"down": ROUND_FLOOR, "up": ROUND_CEILING}.get(self.toward, ROUND_HALF_UP)
        dec = (Decimal(pct.numerator) / Decimal(pct.denominator)).quantize(Decimal("0.01"), mode)
        text = f"{dec:f}"
        if not self.fixed:
            text = text.rstrip("0").rstrip(".")
        return f"{text}%"


@dataclass(frozen=True)
class RegionRef:
    code: str
    day: dt.date

    def render(self, lang: str) -> str:
        return regions.name(self.code, self.day, lang)


@dataclass(frozen=True)
class DateRef:
    day: dt.date

    def render(self, lang: str) -> str:
        return official_date(self.day, lang)


@dataclass(frozen=True)
class Label:
    """A type, kind, role, source or section code, shown by its name."""

    code: str

    def render(self, lang: str) -> str:
        return label(self.code, lang)


@dataclass(frozen=True)
class CategoryRef:
    code: str

    def render(self, lang: str) -> str:
        return categories.name(self.code, lang)


@dataclass(frozen=True)
class OrgRef:
    name_ko: str
    name_en: str

    def render(self, lang: str) -> str:
        return (self.name_ko if lang == "ko" else self.name_en) or self.name_ko or self.name_en


def render_value(value: object, lang: str) -> str:
    render = getattr(value, "render", None)
    if render is not None:
        return render(lang)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    return str(value)


@dataclass
class Finding:
    rule: Rule
    path: str
    values: dict[str, object] = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    def message(self, lang: str) -> str:
        return translate(self.rule.message, lang, **{k: render_value(v, lang) for k, v in self.values.items()})

    def as_dict(self, lang: str) -> dict:
        return {
            "severity": self.severity.value,
            "code": self.code,
            "path": self.path,
            "message": self.message(lang),
            "clause": self.rule.clause,
        }
