"""Typed values of a message: each one is written as the message's language writes it.

A rule's finding, an input error and a budget statement name their amounts, percentages, regions
and organisations with these, never with preformatted text, so the same finding reads correctly
in Korean and in English. ``forms.base.i18n.translate`` renders them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from forms import categories, regions
from forms.base.i18n import N_, NP_, translate, translate_plural
from forms.dates import official_date
from forms.model import Organisation, label
from forms.money import Won, format_number

__all__ = ["CategoryRef", "Count", "DateRef", "Label", "Num", "OrgRef", "Pct", "RegionRef", "Won", "YearSpan", "round_percent"]


@dataclass(frozen=True)
class Num:
    """A count (characters, regions, …) with its digits grouped as the language groups them."""

    value: int

    def render(self, lang: str) -> str:
        return format_number(self.value, lang)


@dataclass(frozen=True)
class Count:
    """A number of things with its noun, in the singular or plural form the language needs:
    ``Count(3, NP_("{count} error", "{count} errors"))`` reads "3 errors", "1 error", "오류 3건"."""

    n: int
    forms: tuple[str, str]

    def render(self, lang: str) -> str:
        return translate_plural(*self.forms, self.n, lang, count=Num(self.n))


@dataclass(frozen=True)
class YearSpan:
    """A span of years as each language writes it: "2023~2025" in Korean, "2023–2025" (an en dash)
    in English; one year alone when the span has one. Every period the app prints is written so."""

    first: int
    last: int

    def render(self, lang: str) -> str:
        if self.first == self.last:
            return str(self.first)
        return f"{self.first}~{self.last}" if lang == "ko" else f"{self.first}\u2013{self.last}"


#: The nouns counted most often.
ERRORS = NP_("{count} error", "{count} errors")
WARNINGS = NP_("{count} warning", "{count} warnings")


def round_percent(value: Fraction, places: int = 2) -> Decimal:
    """``value`` (a percentage) rounded half up to ``places`` decimals, exactly: every percentage
    the app shows, in every language and format, is rounded by this one function."""
    scaled = abs(value) * 10**places
    whole = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)  # floor(scaled + 1/2)
    return Decimal(-whole if value < 0 else whole).scaleb(-places)


#: A value that fails its limit but, rounded, reads as meeting it says so.
OVER_ROUNDED = N_("{pct} (rounded, in fact more than {limit})")
UNDER_ROUNDED = N_("{pct} (rounded, in fact less than {limit})")


@dataclass(frozen=True)
class Pct:
    """A ratio shown as a percentage, rounded half up to two decimals (``places``;
    ``round_percent``): 20.909% shows 20.91%, 39.9993% shows 40%. ``fixed`` keeps every decimal
    (tables: 21.00%).

    A value checked against a limit names it (``limit``, in percent; ``bound`` "max" for at most,
    "min" for at least): when the value fails it but its rounded figure does not show it
    (75.004% against a maximum of 75% shows 75%), the figure says it is rounded and more than the
    limit (or less than it), so a shown value never seems to meet a limit it fails.
    """

    value: Fraction | None  # a ratio (0.2 for 20 %), or a percentage when ``percent`` is set
    percent: bool = False
    fixed: bool = False
    places: int = 2
    limit: Fraction | None = None
    bound: str = ""  # "max" or "min", with ``limit``

    @property
    def exact(self) -> Fraction | None:
        """The percentage, unrounded."""
        if self.value is None:
            return None
        return Fraction(self.value) if self.percent else Fraction(self.value) * 100

    def render(self, lang: str) -> str:
        pct = self.exact
        if pct is None:
            return "–"
        shown = round_percent(pct, self.places)
        text = f"{shown:f}"
        if not self.fixed and "." in text:
            text = text.rstrip("0").rstrip(".")
        text = f"{text}%"
        if self.limit is None:
            return text
        limit, seen = Fraction(self.limit), Fraction(shown)
        if self.bound == "max" and pct > limit and seen <= limit:
            return translate(OVER_ROUNDED, lang, pct=text, limit=Pct(limit, percent=True))
        if self.bound == "min" and pct < limit and seen >= limit:
            return translate(UNDER_ROUNDED, lang, pct=text, limit=Pct(limit, percent=True))
        return text


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
class Named:
    """Something named in both languages by the proposal or its call (a section of the form, a
    researcher, an indicator, a task): shown in the reader's language, else in the other."""

    ko: str
    en: str

    def render(self, lang: str) -> str:
        return (self.ko if lang == "ko" else self.en) or self.ko or self.en


@dataclass(frozen=True)
class CategoryRef:
    code: str

    def render(self, lang: str) -> str:
        return categories.name(self.code, lang)


@dataclass(frozen=True)
class OrgRef:
    """An organisation as a message names it: its name in the message's language, else its other
    name, else its id."""

    name_ko: str
    name_en: str

    @classmethod
    def of(cls, org: Organisation) -> OrgRef:
        return cls(org.name.ko or org.id, org.name.en or org.name.ko or org.id)

    def render(self, lang: str) -> str:
        return (self.name_ko if lang == "ko" else self.name_en) or self.name_ko or self.name_en
