"""Dates as official documents write them, through Babel's CLDR formats: ``2026. 7. 1.`` in Korean
(the medium form, which is the one the Regulation on Administrative Work prescribes), the long form
in English (``July 1, 2026``)."""

from __future__ import annotations

import datetime as dt

from forms.i18n import babel_locale, normalise

#: Which of Babel's date formats each language's documents use; any other takes the long form.
_FORMATS = {"ko": "medium"}


def official_date(day: dt.date, lang: str) -> str:
    from babel.dates import format_date  # Babel loads when a date is first shown, not at start

    return format_date(day, format=_FORMATS.get(normalise(lang), "long"), locale=babel_locale(lang))
