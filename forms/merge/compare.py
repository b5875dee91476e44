"""What changed between two copies of a proposal: fields, and budget totals by (year, source) in won.

Fields are compared on the exchange form (``forms.files.exchange.to_dict``), so every value a person can
type is covered. Records (organisations, roadmap stages, budget lines, researchers, …) are matched
by their ids, so a reordering is no change and a record's fields are compared with the same
record's. Each change is named by a field path by id (``roadmap[id=…].goal.ko``) and shown with the
record's row (``Roadmap stage 2: goal (Korean)``). Amounts are compared as budget totals by year
and source (``forms.budget.summarise``), not line by line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forms.base.i18n import N_, translate
from forms.budget import summarise
from forms.fieldpath import ROOT, FieldPath, RecordId
from forms.files.exchange import to_dict
from forms.labels import field_label, value_name
from forms.model import Proposal
from forms.money import format_won
from forms.profile import load_profile

_SKIP = {"format", "format_version", "id"}
MAX_SHOWN = 80


@dataclass(frozen=True)
class FieldChange:
    path: str  # by record id: "title.ko", "plan.summary.en", "organisations[id=uni-1].name.ko"
    before: str | None  # None: the field did not exist
    after: str | None
    #: The same field by row, as people read it ("organisations[2].name.ko"): in the newer copy,
    #: or in the older one for a record that was removed.
    where: str = ""


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
        out = [translate(N_("{field}: {before} → {after}"), lang, field=field_label(c.where or c.path, lang),
                         before=_shown(c.before, lang), after=_shown(c.after, lang)) for c in self.fields]
        for b in self.budget:
            sign = "+" if b.delta > 0 else "−"
            out.append(translate(N_("Budget {year}, {source}: {before} → {after} ({change})"), lang,
                                 year=b.year, source=value_name("source", b.source, lang) or b.source, before=format_won(b.before, lang),
                                 after=format_won(b.after, lang), change=sign + format_won(abs(b.delta), lang)))
        return out


def _shown(value: str | None, lang: str) -> str:
    if value is None:
        return translate(N_("(none)"), lang)
    if value == "":
        return translate(N_("(empty)"), lang)
    value = " ".join(value.split())
    return value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 1] + "…"


def _flatten(value: object, path: FieldPath, out: dict[str, str]) -> None:
    if isinstance(value, dict):
        for key, sub in value.items():  # a mapping by year (rates, targets) is keyed by the year
            _flatten(sub, path.child(int(key) if key.isdigit() else key), out)
    elif isinstance(value, list) and value and all(isinstance(v, dict) and "id" in v for v in value):
        out[str(path)] = ""  # as an empty list: having records is no change of the list itself
        for record in value:  # a list of records: each by its id
            _flatten({k: v for k, v in record.items() if k != "id"}, path.child(RecordId(record["id"])), out)
    elif isinstance(value, list):
        out[str(path)] = ", ".join(str(v) for v in value)
    else:
        out[str(path)] = "" if value is None else str(value)


def _fields(p: Proposal) -> dict[str, str]:
    doc = to_dict(p)
    for key in _SKIP:
        doc.pop(key, None)
    for line in doc["budget"]["lines"]:
        line.pop("amount_krw")  # amounts: as totals by year and source
    out: dict[str, str] = {}
    _flatten(doc, ROOT, out)
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
    changes = [FieldChange(k, fa.get(k), fb.get(k), _by_row(k, b if k in fb else a))
               for k in order if fa.get(k) != fb.get(k)]
    ba, bb = _budget(a), _budget(b)
    budget = [BudgetChange(y, s, ba.get((y, s), 0), bb.get((y, s), 0))
              for (y, s) in sorted(set(ba) | set(bb), key=lambda k: (k[0], _SOURCE_ORDER.get(k[1], 9), k[1]))
              if ba.get((y, s), 0) != bb.get((y, s), 0)]
    return ProposalDiff(changes, budget)


def _by_row(path: str, p: Proposal) -> str:
    try:
        return str(FieldPath.parse(path).by_row(p))
    except (LookupError, AttributeError, ValueError):
        return path


_SOURCE_ORDER = {"national": 0, "local": 1, "own_cash": 2, "own_in_kind": 3}
