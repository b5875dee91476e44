"""The budget as a spreadsheet sees it, without any spreadsheet library: the sheets and columns
the workbook export writes and the workbook import reads, how a name typed in a cell becomes a
code (an organisation by name or id, a category or source by its Korean or English name, a region
by code or name), and what an imported budget changes compared with the proposal's.

The writer (``reports.budget_workbook``), the reader (``forms.files.budget_workbook_reader``), the grid's paste and the
window's preview all use this one description, so the columns cannot drift apart.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from forms import categories, regions
from forms.base.errors import InputError
from forms.base.i18n import N_, NP_, translate
from forms.budget import SOURCES
from forms.ids import new_id
from forms.model import BudgetLine, Proposal, label
from forms.money import EntryUnit, parse_amount
from forms.values import Count

LINES_SHEET = N_("Budget lines")
SHARES_SHEET = N_("Support and share")
CATEGORY_SHEET = N_("By category")

#: The lines sheet's columns: (field of a budget line, header).
LINE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("year", N_("Year")),
    ("org", N_("Organisation")),
    ("category", N_("Category")),
    ("source", N_("Source")),
    ("region", N_("Paying region")),
    ("amount_krw", N_("Amount (won)")),
)
#: A hidden last column of the lines sheet: each line's stable id, so that a line whose year, source
#: or paying region was changed in Excel is still known as the same line. Optional on reading (a
#: workbook written before it existed has none).
ID_COLUMN: tuple[str, str] = ("id", N_("Line id"))
#: The workbook's custom document property naming the proposal it was exported from (Excel and
#: LibreOffice keep custom properties when they save).
PROPOSAL_PROPERTY = "Regional Proposal Studio proposal id"
LANGS = ("ko", "en")
MIN_YEAR, MAX_YEAR = 2000, 2100


def sheet_names(message: str) -> set[str]:
    """Every name a sheet may carry: its name in each language."""
    return {translate(message, lang) for lang in LANGS}


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Names:
    """Reads the names officials type in a budget cell as the codes a budget line holds."""

    proposal: Proposal
    _orgs: dict[str, str] = field(init=False)
    _categories: dict[str, str] = field(init=False)
    _sources: dict[str, str] = field(init=False)
    _regions: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        p = self.proposal
        self._orgs = {}
        for org in p.organisations:
            for name in (org.name.ko, org.name.en):
                if name.strip():
                    self._orgs.setdefault(_fold(name), org.id)
        for org in p.organisations:  # an id wins over a name that happens to read the same
            self._orgs[_fold(org.id)] = org.id
        self._categories = {}
        for code, cat in categories.CATEGORIES.items():
            for name in (code, cat.ko, cat.en, *(cat.name(lang) for lang in LANGS)):
                self._categories[_fold(name)] = code
        self._sources = {_fold(name): code for code in SOURCES
                         for name in (code, *(label(code, lang) for lang in LANGS))}
        self._regions = {}
        for region in regions.REGIONS.values():
            for region_name in region.names:
                for text in (region_name.ko, region_name.en):
                    self._regions.setdefault(_fold(text), region.code)
            self._regions[_fold(region.code)] = region.code

    UNKNOWN_ORG = N_("'{value}' is not an organisation of this proposal.")

    def org(self, text: str) -> str:
        found = self._orgs.get(_fold(text))
        if found is None:  # the names to use are said once, after all the cells (org_hint)
            raise InputError(self.UNKNOWN_ORG, value=text.strip())
        return found

    def org_hint(self) -> InputError:
        """What to type instead of an unknown organisation, said once for all such cells."""
        return InputError(N_("Use the name or id of one of this proposal's organisations: {choices}."),
                          choices=_OrgNames(self.proposal))

    def category(self, text: str) -> str:
        found = self._categories.get(_fold(text))
        if found is None:
            raise InputError(N_("'{value}' is not a budget category. Use its Korean or English name, such as "
                                "인건비 or Personnel."), value=text.strip())
        return found

    def source(self, text: str) -> str:
        found = self._sources.get(_fold(text))
        if found is None:
            raise InputError(N_("'{value}' is not a source of funds. Use one of: {choices}."), value=text.strip(),
                             choices=", ".join(label(s, "ko") for s in SOURCES))
        return found

    def region(self, text: str) -> str:
        found = self._regions.get(_fold(text))
        if found is None:
            raise InputError(N_("'{value}' is not a region. Use its name or code, such as 경상북도 or KR-47."),
                             value=text.strip())
        return found

    def region_name(self, code: str | None, lang: str) -> str:
        return regions.name(code, self.proposal.date, lang) if code else ""

    def org_name(self, org_id: str, lang: str) -> str:
        return self.proposal.org_name(org_id, lang)


class _OrgNames:
    """The proposal's organisations as a message field, named in the message's language."""

    def __init__(self, proposal: Proposal) -> None:
        self.proposal = proposal

    def render(self, lang: str) -> str:
        return ", ".join(o.display_name(lang) for o in self.proposal.organisations)


#: A required cell with nothing in it.
EMPTY_CELL = N_("This cell is empty, but it must be filled in.")


def unsaved_formula(key: str, formula: str) -> InputError:
    """The problem of a cell that holds ``formula`` but no value: the program that wrote the file
    did not calculate it (Excel stores a formula's result when it saves; a script may not)."""
    if key == "amount_krw":
        return InputError(N_("This cell holds the formula {formula}, but its value was not saved in the file. Type "
                             "the amount, or open the file in Excel and save it so the value is stored."),
                          formula=formula)
    return InputError(N_("This cell holds the formula {formula}, but its value was not saved in the file. Type "
                         "the value itself, or open the file in Excel and save it so the value is stored."),
                      formula=formula)


def read_amount(value: object) -> int:
    """An amount cell: a whole number of won, or a text officials type (``55억``, ``3,000천원``)."""
    if isinstance(value, bool):
        raise InputError(N_("A true/false value is not an amount."))
    if isinstance(value, int):
        if value < 0:
            raise InputError(N_("An amount cannot be negative."))
        return parse_amount(str(value), EntryUnit.WON)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise InputError(N_("'{text}' is not an amount. Type digits, for example 55억 or 5,500,000,000."),
                             text=str(value))
        if value < 0:
            raise InputError(N_("An amount cannot be negative."))
        if not value.is_integer():
            raise InputError(N_("An amount must be a whole number of won, and {text} is not."), text=repr(value))
        return parse_amount(str(int(value)), EntryUnit.WON)
    if isinstance(value, str):
        return parse_amount(value, EntryUnit.WON)
    raise InputError(N_("Enter an amount."))


def read_year(value: object) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
        raise InputError(N_("'{value}' is not a year from {lo} to {hi}."), value=value, lo=MIN_YEAR, hi=MAX_YEAR)
    return value


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_line(names: Names, cells: dict[str, object],
              known: Collection[str] = ()) -> tuple[BudgetLine | None, dict[str, InputError]]:
    """One row of the lines sheet (field -> cell value) as a budget line, or the problem of each
    cell that cannot be read. An empty amount of a line the proposal has (its id among ``known``)
    is read as no amount entered, as the app writes such a line; of any other row it is a problem."""
    problems: dict[str, InputError] = {}
    values: dict[str, object] = {}
    readers: dict[str, Callable[..., object]] = {"year": read_year, "org": names.org, "category": names.category, "source": names.source,
               "region": names.region, "amount_krw": read_amount}
    line_id = None if blank(cells.get(ID_COLUMN[0])) else str(cells[ID_COLUMN[0]]).strip()
    for key, _header in LINE_COLUMNS:
        value = cells.get(key)
        if blank(value):
            if key == "region":
                values[key] = None
                continue
            if key == "amount_krw" and line_id is not None and line_id in known:
                values[key] = None
                continue
            problems[key] = InputError(EMPTY_CELL)
            continue
        try:
            values[key] = readers[key](value if key in ("year", "amount_krw") else str(value))
        except InputError as exc:
            problems[key] = exc
    if "region" not in problems and values.get("region") and values.get("source") not in (None, "local"):
        problems["region"] = InputError(N_("A paying region is given only for local funds. Leave it empty."))
    if problems:
        return None, problems
    year, amount, region = values["year"], values["amount_krw"], values["region"]
    org, category, source = (str(values[key]) for key in ("org", "category", "source"))
    assert isinstance(year, int) and isinstance(amount, int | None) and isinstance(region, str | None)
    line = BudgetLine(year, org, category, source, amount or 0, region, no_amount=amount is None)
    if line_id is not None:  # the line it was exported from (compare pairs them)
        line.id = line_id
    return line, {}


# --- what an imported budget changes --------------------------------------------------------------

def _key(line: BudgetLine) -> tuple:
    return (line.year, line.org, line.category, line.source, line.region or None)


def _pairs(before: list[BudgetLine], after: list[BudgetLine]) -> list[BudgetLine | None]:
    """For each line of ``after``, the line of ``before`` it is, or None for a new line.

    A line read back carries the id of the line it was exported from when the workbook has the
    hidden id column. It is the same line, in this order of trust: the same id with the same year,
    organisation, category, source and paying region; the same id with the same organisation and
    category (the line moved to another year, source or paying region in Excel); the same year,
    organisation, category, source and paying region (two lines alike in all of these paired in
    order: a workbook without ids, or a row typed anew). Each line of ``before`` is paired once.
    """
    by_id = {line.id: line for line in before}
    out: list[BudgetLine | None] = [None] * len(after)
    taken: set[int] = set()

    def take(i: int, old: BudgetLine) -> None:
        out[i] = old
        taken.add(id(old))

    for alike in (lambda old, new: _key(old) == _key(new),
                  lambda old, new: (old.org, old.category) == (new.org, new.category)):
        for i, line in enumerate(after):
            old = by_id.get(line.id)
            if out[i] is None and old is not None and id(old) not in taken and alike(old, line):
                take(i, old)
    waiting: dict[tuple, list[BudgetLine]] = defaultdict(list)
    for old in before:
        if id(old) not in taken:
            waiting[_key(old)].append(old)
    for i, line in enumerate(after):
        pending = waiting.get(_key(line))
        if out[i] is None and pending:
            take(i, pending.pop(0))
    return out


@dataclass
class BudgetChanges:
    added: list[BudgetLine]
    removed: list[BudgetLine]
    #: (line before, line after): the same year, organisation, category, source and region
    changed: list[tuple[BudgetLine, BudgetLine]]
    #: (line before, line after): the same line (by its id) at another year, source or paying
    #: region; it keeps its justification rows
    moved: list[tuple[BudgetLine, BudgetLine]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.moved)

    @property
    def dropped_items(self) -> int:
        """How many justification rows (산출근거) go with the removed lines."""
        return sum(len(line.items) for line in self.removed)

    def text(self, lang: str) -> str:
        """What changes, in ``lang``: "2 lines added, 1 removed, 1 amount changed"."""
        fields = {"added": Count(len(self.added), NP_("{count} line added", "{count} lines added")),
                  "removed": Count(len(self.removed), NP_("{count} removed", "{count} removed")),
                  "changed": Count(len(self.changed), NP_("{count} amount changed", "{count} amounts changed"))}
        if not self.moved:
            return translate(N_("{added}, {removed}, {changed}"), lang, **fields)
        return translate(N_("{added}, {removed}, {changed}, {moved}"), lang, **fields,
                         moved=Count(len(self.moved), NP_("{count} moved to another year, source or paying region",
                                                          "{count} moved to another year, source or paying region")))

    def dropped_text(self, lang: str, done: bool = False) -> str:
        """The justification rows that go with the removed lines, in a sentence ("" when none):
        what will happen (a preview) or, with ``done``, what happened."""
        if not self.dropped_items:
            return ""
        if done:
            return Count(self.dropped_items, NP_("{count} justification row of the removed lines was dropped with "
                                                 "them.", "{count} justification rows of the removed lines were "
                                                 "dropped with them.")).render(lang)
        return Count(self.dropped_items, NP_("{count} justification row of the removed lines will be dropped "
                                             "with them.", "{count} justification rows of the removed lines will "
                                             "be dropped with them.")).render(lang)


def compare(before: Iterable[BudgetLine], after: Iterable[BudgetLine]) -> BudgetChanges:
    """What the budget ``after`` changes in ``before``, the lines paired as :func:`_pairs` says.
    Neither list is changed."""
    before, after = list(before), list(after)
    pairs = _pairs(before, after)
    added: list[BudgetLine] = []
    changed: list[tuple[BudgetLine, BudgetLine]] = []
    moved: list[tuple[BudgetLine, BudgetLine]] = []
    for line, old in zip(after, pairs, strict=True):
        if old is None:
            added.append(line)
        elif _key(old) != _key(line):
            moved.append((old, line))
        elif (old.amount_krw, old.no_amount) != (line.amount_krw, line.no_amount):
            changed.append((old, line))
    paired = {id(old) for old in pairs if old is not None}
    removed = [line for line in before if id(line) not in paired]
    return BudgetChanges(added, removed, changed, moved)


def carried_over(before: list[BudgetLine], after: list[BudgetLine]) -> list[BudgetLine]:
    """The new budget: ``after`` in its order, where each line that is the same line as one of
    ``before`` (as :func:`compare` pairs them) is that line with the sheet's year, source, paying
    region and amount, so what a sheet does not show (its id, its itemised justification) stays
    with it. A new line gets a new id, whatever id its row carried."""
    out: list[BudgetLine] = []
    for line, old in zip(after, _pairs(before, after), strict=True):
        if old is None:
            kept = copy.deepcopy(line)
            kept.id = new_id()
        else:
            kept = copy.deepcopy(old)
            kept.year, kept.source, kept.region = line.year, line.source, line.region
            kept.amount_krw, kept.no_amount = line.amount_krw, line.no_amount
        out.append(kept)
    return out


def other_proposal(proposal: Proposal, workbook_id: str | None, title: str | None, line_ids: set[str],
                   unreadable: bool) -> bool:
    """Whether a workbook is the budget of another proposal than ``proposal``: it names another
    proposal and shares no line with this one (a copy of the proposal shares its lines); or, for
    a workbook written before it named its proposal, its cells do not read and its title is none
    of the proposal's titles."""
    if workbook_id:
        return workbook_id != proposal.id and not line_ids & {line.id for line in proposal.budget.lines}
    titles = {_fold(t) for t in (proposal.title.ko, proposal.title.en) if t.strip()}
    return unreadable and title is not None and bool(title.strip()) and bool(titles) and _fold(title) not in titles


class ProposalTitle:
    """A proposal's title as a message field, in the message's language (or the other one)."""

    def __init__(self, proposal: Proposal) -> None:
        self.proposal = proposal

    def render(self, lang: str) -> str:
        return self.proposal.title.get(lang) or self.proposal.id


def describe(line: BudgetLine, names: Names, lang: str) -> str:
    """A line in a few words, for the preview of an import: ``2024 · 포항공대 · 인건비 · 국비``."""
    parts = [str(line.year), names.org_name(line.org, lang), categories.name(line.category, lang),
             label(line.source, lang)]
    if line.region:
        parts.append(names.region_name(line.region, lang))
    return " · ".join(parts)
