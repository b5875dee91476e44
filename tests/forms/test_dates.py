"""Dates as official documents write them, through Babel."""

import datetime as dt

import pytest

from forms.dates import official_date


@pytest.mark.parametrize(("day", "lang", "text"), [
    (dt.date(2026, 7, 1), "ko", "2026. 7. 1."), (dt.date(2023, 12, 25), "ko", "2023. 12. 25."),
    (dt.date(2026, 7, 1), "en", "July 1, 2026"), (dt.date(2026, 7, 1), "ko_KR.UTF-8", "2026. 7. 1."),
    (dt.date(2026, 7, 1), "qps", "July 1, 2026"),
])
def test_official_date(day, lang, text):
    assert official_date(day, lang) == text
