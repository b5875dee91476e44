"""What changed between two copies of a proposal: fields, and budget totals by (year, source) in won.

Fields are compared on the exchange form (``forms.exchange.to_dict``), so every value a person can
type is covered; organisations are matched by id and roadmap stages by number, so a reordering
is not reported as a change of every entry. Budget totals come from ``forms.budget.summarise``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forms.budget import summarise
from forms.exchange import to_dict
from forms.i18n import N_, translate
from forms.model import Proposal, label
from forms.money import format_won
from forms.profile import load_profile

_SKIP = {"format", "format_version", "id"}
_NAMES = {
    "title": N_("Title"), "call": N_("Call"), "type": N_("Project type"), "date": N_("Date"),
    "lead_region": N_("Lead region"), "partner_regions": N_("Partner regions"),
    "budget.entry_unit": N_("Entry unit"), "name": N_("name"), "kind": N_("kind"), "region": N_("region"),
    "role": N_("role"), "goal": N_("goal"), "start_year": N_("start year"), "end_year": N_("end year"),
}
MAX_SHOWN = 80


@dataclass(frozen=True)
class FieldChange:
    path: str  # e.g. "title.ko", "plan.summary.en", "organisations[uni-1].name.ko"
    before: str | None  # None: the field did not exist
    after: str | None


@dataclass(frozen=True)
class BudgetChange:
    year: int
    source: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass
class ProposalDiff:
    fields: list[FieldChange] = field(default_factory=list)
    budget: list[BudgetChange] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not self.fields and not self.budget

    def lines(self, lang: str) -> list[str]:
        """The differences as display lines, fields first, then budget totals."""
        if self.is_empty():
            return [translate(N_("No differences."), lang)]
        out = [translate(N_("{field}: {before} → {after}"), lang, field=field_label(c.path, lang),
                         before=_shown(c.before, lang), after=_shown(c.after, lang)) for c in self.fields]
        for b in self.budget:
            sign = "+" if b.delta > 0 else "−"
            out.append(translate(N_("Budget {year}, {source}: {before} → {after} ({change})"), lang,
                                 year=b.year, source=label(b.source, lang), before=format_won(b.before, lang),
                                 after=format_won(b.after, lang), change=sign + format_won(abs(b.delta), lang)))
        return out


def _shown(value: str | None, lang: str) -> str:
    if value is None:
        return translate(N_("(none)"), lang)
    if value == "":
        return translate(N_("(empty)"), lang)
    value = " ".join(value.split())
    return value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 1] + "…"


def field_label(path: str, lang: str) -> str:
    """``plan.summary.en`` → "Summary (English)"; ``organisations[u1].name.ko`` → "Organisation u1: name (Korean)"."""
    parts = path.split(".")
    suffix = ""
    if parts[-1] in ("ko", "en") and len(parts) > 1:
        suffix = " (" + label("lang." + parts.pop(), lang) + ")"
    head = parts[0]
    if head == "plan" and len(parts) == 2:
        return label(parts[1], lang) + suffix
    if head.startswith("organisations[") or head.startswith("roadmap["):
        key = head[head.index("[") + 1 : -1]
        what = N_("Organisation {id}") if head.startswith("organisations[") else N_("Roadmap stage {id}")
        rest = ".".join(parts[1:])
        name = translate(_NAMES[rest], lang) if rest in _NAMES else rest
        return translate(what, lang, id=key) + (": " + name if name else "") + suffix
    joined = ".".join(parts)
    return (translate(_NAMES[joined], lang) if joined in _NAMES else joined) + suffix


def _flatten(value: object, path: str, out: dict[str, str]) -> None:
    if isinstance(value, dict):
        for key, sub in value.items():
            _flatten(sub, f"{path}.{key}" if path else key, out)
    elif isinstance(value, list):
        out[path] = ", ".join(str(v) for v in value)
    else:
        out[path] = "" if value is None else str(value)


def _fields(p: Proposal) -> dict[str, str]:
    doc = to_dict(p)
    for key in _SKIP:
        doc.pop(key, None)
    budget = doc.pop("budget")
    orgs = doc.pop("organisations")
    stages = doc.pop("roadmap")
    out: dict[str, str] = {}
    _flatten(doc, "", out)
    out["budget.entry_unit"] = budget["entry_unit"]
    for org in orgs:
        _flatten({k: v for k, v in org.items() if k != "id"}, f"organisations[{org['id']}]", out)
    for stage in stages:
        _flatten({k: v for k, v in stage.items() if k != "stage"}, f"roadmap[{stage['stage']}]", out)
    return out


def _budget(p: Proposal) -> dict[tuple[int, str], int]:
    try:
        return summarise(p, load_profile(p.call)).by_year_source
    except Exception:  # noqa: BLE001 - a call this version does not know: plain sums
        totals: dict[tuple[int, str], int] = {}
        for line in p.budget.lines:
            totals[(line.year, line.source)] = totals.get((line.year, line.source), 0) + line.amount_krw
        return totals


def compare(a: Proposal, b: Proposal) -> ProposalDiff:
    """The differences from ``a`` (older) to ``b`` (newer)."""
    fa, fb = _fields(a), _fields(b)
    order = list(fa) + [k for k in fb if k not in fa]
    changes = [FieldChange(k, fa.get(k), fb.get(k)) for k in order if fa.get(k) != fb.get(k)]
    ba, bb = _budget(a), _budget(b)
    budget = [BudgetChange(y, s, ba.get((y, s), 0), bb.get((y, s), 0))
              for (y, s) in sorted(set(ba) | set(bb), key=lambda k: (k[0], _SOURCE_ORDER.get(k[1], 9), k[1]))
              if ba.get((y, s), 0) != bb.get((y, s), 0)]
    return ProposalDiff(changes, budget)


_SOURCE_ORDER = {"national": 0, "local": 1, "own_cash": 2, "own_in_kind": 3}
