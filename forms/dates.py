"""Dates as official documents write them: ``2026. 7. 1.`` in Korean, Babel's long form in English."""

from __future__ import annotations

import datetime as dt

from forms.i18n import babel_locale


def official_date(day: dt.date, lang: str) -> str:
    if lang == "ko":
        return f"{day.year}. {day.month}. {day.day}."
    from babel.dates import format_date  # Babel loads when a date is first shown, not at start

    return format_date(day, format="long", locale=babel_locale(lang))
