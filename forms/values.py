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

__all__ = ["LIMIT", "PLACES", "RATE", "SHARE", "WEIGHT", "CategoryRef", "Count", "DateRef", "Label", "Num", "OrgRef", "Pct",
           "RegionRef", "Won", "YearSpan", "round_percent"]


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


#: The kinds of percentage the app shows, and the decimal places each is shown with, everywhere
#: (the window, the rules' messages, the packet, the workbook): one number of places per kind, so a
#: column or a sentence never mixes 13.3%, 42% and 20.12%.
SHARE = "share"    # a share of money: the local match, a government or cash share, the national cap used
RATE = "rate"      # a researcher's participation rate (whole percent, as the form takes it)
WEIGHT = "weight"  # a performance indicator's weight (whole percent)
LIMIT = "limit"    # a limit or target the call sets (at least 20%, at most 75%), as the call writes it
PLACES = {SHARE: 2, RATE: 0, WEIGHT: 0, LIMIT: 0}

#: A value that fails its limit but, rounded, reads as meeting it says so.
OVER_ROUNDED = N_("{pct} (rounded, in fact more than {limit})")
UNDER_ROUNDED = N_("{pct} (rounded, in fact less than {limit})")
#: A limit with no end to its decimals (a third) is shown to a share's places, and says so.
LIMIT_ROUNDED = N_("{pct} (rounded)")


def _decimal_places(value: Fraction) -> int | None:
    """How many decimals ``value`` has when written out (None: they never end, as a third's)."""
    places, denominator = 0, value.denominator
    for factor in (2, 5):
        count = 0
        while denominator % factor == 0:
            denominator //= factor
            count += 1
        places = max(places, count)
    return places if denominator == 1 else None


@dataclass(frozen=True)
class Pct:
    """A ratio shown as a percentage of its ``kind``, rounded half up (``round_percent``) to the
    kind's places, every one of them shown (``PLACES``): a share 20.909% shows 20.91%, 42% shows
    42.00%; a participation rate or a weight is whole. A limit the call sets is shown as the call
    writes it: whole, or with every decimal it has (33.334% is never shown as 33.33%, nor 20.125%
    as 20.13%); a limit whose decimals never end (a third) shows a share's places and says it is
    rounded.

    A value checked against a limit names it (``limit``, in percent; ``bound`` "max" for at most,
    "min" for at least): when the value fails it but its rounded figure does not show it
    (75.004% against a maximum of 75% shows 75.00%), the figure says it is rounded and more than the
    limit (or less than it), so a shown value never seems to meet a limit it fails.
    """

    value: Fraction | None  # a ratio (0.2 for 20 %), or a percentage when ``percent`` is set
    percent: bool = False
    kind: str = SHARE
    limit: Fraction | None = None
    bound: str = ""  # "max" or "min", with ``limit``

    @classmethod
    def of_limit(cls, percent: Fraction | int) -> Pct:
        """A limit or target of the call, given in percent."""
        return cls(Fraction(percent), percent=True, kind=LIMIT)

    @property
    def exact(self) -> Fraction | None:
        """The percentage, unrounded."""
        if self.value is None:
            return None
        return Fraction(self.value) if self.percent else Fraction(self.value) * 100

    @property
    def places(self) -> int:
        return PLACES[self.kind]

    def figure(self) -> str:
        """The number shown, without the sign: rounded to the kind's places, all of them kept."""
        pct = self.exact
        if pct is None:
            return "–"
        if self.kind == LIMIT and pct.denominator != 1:  # a limit with decimals: as the call writes it
            places = _decimal_places(pct)
            return f"{round_percent(pct, PLACES[SHARE] if places is None else places):f}"
        return f"{round_percent(pct, self.places):f}"

    def _rounded_limit(self) -> bool:
        """A limit whose decimals never end, shown rounded."""
        pct = self.exact
        return self.kind == LIMIT and pct is not None and _decimal_places(pct) is None

    def render(self, lang: str) -> str:
        pct = self.exact
        if pct is None:
            return "–"
        text = f"{self.figure()}%"
        if self._rounded_limit():
            return translate(LIMIT_ROUNDED, lang, pct=text)
        if self.limit is None:
            return text
        limit, seen = Fraction(self.limit), Fraction(round_percent(pct, self.places))
        shown = Fraction(Pct.of_limit(limit).figure())  # the limit as it reads beside the figure
        if self.bound == "max" and pct > limit and seen <= max(limit, shown):
            return translate(OVER_ROUNDED, lang, pct=text, limit=Pct.of_limit(limit))
        if self.bound == "min" and pct < limit and seen >= min(limit, shown):
            return translate(UNDER_ROUNDED, lang, pct=text, limit=Pct.of_limit(limit))
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
