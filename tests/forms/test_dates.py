"""Dates as official documents write them, through Babel; and dates as people type them back."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forms.base.errors import InputError
from forms.dates import field_date, month_label, official_date, parse_date


@pytest.mark.parametrize(("day", "lang", "text"), [
    (dt.date(2026, 7, 1), "ko", "2026. 7. 1."), (dt.date(2023, 12, 25), "ko", "2023. 12. 25."),
    (dt.date(2026, 7, 1), "en", "1 July 2026"), (dt.date(2026, 7, 1), "ko_KR.UTF-8", "2026. 7. 1."),
    (dt.date(2026, 7, 1), "qps", "1 July 2026"), (dt.date(2023, 3, 15), "en", "15 March 2023"),
])
def test_official_date(day, lang, text):
    """A document writes a date one way, as the window's date field shows it."""
    assert official_date(day, lang) == text == field_date(day, lang)


@pytest.mark.parametrize(("year", "month", "lang", "text"), [
    (2023, 4, "ko", "2023.4"), (2025, 10, "ko", "2025.10"), (2023, 4, "en", "Apr 2023"), (2025, 10, "en", "Oct 2025"),
])
def test_a_schedules_month_in_each_language(year, month, lang, text):
    assert month_label(year, month, lang) == text


@pytest.mark.parametrize(("day", "lang", "text"), [
    (dt.date(2026, 7, 1), "ko", "2026. 7. 1."), (dt.date(2023, 3, 2), "en", "2 March 2023"),
    (dt.date(2023, 3, 2), "qps", "2 March 2023"),
])
def test_field_date(day, lang, text):
    assert field_date(day, lang) == text


DAYS = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))


@given(DAYS, st.sampled_from(["ko", "en"]))
def test_every_date_the_documents_print_reads_back_as_itself(day, lang):
    assert parse_date(official_date(day, lang)) == day


@given(DAYS, st.sampled_from(["ko", "en"]))
def test_every_date_the_window_shows_reads_back_as_itself(day, lang):
    assert parse_date(field_date(day, lang)) == day


@given(DAYS)
def test_the_usual_forms_read_as_the_day_they_name(day):
    y, m, d = day.year, day.month, day.day
    for text in (day.isoformat(), f"{y}.{m}.{d}", f"{y}{m:02d}{d:02d}", f"{y}. {m}. {d}.", f"{y}/{m}/{d}",
                 f"{y}년 {m}월 {d}일", f" {y}. {m:02d}. {d:02d}. "):
        assert parse_date(text) == day, text


@pytest.mark.parametrize(("text", "day"), [
    ("2023. 3. 15.", dt.date(2023, 3, 15)), ("2023. 2. 20.", dt.date(2023, 2, 20)),
    ("2023. 3. 2.", dt.date(2023, 3, 2)), ("2023-03-15", dt.date(2023, 3, 15)), ("2023.3.15", dt.date(2023, 3, 15)),
    ("20230315", dt.date(2023, 3, 15)), ("March 15, 2023", dt.date(2023, 3, 15)), ("15 Mar 2023", dt.date(2023, 3, 15)),
])
def test_dates_as_people_type_them(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize(("text", "ko"), [
    ("3/2/2023", "읽을 수 있는 날짜"),  # which of day and month comes first is a guess: refused
    ("2023.3-2", "읽을 수 있는 날짜"), ("2023. 3.", "읽을 수 있는 날짜"), ("23. 3. 2.", "읽을 수 있는 날짜"),
    ("2023-02-30", "28일"), ("2023. 13. 1.", "13월"), ("Smarch 2, 2023", "읽을 수 있는 날짜"), ("", "날짜를"),
    ("2023. 3. 2. 2023. 3. 2.", "읽을 수 있는 날짜"), ("2023" * 30, "읽을 수 있는 날짜"),
])
def test_anything_else_is_refused_in_words_in_both_languages(text, ko):
    with pytest.raises(InputError) as caught:
        parse_date(text)
    assert ko in caught.value.text("ko")
    assert caught.value.text("en") and caught.value.text("en") != caught.value.text("ko")


def test_a_moment_is_written_with_the_date_as_every_date_is():
    import datetime as dt

    from forms.dates import moment

    when = dt.datetime(2026, 12, 7, 1, 25, 17)
    assert moment(when, "ko") == "2026. 12. 7. 01:25"
    assert moment(when, "en") == "7 December 2026, 01:25"
    assert moment(when, "en", seconds=True) == "7 December 2026, 01:25:17"
