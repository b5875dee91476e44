"""Dates as official documents write them, through Babel's CLDR formats: ``2026. 7. 1.`` in Korean
(the medium form, which is the one the Regulation on Administrative Work prescribes), day month year
in English (``1 July 2026``), one form in the window's date field and in every document; and dates
as people type them back.

:func:`parse_date` reads every form the app shows a date in — the documents' (:func:`official_date`)
and the window's (:func:`field_date`: ``2026. 7. 1.``, ``1 July 2026``) — and the usual ones
(``2026-07-01``, ``2026.7.1``, ``2026/7/1``, ``20260701``, ``2026년 7월 1일``, ``Jul 1, 2026``). Any
other text is refused in words: a date is never guessed, so what is printed is what was meant."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from forms.base.errors import InputError
from forms.base.i18n import N_, babel_locale, normalise

#: The one pattern a date is written in, in the window's date field and in every document: Korean's
#: medium form, day month year in English (and in any other language, with its month names).
_PATTERNS = {"ko": "y. M. d.", "en": "d MMMM y"}
#: A month of a schedule: ``2023.4`` in Korean, ``Apr 2023`` in English.
_MONTH_PATTERNS = {"en": "MMM y"}

#: English month names, full and short (not the system's: ``calendar.month_name`` follows the locale).
_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTHS = {**{name: i for i, name in enumerate(_NAMES, 1)}, **{name[:3]: i for i, name in enumerate(_NAMES, 1)},
           "sept": 9}
_MONTH = "(?P<month_name>[a-z]+)\\.?"
_YEAR = r"(?P<year>\d{4})"
_NUMERIC = [
    # 2026. 7. 1. / 2026.7.1 / 2026-07-01 / 2026/7/1 (one separator throughout, year first)
    re.compile(r"(?P<year>\d{4})\s*(?P<sep>[.\-/])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*(?P<day>\d{1,2})\s*\.?"),
    re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"),  # 20260701
    re.compile(r"(?P<year>\d{4})\s*년\s*(?P<month>\d{1,2})\s*월\s*(?P<day>\d{1,2})\s*일"),  # 2026년 7월 1일
]
_NAMED = [
    re.compile(r"(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+" + _YEAR),  # 1 July 2026
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:\s*,\s*|\s+)" + _YEAR),  # July 1, 2026
]
#: No text longer than this is read as a date (the longest form, "September 30, 2026", is 18).
_LONGEST = 40


def official_date(day: dt.date, lang: str) -> str:
    """The date as a document writes it: ``2026. 7. 1.`` in Korean, ``1 July 2026`` otherwise, as
    the window's date field shows it."""
    return field_date(day, lang)


def field_date(day: dt.date, lang: str) -> str:
    """The date as the window's date field shows it: ``2026. 7. 1.`` in Korean, ``1 July 2026``
    otherwise (English month names whatever the system's language)."""
    from babel.dates import format_date  # Babel loads when a date is first shown, not at start

    return format_date(day, format=_PATTERNS["ko" if normalise(lang) == "ko" else "en"], locale=babel_locale(lang))


def month_label(year: int, month: int, lang: str) -> str:
    """A month as a schedule names it: ``2023.4`` in Korean, ``Apr 2023`` in English."""
    if normalise(lang) == "ko":
        return f"{year}.{month}"
    from babel.dates import format_date

    return format_date(dt.date(year, month, 1), format=_MONTH_PATTERNS["en"], locale=babel_locale(lang))


def moment(when: dt.datetime, lang: str, seconds: bool = False) -> str:
    """A moment as the window names it — a snapshot, a merge, a deletion: the date as every date is
    written, then the local time to the minute (``2026. 12. 7. 01:25``, ``7 December 2026, 01:25``),
    or to the second where two could fall in one minute (a snapshot's name must be its own)."""
    local = when.astimezone() if when.tzinfo is not None else when
    day = official_date(local.date(), lang)
    time = f"{local:%H:%M:%S}" if seconds else f"{local:%H:%M}"
    return f"{day} {time}" if normalise(lang) == "ko" else f"{day}, {time}"


def parse_date(text: str) -> dt.date:
    """The date ``text`` names, in any form :func:`official_date` or :func:`field_date` writes in
    either language, or a usual one (see the module). Raises :class:`InputError` naming the forms
    it reads, or the part of the date that does not exist."""
    value = " ".join(text.split())
    if not value:
        raise InputError(N_("Write the date, for example 2026. 7. 1. or 2026-07-01."))
    if len(value) <= _LONGEST:
        for pattern in _NUMERIC + _NAMED:
            found = pattern.fullmatch(value.lower())
            if found is None:
                continue
            parts = found.groupdict()
            if parts.get("month_name") is not None:
                month = _MONTHS.get(parts["month_name"])
                if month is None:
                    break
            else:
                month = int(parts["month"])
            return _day(value, int(parts["year"]), month, int(parts["day"]))
    raise InputError(N_("'{value}' is not a date this field reads: write it as 2026. 7. 1., 2026-07-01, 20260701 "
                        "or 1 July 2026."), value=value)


def _day(value: str, year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise InputError(N_("'{value}' does not exist: a year has no month {month}."), value=value, month=month)
    days = calendar.monthrange(year, month)[1] if year else 31
    if not 1 <= day <= days or not year:
        raise InputError(N_("'{value}' does not exist: that month has {days} days."), value=value, days=days)
    return dt.date(year, month, day)
