"""What every part of the packet needs: the proposal, its validation report and budget summary,
the packet's language and unit, and helpers that make the blocks of its description
(``reports.content``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from forms import regions
from forms.base.i18n import N_, translate
from forms.budget import BudgetSummary
from forms.model import Proposal, Text
from forms.money import EntryUnit, decimals_needed, format_in_unit
from forms.profile import CallProfile
from forms.rules import Report
from forms.statement import BudgetStatement
from reports import content
from reports.glyphs import Glyphs

#: Where a bracket follows a word in a Korean table header (a place to break the line).
_BEFORE_BRACKET = re.compile(r"(?<=[^\s(])\(")


@dataclass
class Packet:
    proposal: Proposal
    report: Report
    profile: CallProfile
    summary: BudgetSummary
    lang: str
    unit: EntryUnit
    draft: bool
    fingerprint: str
    glyphs: Glyphs = field(default_factory=Glyphs)
    _chapter: int = 0
    _sub: int = 0

    def __post_init__(self) -> None:
        # Thousand-won tables are exact: every figure has as many decimals as the most exact of
        # them needs, so the columns line up. Million-won tables are rounded to whole millions
        # (half up), as tables in that unit are read, and their unit label says so.
        matching = [self.summary.total_matching, *self.summary.year_matching.values()]
        self.rounded = self.unit is EntryUnit.MILLION
        self.decimals = 0 if self.rounded else decimals_needed(
            [*(line.amount_krw for line in self.proposal.budget.lines),
             *(x for m in matching for x in (m.basis_amount, m.required, m.surplus, m.shortfall))], self.unit)

    @property
    def statement(self) -> BudgetStatement:
        """What the budget chapter states: read from it, never recomputed here."""
        return self.report.statement

    # -- words ---------------------------------------------------------------------------------
    def tr(self, message: str, **fields: object) -> str:
        """``message`` (an English source string marked with ``N_``) in the packet's language."""
        return translate(message, self.lang, **fields)

    def text(self, value: Text) -> str:
        return value.get(self.lang)

    def region(self, code: str) -> str:
        return regions.name(code, self.proposal.date, self.lang)

    def amount(self, won: int) -> str:
        """An amount in the packet's table unit, without the unit's name; a negative one with △."""
        if won < 0:
            return "△" + self.amount(-won)
        if self.rounded:
            won = (won + self.unit.value // 2) // self.unit.value * self.unit.value
        return format_in_unit(won, self.unit, self.lang, self.decimals)

    # -- blocks of the description ----------------------------------------------------------
    def para(self, text: str, role: str = "body", where: str = "") -> content.Para:
        return content.Para(text, role, where)  # type: ignore[arg-type]

    def cell(self, text: str, role: str = "text", where: str = "", colspan: int = 1,
             rowspan: int = 1) -> content.Cell:
        if role == "head" and self.lang == "ko":
            # Headers wrap between words; a bracket may open the next line: "기관부담금 / (현금)".
            text = _BEFORE_BRACKET.sub(" (", text)
        return content.Cell(text, role, colspan, rowspan, where)  # type: ignore[arg-type]

    def heads(self, *messages: str) -> list[content.Cell | None]:
        """A header row of translated ``N_`` messages."""
        return [self.cell(self.tr(m), "head") for m in messages]

    def chapter(self, title: str, key: str, new_page: bool = False) -> content.Heading:
        """A numbered chapter heading (``3. 사업 목표``)."""
        self._chapter += 1
        self._sub = 0
        return content.Heading(title, 0, key, f"{self._chapter}.", new_page)

    def form_chapter(self, number: str, title: str, key: str) -> content.Heading:
        """A chapter of the call's form, numbered as the form numbers it (``02``)."""
        self._chapter = int(number) if number.isdigit() else self._chapter + 1
        self._sub = 0
        return content.Heading(title, 0, key, number)

    def subheading(self, title: str, key: str) -> content.Heading:
        """A sub-heading numbered in its chapter as the standard form does (``2-1``)."""
        self._sub += 1
        return content.Heading(title, 1, key, f"{self._chapter}-{self._sub}")

    def unit_label(self) -> str:
        if self.rounded:
            return self.tr(N_("(Unit: {unit}, rounded to whole millions)"), unit=self.unit.label(self.lang))
        return self.tr(N_("(Unit: {unit})"), unit=self.unit.label(self.lang))
