"""What every part of the packet needs: the proposal, its validation report and budget summary,
the packet's language, unit and styles, and helpers that turn user text into safe paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph

from forms import regions
from forms.budget import BudgetSummary
from forms.i18n import N_, translate
from forms.model import Proposal, Text
from forms.money import EntryUnit, decimals_needed, format_in_unit
from forms.profile import CallProfile
from forms.rules import Report
from forms.statement import BudgetStatement
from reports.doc import Heading
from reports.fonts import Glyphs, escape, markup
from reports.styles import Styles

#: Sub-heading markers of Korean official documents: 가. 나. 다. …
_KO_SUB = "가나다라마바사아자차카타파하"
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
    styles: Styles = field(init=False)
    glyphs: Glyphs = field(default_factory=Glyphs)
    _chapter: int = 0
    _sub: int = 0

    def __post_init__(self) -> None:
        self.styles = Styles(self.lang)
        # Every figure in the tables is a line's amount, a sum of them, or a matching figure (the
        # required local funds and what is over or short): as many decimals as the most exact of
        # them needs in the table unit, on every figure, so the columns line up and stay exact.
        matching = [self.summary.total_matching, *self.summary.year_matching.values()]
        self.decimals = decimals_needed([*(line.amount_krw for line in self.proposal.budget_lines),
                                         *(x for m in matching for x in (m.basis_amount, m.required, m.surplus,
                                                                         m.shortfall))], self.unit)

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
        """An amount in the packet's table unit, without the unit's name."""
        return format_in_unit(won, self.unit, self.lang, self.decimals)

    # -- paragraphs ----------------------------------------------------------------------------
    def para(self, text: str, style=None, where: str = "") -> Paragraph:  # noqa: ANN001
        """A paragraph of user (or translated) text: escaped, with glyph fallback."""
        style = style or self.styles.body
        return Paragraph(markup(text, style.fontName, self.glyphs, where), style)

    def cell(self, text: str, style=None, where: str = "") -> Paragraph:  # noqa: ANN001
        style = style or self.styles.cell
        if style is self.styles.cell_head and self.lang == "ko":
            # Headers wrap between words only; a bracket may open the next line: "기관부담금 / (현금)".
            text = _BEFORE_BRACKET.sub(" (", text)
        return self.para(text, style, where)

    def lines(self, lines: list[str], style=None) -> Paragraph:  # noqa: ANN001
        """A table cell of several short lines (each escaped), broken where given."""
        style = style or self.styles.cell
        return Paragraph("<br/>".join(markup(t, style.fontName, self.glyphs) for t in lines), style)

    def chapter(self, title: str, key: str) -> list:
        """A numbered chapter heading (``3. 사업 목표``), on a new page if less than 45 mm is left."""
        self._chapter += 1
        self._sub = 0
        shown = f"{self._chapter}. {title}"
        return [CondPageBreak(45 * mm),
                Heading(markup(shown, self.styles.h1.fontName, self.glyphs), self.styles.h1, 0, key, shown)]

    def subheading(self, title: str, key: str, keep: float = 40 * mm) -> list:
        """A sub-heading (``가.`` in Korean, ``3.1`` in English), kept with at least ``keep`` below it."""
        self._sub += 1
        if self.lang == "ko":
            marker = _KO_SUB[(self._sub - 1) % len(_KO_SUB)] + "."
        else:
            marker = f"{self._chapter}.{self._sub}"
        shown = f"{marker} {title}"
        return [CondPageBreak(keep),
                Heading(markup(shown, self.styles.h2.fontName, self.glyphs), self.styles.h2, 1, key, shown)]

    def unit_note(self) -> Paragraph:
        return Paragraph(escape(self.tr(N_UNIT, unit=self.unit.label(self.lang))), self.styles.unit)


N_UNIT = N_("(Unit: {unit})")
