"""The record tables' fields, described once: for each table of records (indicators, the schedule,
deliverables, researchers and their other projects, equipment, the organisations' general data, the
roadmap, budget lines and their justification rows), each field by its path inside the record
(``name``, ``rates``; a bilingual text without its language step), its kind, and the words people
read for it:

- ``name``: the field in a message ("Indicator 2: unit (Korean)"), for comparing, merging and any
  message about a field (``forms.labels``);
- ``titles``: its columns in the window's table (Korean then English for a bilingual field; one
  title for a bilingual field shows its Korean only), in ``ui.plan_tables``;
- ``heading``: its column in the packet's table (one column, in the packet's language), in
  ``reports.record_tables``.

The three are separate messages because their wordings differ ("unit", "Unit (Korean)", "Unit"),
but each is written here only. :class:`Column` is one column of the window's table; it uses no Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from forms.base.errors import InputError
from forms.base.i18n import LANGUAGES, N_, _, current_language
from forms.fieldpath import FieldPath
from forms.ids import new_id
from forms.model import (
    BudgetItem,
    BudgetLine,
    Degree,
    Deliverable,
    Equipment,
    Indicator,
    IndicatorKind,
    Organisation,
    OtherProject,
    Proposal,
    Researcher,
    ResearcherRole,
    RoadmapStage,
    Task,
    label,
)
from forms.profile import load_profile

Choices = Callable[[Proposal], list[tuple[object, str]]]


@dataclass(frozen=True)
class Column:
    """One column of a window's table: the field's path inside the record (``name.ko``,
    ``rates[2024]``), its title (an ``N_`` message or a literal such as a year, see ``literal``), and
    its kind: ``text``, ``name`` (a wide text), ``month`` (YYYY-MM), ``int`` (``lo``…``hi``),
    ``year``, ``money`` (won, typed as in the budget), ``choice`` (from ``choices``), ``bool`` or
    ``label`` (shown only)."""

    key: str
    title: str
    kind: str = "text"
    lo: int = 0
    hi: int = 100
    #: (not compared: two descriptions of the same column are equal, whatever function lists choices)
    choices: Choices | None = field(default=None, compare=False)
    literal: bool = False
    #: Named fields of the title (``year`` of "{year} (English)").
    fields: tuple[tuple[str, object], ...] = ()
    #: The record must fill it (see :attr:`RecordField.required`).
    required: bool = False

    def heading(self) -> str:
        title = self.title if self.literal else _(self.title)
        return title.format(**dict(self.fields)) if self.fields else title

    @property
    def field(self) -> FieldPath:
        """The field's path inside the record."""
        return FieldPath.parse(self.key)

    @property
    def by_year(self) -> bool:
        """A year of a per-year mapping (``rates[2024]``), or one language of a year's text
        (``targets[2024].en``): the cell edits the whole mapping."""
        return self.year_at is not None

    @property
    def year_at(self) -> int | None:
        """Where the year is among the field's steps, for a per-year field; None otherwise."""
        steps = self.field.steps
        if steps and isinstance(steps[-1], int):
            return len(steps) - 1
        if len(steps) > 1 and isinstance(steps[-2], int) and steps[-1] in ("ko", "en"):
            return len(steps) - 2
        return None

    @property
    def language(self) -> str | None:
        """The language of a column of a bilingual field (``name.ko``: ko); None for another."""
        steps = self.field.steps
        return steps[-1] if len(steps) > 1 and steps[-1] in LANGUAGES else None


def read(record: object, path: FieldPath) -> object:
    """The value at ``path`` inside ``record`` (None for a year a per-year mapping lacks)."""
    try:
        return path.get(record)
    except KeyError:
        return None


@dataclass(frozen=True)
class RecordField:
    """A field of a record: its path inside the record (``unit``; a bilingual text without its
    language), its kind (as :class:`Column`'s), and its words for people (see the module)."""

    path: str
    #: its name in messages (``N_("unit")``); None: named by its path
    name: str | None = None
    kind: str = "text"
    bilingual: bool = False
    #: its columns' titles in the window (none: not a column there)
    titles: tuple[str, ...] = ()
    #: its column's heading in the packet (None: the packet prints no such column)
    heading: str | None = None
    #: a mapping by year (``rates``, ``targets``): a column per year of the call
    per_year: bool = False
    lo: int = 0
    hi: int = 100
    choices: Choices | None = field(default=None, compare=False)
    #: The record must fill it: the rules say so when it is empty (in the language of submission,
    #: for a bilingual field; every year of the call, for a per-year one), and the window puts the
    #: cursor on it in a new row.
    required: bool = False

    def columns(self, years: tuple[int, ...]) -> list[Column]:
        """The window's columns of this field, for a call of ``years``."""
        langs: tuple[str | None, ...] = LANGUAGES if self.bilingual else (None,)
        if self.per_year:
            if not self.titles:  # the year itself is the title
                return [Column(f"{self.path}[{y}]", str(y), self.kind, self.lo, self.hi, literal=True,
                               required=self.required) for y in years]
            return [Column(f"{self.path}[{y}]" + (f".{lang}" if lang else ""), title, self.kind, self.lo, self.hi,
                           fields=(("year", y),), required=self.required)
                    for y in years for lang, title in zip(langs, self.titles, strict=False)]
        lo, hi = (min(years), max(years)) if self.kind == "year" else (self.lo, self.hi)
        return [Column(self.path + (f".{lang}" if lang else ""), title, self.kind, lo, hi, self.choices,
                       required=self.required)
                for lang, title in zip(langs, self.titles, strict=False)]


@dataclass(frozen=True)
class RecordColumns:
    """A table of records: its key (``indicators``, as ``forms.model.RECORD_TABLES`` names it), the
    record's type, where the list is in the proposal (``budget.lines``; None for a list inside
    each record of another table), what one record is called with its row ("Indicator {n}"), its
    fields in the window's order, and how a new record is made (None: rows are not added here)."""

    key: str
    type: type
    where: str | None
    record: str | None
    fields: tuple[RecordField, ...]
    make: Callable[[Proposal], object] | None = field(default=None, compare=False)

    def field(self, path: str) -> RecordField:
        for f in self.fields:
            if f.path == path:
                return f
        raise KeyError(path)

    def heading(self, path: str) -> str:
        """The packet's heading of the field at ``path`` (an ``N_`` message)."""
        heading = self.field(path).heading
        if heading is None:
            raise KeyError(path)
        return heading

    def titles(self) -> list[str]:
        """The window's column titles (``N_`` messages) of the fields that are not per year."""
        return [t for f in self.fields if not f.per_year for t in f.titles]

    def columns(self, p: Proposal) -> list[Column]:
        """The window's columns for ``p`` (a column per year of its call for a per-year field)."""
        years = years_of(p)
        return [c for f in self.fields for c in f.columns(years)]


def first_missing(columns: list[Column], record: object, p: Proposal) -> int | None:
    """The first of ``columns`` that ``record`` must fill and leaves empty (for a bilingual field,
    in the language of ``p``'s submission): the cell the rules mark; None when there is none."""
    try:
        lang = load_profile(p.call).submission_language
    except InputError:
        lang = "ko"
    for i, column in enumerate(columns):
        if column.required and column.language in (None, lang):
            value = read(record, column.field)
            if value is None or (isinstance(value, str) and not value.strip()):
                return i
    return None


def years_of(p: Proposal) -> tuple[int, ...]:
    """The years of ``p``'s call (the proposal's own year while its call is unknown)."""
    try:
        return load_profile(p.call).years
    except InputError:
        return (p.date.year,)


# -- choices and new records ---------------------------------------------------------------------

def _orgs(p: Proposal) -> list[tuple[object, str]]:
    lang = current_language()
    return [(o.id, o.display_name(lang)) for o in p.organisations]


def _tasks(p: Proposal) -> list[tuple[object, str]]:
    lang = current_language()
    return [(t.id, t.name.get(lang) or t.id) for t in p.tasks]


def _codes(codes: list[str]) -> Choices:
    return lambda _p: [(code, label(code, current_language())) for code in codes]


def _degrees(_p: Proposal) -> list[tuple[object, str]]:
    """The degrees, after "not given" (a researcher's degree may be left out)."""
    lang = current_language()
    return [("", _("(not given)")), *((d.value, label(d.value, lang)) for d in Degree)]


def _first_org(p: Proposal) -> str:
    lead = p.lead_organisation()
    return lead.id if lead else (p.organisations[0].id if p.organisations else "")


def _new_task(p: Proposal) -> Task:
    years = years_of(p)
    return Task(new_id(), org=_first_org(p), start=f"{min(years)}-01", end=f"{max(years)}-12")


# -- the tables ----------------------------------------------------------------------------------

_NAME, _ORG, _YEAR = N_("name"), N_("organisation"), N_("year")

TABLES: dict[str, RecordColumns] = {t.key: t for t in (
    RecordColumns("organisations", Organisation, "organisations", N_("Organisation {n}"), (
        RecordField("name", _NAME, "label", True, (N_("Organisation"),), N_("Organisation")),
        RecordField("registration_number", N_("business registration number"), "text", False,
                    (N_("Business registration number"),), N_("Registration no.")),
        RecordField("representative", N_("representative"), "text", True,
                    (N_("Representative (Korean)"), N_("Representative (English)")), N_("Representative")),
        RecordField("representative_title", N_("representative's title"), "text", True,
                    (N_("Representative's title (Korean)"), N_("Representative's title (English)")),
                    N_("Head's title")),
        RecordField("address", N_("address"), "name", True, (N_("Address (Korean)"), N_("Address (English)")),
                    N_("Address")),
        RecordField("contact", N_("contact"), "name", True,
                    (N_("Contact person (Korean)"), N_("Contact person (English)"))),
        # edited on the Organisations step
        RecordField("kind", N_("kind")), RecordField("region", N_("region")), RecordField("role", N_("role")),
        RecordField("commissioned_by", N_("commissioned by"), "choice", choices=_orgs),
    )),
    RecordColumns("roadmap", RoadmapStage, "roadmap", N_("Roadmap stage {n}"), (
        RecordField("stage", N_("stage"), "int", heading=N_("Stage")),
        RecordField("start_year", N_("start year"), "year", titles=(N_("From"),)),
        RecordField("end_year", N_("end year"), "year", titles=(N_("To"),)),
        RecordField("goal", N_("goal"), "name", True, (N_("Goal (Korean)"), N_("Goal (English)")), N_("Goal"),
                    required=True),
    )),
    RecordColumns("indicators", Indicator, "indicators", N_("Indicator {n}"), (
        RecordField("name", _NAME, "name", True, (N_("Indicator (Korean)"), N_("Indicator (English)")),
                    N_("Indicator"), required=True),
        RecordField("kind", N_("kind"), "choice", titles=(N_("Quantitative or qualitative"),),
                    choices=_codes([k.value for k in IndicatorKind])),
        RecordField("unit", N_("unit"), "text", True, (N_("Unit (Korean)"), N_("Unit (English)")), N_("Unit")),
        RecordField("baseline", N_("baseline"), "text", True, (N_("Baseline (Korean)"), N_("Baseline (English)")),
                    N_("Baseline")),
        # the packet heads each year's column with the year itself
        RecordField("targets", N_("target"), "text", True, (N_("{year} (Korean)"), N_("{year} (English)")),
                    per_year=True, required=True),
        RecordField("weight", N_("weight"), "int", titles=(N_("Weight (%)"),), heading=N_("Weight (%)")),
        RecordField("method", N_("method"), "name", True,
                    (N_("How it is measured (Korean)"), N_("How it is measured (English)")), N_("How measured")),
    ), lambda _p: Indicator(new_id())),
    RecordColumns("tasks", Task, "tasks", N_("Task {n}"), (
        RecordField("name", _NAME, "name", True, (N_("Task (Korean)"), N_("Task (English)")), required=True),
        RecordField("org", _ORG, "choice", titles=(N_("Organisation in charge"),), choices=_orgs),
        RecordField("start", N_("start month"), "month", titles=(N_("From (YYYY-MM)"),)),
        RecordField("end", N_("end month"), "month", titles=(N_("To (YYYY-MM)"),)),
    ), _new_task),
    RecordColumns("deliverables", Deliverable, "deliverables", N_("Deliverable {n}"), (
        RecordField("task", N_("task"), "choice", titles=(N_("Task"),), heading=N_("Task"), choices=_tasks),
        RecordField("year", _YEAR, "year", titles=(N_("Year"),), heading=N_("Year")),
        RecordField("name", _NAME, "name", True, (N_("Deliverable (Korean)"), N_("Deliverable (English)")),
                    N_("Deliverable"), required=True),
    ), lambda p: Deliverable(new_id(), p.tasks[0].id if p.tasks else "", min(years_of(p)))),
    RecordColumns("researchers", Researcher, "researchers", N_("Researcher {n}"), (
        RecordField("org", _ORG, "choice", titles=(N_("Organisation"),), heading=N_("Organisation"), choices=_orgs),
        RecordField("name", _NAME, "text", True, (N_("Researcher (Korean)"), N_("Researcher (English)")),
                    N_("Name"), required=True),
        RecordField("position", N_("position"), "text", True, (N_("Position (Korean)"), N_("Position (English)")),
                    N_("Position")),
        RecordField("field", N_("field"), "text", True, (N_("Field (Korean)"), N_("Field (English)")),
                    N_("Field")),
        RecordField("degree", N_("degree"), "choice", titles=(N_("Degree"),), heading=N_("Degree"),
                    choices=_degrees),
        RecordField("national_number", N_("national researcher number"), "text",
                    titles=(N_("National researcher number"),), heading=N_("National researcher no."),
                    required=True),  # missing: a warning (a draft may go without it), marked all the same
        RecordField("role", N_("role"), "choice", titles=(N_("Role"),), heading=N_("Role"),
                    choices=_codes([r.value for r in ResearcherRole])),
        RecordField("rates", N_("participation rate"), "int", heading=N_("{year} rate (%)"), per_year=True),
        # its own table below (other_projects)
        RecordField("other_projects"),
    ), lambda p: Researcher(new_id(), _first_org(p), rates={y: 0 for y in years_of(p)})),
    # a researcher's other ongoing projects (for 3책5공 and the 100% limit); not named in messages
    RecordColumns("other_projects", OtherProject, None, None, (
        RecordField("title", kind="name", titles=(N_("Other ongoing national R&D project"),)),
        RecordField("principal", kind="bool", titles=(N_("As principal investigator"),)),
        RecordField("rate", kind="int", titles=(N_("Rate (%)"),)),
        RecordField("counted", kind="bool", titles=(N_("Counted for the three-and-five rule"),)),
    ), lambda _p: OtherProject()),
    RecordColumns("equipment", Equipment, "equipment", N_("Equipment item {n}"), (
        RecordField("org", _ORG, "choice", titles=(N_("Organisation"),), heading=N_("Organisation"), choices=_orgs),
        RecordField("year", _YEAR, "year", titles=(N_("Year"),), heading=N_("Year")),
        RecordField("name", _NAME, "name", True, (N_("Item (Korean)"), N_("Item (English)")), N_("Equipment"),
                    required=True),
        RecordField("purpose", N_("purpose"), "text", True, (N_("Purpose (Korean)"), N_("Purpose (English)")),
                    N_("Purpose")),
        RecordField("quantity", N_("quantity"), "int", titles=(N_("Quantity"),), heading=N_("Quantity"), hi=100_000),
        RecordField("unit_price_krw", N_("unit price"), "money", titles=(N_("Unit price (won)"),)),
        RecordField("shared", kind="bool", titles=(N_("Shared use"),)),
        RecordField("review_note", kind="name", bilingual=True,
                    titles=(N_("Review note (Korean)"), N_("Review note (English)"))),
    ), lambda p: Equipment(new_id(), _first_org(p), min(years_of(p)))),
    # the budget's lines are edited in the Budget step's grid; here for their names and headings
    RecordColumns("budget", BudgetLine, "budget.lines", N_("Budget line {n}"), (
        RecordField("year", _YEAR, "year", heading=N_("Year")),
        RecordField("org", _ORG, "choice", heading=N_("Organisation")),
        RecordField("category", N_("category"), "choice", heading=N_("Category")),
        RecordField("source", N_("source"), "choice"),
        RecordField("amount_krw", N_("amount"), "money"),
        RecordField("no_amount", N_("no amount entered"), "bool"),
        RecordField("region", N_("region"), "choice"),
        RecordField("items", N_("justification row")),
    )),
    # a budget line's justification rows (산출근거), at budget.lines[i].items
    RecordColumns("budget_items", BudgetItem, None, None, (
        # today's messages name this field by its path ("item")
        RecordField("item", None, "name", True, (N_("Item (Korean)"), N_("Item (English)")), N_("Item")),
        RecordField("quantity", N_("quantity"), "int", titles=(N_("Quantity or persons"),), heading=N_("Quantity"),
                    hi=1_000_000),
        RecordField("unit_price_krw", N_("unit price"), "money", titles=(N_("Unit price (won)"),),
                    heading=N_("Unit price")),
        RecordField("months", N_("months"), "int", titles=(N_("Months"),), heading=N_("Months"), lo=1, hi=120),
    ), lambda _p: BudgetItem(new_id())),
)}


def table(key: str) -> RecordColumns:
    """The description of the table ``key`` (``indicators``, ``other_projects``)."""
    return TABLES[key]


def field_name(path: str) -> str | None:
    """The name in messages (an ``N_`` message) of a record's field ``path`` (``unit``), the same
    in every table that has such a field; None for a field named by its path."""
    for t in TABLES.values():
        for f in t.fields:
            if f.path == path and f.name is not None:
                return f.name
    return None


def record_name(where: str) -> str | None:
    """What one record of the list at ``where`` (``budget.lines``) is called with its row: "Budget
    line {n}"; None for a list without a table here."""
    for t in TABLES.values():
        if t.where == where:
            return t.record
    return None
