"""Typed values of a message: each one is written as the message's language writes it.

A rule's finding, an input error and a budget statement name their amounts, percentages, regions
and organisations with these, never with preformatted text, so the same finding reads correctly
in Korean and in English. ``forms.base.i18n.translate`` renders them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction

from forms import categories, regions
from forms.base.i18n import NP_, translate_plural
from forms.dates import official_date
from forms.model import Organisation, label
from forms.money import Won, format_number

__all__ = ["CategoryRef", "Count", "DateRef", "Label", "Num", "OrgRef", "Pct", "RegionRef", "Won"]


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


#: The nouns counted most often.
ERRORS = NP_("{count} error", "{count} errors")
WARNINGS = NP_("{count} warning", "{count} warnings")


@dataclass(frozen=True)
class Pct:
    """A ratio shown as a percentage with two decimals at most (``places``).

    ``toward`` says which way the last digit goes, so that a value never seems to meet a limit it
    fails: ``"down"`` for values held to a minimum (19.999% shows 19.99%), ``"up"`` for values
    held to a maximum (75.0001% shows 75.01%), ``"nearest"`` (half up) for a share held to no
    limit. ``fixed`` keeps every decimal (tables: 21.00%).
    """

    value: Fraction | None  # a ratio (0.2 for 20 %), or a percentage when ``percent`` is set
    percent: bool = False
    toward: str = "down"
    fixed: bool = False
    places: int = 2

    def render(self, lang: str) -> str:
        if self.value is None:
            return "–"
        pct = self.value if self.percent else self.value * 100
        mode = {"down": ROUND_FLOOR, "up": ROUND_CEILING}.get(self.toward, ROUND_HALF_UP)
        dec = (Decimal(pct.numerator) / Decimal(pct.denominator)).quantize(Decimal(1).scaleb(-self.places), mode)
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
