"""What a call profile holds: the values a call's rules use, each with where it came from
(:class:`Sourced`), and the call's form (its chapters and sections). Plain data: reading a profile
from its TOML file is ``forms.profile.reader``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from forms.attached import MAX_TOTAL_BYTES
from forms.base.i18n import N_, translate
from forms.model import Text

#: Said of a value no source states, to the official reading it: in words, without the profile's
#: file or keys (the profile's own comments tell its maintainer where to change it).
INFERRED = N_("No source states this value: it is the app's assumption. Where the call's guidelines say "
              "otherwise, they prevail: ask whoever looks after the app to bring it in line.")


@dataclass(frozen=True)
class Sourced:
    """A profile value with the note saying where it came from (in English, and in Korean)."""

    source: str
    inferred: bool = False
    note: str = ""
    source_ko: str = ""
    note_ko: str = ""

    def source_text(self, lang: str) -> str:
        return (self.source_ko or self.source) if lang == "ko" else self.source

    def note_text(self, lang: str) -> str:
        return (self.note_ko or self.note) if lang == "ko" else self.note

    def explained(self, lang: str) -> str:
        """The source in ``lang``, its note, and for an inferred value a plain word that it is the
        app's assumption, which the call's guidelines overrule."""
        parts = [self.source_text(lang), self.note_text(lang)]
        if self.inferred:
            parts.append(translate(INFERRED, lang))
        parts = [p.strip() for p in parts if p.strip()]
        return " ".join(p if p.endswith((".", "。", ")")) or p is parts[-1] else p + "." for p in parts)


@dataclass(frozen=True)
class TypeRule(Sourced):
    min_regions: int = 1
    max_regions: int = 0  # 0: no upper limit


@dataclass(frozen=True)
class ShareRule(Sourced):
    gov_max: Fraction = Fraction(100)
    own_min: Fraction = Fraction(0)
    own_cash_min: Fraction = Fraction(0)


@dataclass(frozen=True)
class SectionRule(Sourced):
    min_chars: int = 0
    max_chars: int = 0


@dataclass(frozen=True)
class Period(Sourced):
    """From ``opens`` to ``closes``, both days included (the call's submission period)."""

    opens: dt.date = dt.date.min
    closes: dt.date = dt.date.max

    def contains(self, day: dt.date) -> bool:
        return self.opens <= day <= self.closes


@dataclass(frozen=True)
class Percent(Sourced):
    percent: Fraction = Fraction(0)


@dataclass(frozen=True)
class FormSection(SectionRule):
    """One section of the call's form: its key in the exchange file's ``plan``, its title, the
    guidance shown to the writer, and its length limits (with their source)."""

    key: str = ""
    title: Text = field(default_factory=Text)
    guidance: Text = field(default_factory=Text)


#: The tables the budget chapter prints from the budget lines (the record table ``budget``): the
#: support and share plan by organisation, by category, by year and source, the matching funds,
#: by organisation, and the chart of the years, in the order a form without items shows them.
BUDGET_TABLES: tuple[str, ...] = ("budget.support_share", "budget.category", "budget.year_source",
                                  "budget.matching", "budget.org", "budget.chart")


def printed_tables(record: str) -> tuple[str, ...]:
    """The tables the packet prints for a record table: the budget lines as the budget's tables,
    every other record table as itself."""
    return BUDGET_TABLES if record == "budget" else (record,)


@dataclass(frozen=True)
class FormItem:
    """A numbered item of a chapter, as the form numbers and titles it (``7-2 연구시설·장비``):
    the sections whose text it holds and the tables it prints, in order. The number is given by
    the item's place in its chapter; every heading, the contents and every reference to a table
    take it from here."""

    number: str
    title: Text
    sections: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    #: The item is one section under that section's own title (no heading of its own over it).
    section_titled: bool = False


@dataclass(frozen=True)
class Chapter:
    """A chapter of the form: its number as printed ("02"), title, sections and record tables."""

    number: str
    title: Text
    sections: tuple[FormSection, ...]
    #: The structured tables this chapter holds (``indicators``, ``researchers``, …; see
    #: ``forms.model.RECORD_TABLES``), in the order the chapter shows them.
    records: tuple[str, ...] = ()
    #: The numbered items as printed (``[[form.chapters.items]]``; without them, one per section).
    items: tuple[FormItem, ...] = ()

    @property
    def preamble(self) -> tuple[FormSection, ...]:
        """The sections in no item: printed under the chapter's title, before its first item."""
        placed = {key for item in self.items for key in item.sections}
        return tuple(s for s in self.sections if s.key not in placed)

    def section(self, key: str) -> FormSection | None:
        return next((s for s in self.sections if s.key == key), None)


@dataclass(frozen=True)
class Form(Sourced):
    """The document the call asks for: its name and its chapters in order."""

    name: Text = field(default_factory=Text)
    chapters: tuple[Chapter, ...] = ()

    def section_keys(self) -> list[str]:
        return [s.key for c in self.chapters for s in c.sections]

    def section(self, key: str) -> FormSection | None:
        for chapter in self.chapters:
            for section in chapter.sections:
                if section.key == key:
                    return section
        return None

    def chapter_of_record(self, table: str) -> Chapter | None:
        for chapter in self.chapters:
            if table in chapter.records:
                return chapter
        return None

    def holds(self, table: str) -> bool:
        return self.chapter_of_record(table) is not None

    def item_of_table(self, table: str) -> FormItem | None:
        """The numbered item that prints ``table`` (``equipment``, ``budget.support_share``)."""
        return next((i for c in self.chapters for i in c.items if table in i.tables), None)

    def items(self) -> list[FormItem]:
        return [i for c in self.chapters for i in c.items]


@dataclass(frozen=True)
class Participation(Sourced):
    """Limits on a researcher's national R&D projects (3책5공) and participation rates."""

    max_projects: int = 5
    max_pi_projects: int = 3
    max_rate: Fraction = Fraction(100)  # as written (33.3 is 333/10), never a binary float


@dataclass(frozen=True)
class Amount(Sourced):
    amount_krw: int = 0


#: The attachments generated from the data, by profile key: what each is made for.
COMMITMENTS = ("local_funds", "participation", "cost_share")
#: The fields a commitment's wording may name: ``{project}`` (the proposal's title), ``{call}``,
#: ``{ministry}``, ``{agency}`` and ``{name}`` (the region or organisation that commits).
COMMITMENT_FIELDS = frozenset({"project", "call", "ministry", "agency", "name"})


@dataclass(frozen=True)
class Commitment(Sourced):
    """The wording of one generated attachment (지방비 부담 확약서, …): its title, the sentence
    that commits, and the closing pledge, in both languages."""

    title: Text = field(default_factory=Text)
    body: Text = field(default_factory=Text)
    pledge: Text = field(default_factory=Text)


@dataclass(frozen=True)
class Size(Sourced):
    """The limits of attached documents in bytes, with their source: each one's, and all of a
    proposal's together (what an exchange file can carry and still be read, :mod:`forms.attached`)."""

    max_bytes: int = 0
    max_total_bytes: int = MAX_TOTAL_BYTES


#: The limit of an attached scan when a profile states none.
DEFAULT_SCAN_LIMIT = Size(source="The app's own limit (no call text states one)", inferred=True,
                          source_ko="앱의 자체 한도(공고문에 명시된 한도 없음)", max_bytes=10 * 1024 * 1024)


@dataclass
class CallProfile:
    id: str
    version: str
    name: Text
    ministry: Text
    agency: Text
    announced: dt.date
    source: str
    submission_language: str
    years: tuple[int, ...]
    years_source: Sourced
    national_cap: int
    national_cap_source: Sourced
    local_min: Fraction
    local_basis: str
    local_source: Sourced
    types: dict[str, TypeRule]
    eligible: tuple[str, ...]
    eligible_source: Sourced
    allowed_categories: tuple[str, ...]
    categories_source: Sourced
    shares: dict[str, ShareRule]
    caps: dict[str, Percent]
    policy: dict[str, Percent]
    roadmap_max_years: int
    roadmap_stage_years: tuple[int, ...]
    roadmap_source: Sourced
    form: Form
    participation: Participation
    pi_min_rate: Percent
    equipment_review: Amount
    #: The largest document an official may attach (a scan: PDF, PNG or JPEG).
    scan_limit: Size = DEFAULT_SCAN_LIMIT
    severity: dict[str, str] = field(default_factory=dict)
    path: str = ""
    source_ko: str = ""
    #: when proposals are received (optional: a profile without it checks no date)
    submission: Period | None = None
    #: The generated attachments' wording by ``COMMITMENTS`` key; a call without one has none.
    commitments: dict[str, Commitment] = field(default_factory=dict)

    @property
    def sections(self) -> dict[str, FormSection]:
        """Every section of the form by key, in the form's order."""
        return {s.key: s for c in self.form.chapters for s in c.sections}

    def clause(self, key: str) -> Sourced | None:
        """The source note behind a rule's clause key (``local_match``, ``shares.sme``, …)."""
        head, _, tail = key.partition(".")
        simple = {
            "years": self.years_source,
            "national_cap": self.national_cap_source,
            "local_match": self.local_source,
            "eligibility": self.eligible_source,
            "categories": self.categories_source,
            "roadmap": self.roadmap_source,
            "submission": self.submission,
            "form": self.form,
            "participation": self.participation,
            "pi_min_rate": self.pi_min_rate,
            "equipment_review": self.equipment_review,
        }
        if head in simple:
            return simple[head]
        tables: dict[str, Mapping[str, Sourced]] = {"types": self.types, "shares": self.shares, "caps": self.caps,
                                                     "policy": self.policy, "sections": self.sections}
        table = tables.get(head)
        if table is not None:
            if tail:
                return table.get(tail)
            if not table:
                return None
            items = table.values()
            return Sourced(
                "; ".join(dict.fromkeys(item.source for item in items)),
                any(item.inferred for item in items),
                source_ko="; ".join(dict.fromkeys(item.source_text("ko") for item in items)),
            )
        if head == "call":
            return Sourced(self.source, source_ko=self.source_ko)
        return None
