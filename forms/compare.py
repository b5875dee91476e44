"""What changed between two copies of a proposal: fields, and budget totals by (year, source) in won.

Fields are compared on the exchange form (``forms.exchange.to_dict``), so every value a person can
type is covered. Records (organisations, roadmap stages, budget lines, researchers, …) are matched
by their ids, so a reordering is no change and a record's fields are compared with the same
record's. Each change is named by a field path by id (``roadmap[id=…].goal.ko``) and shown with the
record's row (``Roadmap stage 2: goal (Korean)``). Amounts are compared as budget totals by year
and source (``forms.budget.summarise``), not line by line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forms.budget import summarise
from forms.exchange import to_dict
from forms.fieldpath import ROOT, FieldPath, RecordId
from forms.i18n import N_, translate
from forms.model import Proposal, label
from forms.money import format_won
from forms.profile import load_profile

_SKIP = {"format", "format_version", "id"}
#: What one record of each list is called, with its row (from 1).
_RECORDS = {
    "organisations": N_("Organisation {n}"), "roadmap": N_("Roadmap stage {n}"),
    "budget.lines": N_("Budget line {n}"), "researchers": N_("Researcher {n}"),
    "indicators": N_("Indicator {n}"), "tasks": N_("Task {n}"), "deliverables": N_("Deliverable {n}"),
    "equipment": N_("Equipment item {n}"), "attachments": N_("Attached document {n}"),
}
_NAMES = {
    "title": N_("Title"), "call": N_("Call"), "type": N_("Project type"), "date": N_("Date"),
    "lead_region": N_("Lead region"), "partner_regions": N_("Partner regions"),
    "budget.entry_unit": N_("Entry unit"), "name": N_("name"), "kind": N_("kind"), "region": N_("region"),
    "role": N_("role"), "goal": N_("goal"), "start_year": N_("start year"), "end_year": N_("end year"),
    "stage": N_("stage"), "year": N_("year"), "org": N_("organisation"), "category": N_("category"),
    "source": N_("source"), "amount_krw": N_("amount"), "no_amount": N_("no amount entered"),
    "rates": N_("participation rate"),
    "targets": N_("target"), "items": N_("justification row"), "quantity": N_("quantity"),
    "unit_price_krw": N_("unit price"), "months": N_("months"), "position": N_("position"),
    "field": N_("field"), "unit": N_("unit"), "baseline": N_("baseline"), "weight": N_("weight"),
    "method": N_("method"), "start": N_("start month"), "end": N_("end month"), "task": N_("task"),
    "purpose": N_("purpose"), "registration_number": N_("business registration number"),
    "representative": N_("representative"), "address": N_("address"), "contact": N_("contact"),
}
MAX_SHOWN = 80


def field_name(key: str) -> str | None:
    """The name (an untranslated message) of a field or a top-level key (``quantity``,
    ``partner_regions``); None for a key without one."""
    return _NAMES.get(key)


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
    """``plan.summary.en`` → "Summary (English)"; ``organisations[1].name.ko`` → "Organisation 2:
    name (Korean)" (rows are shown from 1)."""
    steps = list(FieldPath.parse(path).steps)
    suffix = ""
    if len(steps) > 1 and steps[-1] in ("ko", "en"):
        suffix = " (" + label("lang." + str(steps.pop()), lang) + ")"
    if steps[:1] == ["plan"] and len(steps) == 2:
        return label(str(steps[1]), lang) + suffix
    for i, step in enumerate(steps):
        if isinstance(step, int):
            collection = str(FieldPath(tuple(steps[:i])))
            what = _RECORDS.get(collection, N_("{collection}, entry {n}"))
            rest = str(FieldPath(tuple(steps[i + 1:])))
            name = translate(_NAMES[rest], lang) if rest in _NAMES else _named(steps[i + 1:], lang)
            head = translate(what, lang, n=step + 1, collection=collection)
            return head + (": " + name if name else "") + suffix
    joined = str(FieldPath(tuple(steps)))
    return (translate(_NAMES[joined], lang) if joined in _NAMES else joined) + suffix


def _named(steps: list, lang: str) -> str:
    """``rates[2023]`` → "participation rate, 2023"; ``items[0].quantity`` → "justification row 1,
    quantity": each field by its name, a row from 1, a key (a year) as it is."""
    parts: list[str] = []
    for prev, step in zip([None, *steps], steps, strict=False):
        if isinstance(step, int) and parts and prev not in ("rates", "targets"):
            parts[-1] += f" {step + 1}"
        else:
            parts.append(translate(_NAMES[step], lang) if step in _NAMES else str(step))
    return ", ".join(parts)


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
