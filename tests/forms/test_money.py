import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forms.base.errors import InputError
from forms.money import (
    MAX_AMOUNT,
    NBSP,
    EntryUnit,
    english_form,
    english_words,
    format_in_unit,
    format_won,
    hangul_numeral,
    keep_amounts_together,
    official_form,
    parse_amount,
    written_form,
)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("5,500,000,000", EntryUnit.WON, 5_500_000_000),
        ("5500000000원", EntryUnit.WON, 5_500_000_000),
        ("5500000000원", EntryUnit.THOUSAND, 5_500_000_000),  # explicit 원 overrides the entry unit
        ("55억", EntryUnit.WON, 5_500_000_000),
        ("55억원", EntryUnit.MILLION, 5_500_000_000),
        ("5억 5천만", EntryUnit.WON, 550_000_000),
        ("3,000천원", EntryUnit.WON, 3_000_000),
        ("3,000", EntryUnit.THOUSAND, 3_000_000),
        ("3,000", EntryUnit.MILLION, 3_000_000_000),
        ("１２３,４５６", EntryUnit.WON, 123_456),  # full-width digits and comma
        ("  1 234 ", EntryUnit.WON, 1234),
        ("1억 2,345만 6,789원", EntryUnit.WON, 123_456_789),
        ("5.5억", EntryUnit.WON, 550_000_000),
        ("1.5", EntryUnit.THOUSAND, 1_500),
        ("천만원", EntryUnit.WON, 10_000_000),
        ("금113,560원", EntryUnit.WON, 113_560),
        ("₩1,000", EntryUnit.WON, 1000),
        ("0", EntryUnit.WON, 0),
        ("1000000000000000", EntryUnit.WON, MAX_AMOUNT),
    ],
)
def test_parse_amounts_as_officials_type_them(text, unit, expected):
    assert parse_amount(text, unit) == expected


@pytest.mark.parametrize(
    ("text", "unit", "needle"),
    [
        ("-5", EntryUnit.WON, "negative"),
        ("−1,000", EntryUnit.WON, "negative"),
        ("1.5원", EntryUnit.WON, "whole number"),
        ("0.0005", EntryUnit.THOUSAND, "whole number"),
        ("1000000000000001", EntryUnit.WON, "cannot exceed"),
        ("1,000,000,001", EntryUnit.MILLION, "cannot exceed"),
        ("", EntryUnit.WON, "Enter an amount"),
        ("   ", EntryUnit.WON, "Enter an amount"),
        ("abc", EntryUnit.WON, "not an amount"),
        ("1,00", EntryUnit.WON, "not an amount"),
        ("1.2.3", EntryUnit.WON, "not an amount"),
        ("55억억", EntryUnit.WON, "not an amount"),
        ("5억만", EntryUnit.WON, "not an amount"),
        ("1e9", EntryUnit.WON, "not an amount"),
        ("9" * 100, EntryUnit.WON, "too long"),
        ("12억3", EntryUnit.THOUSAND, "is unclear"),  # 12억 3천만, or 3 won more?
        ("12억 3천", EntryUnit.THOUSAND, "is unclear"),
        ("1조 5", EntryUnit.WON, "is unclear"),
    ],
)
def test_bad_amounts_get_a_clear_message(text, unit, needle):
    with pytest.raises(InputError) as info:
        parse_amount(text, unit)
    assert needle in info.value.text("en")
    ko = info.value.text("ko")  # the message exists in Korean too, not the English again
    assert ko != info.value.text("en") and re.search("[\uac00-\ud7a3]", ko), ko


def test_messages_are_translated():
    with pytest.raises(InputError) as info:
        parse_amount("-1")
    assert info.value.text("ko") != info.value.text("en")
    assert any("가" <= ch <= "힣" for ch in info.value.text("ko"))


@given(st.text(max_size=40))
def test_parser_raises_nothing_but_input_error(text):
    for unit in EntryUnit:
        try:
            value = parse_amount(text, unit)
        except InputError:
            continue
        assert isinstance(value, int) and 0 <= value <= MAX_AMOUNT


@given(st.integers(min_value=0, max_value=MAX_AMOUNT))
def test_formatted_amounts_read_back(amount):
    assert parse_amount(f"{amount:,}") == amount
    assert parse_amount(format_won(amount, "ko")) == amount
    assert parse_amount(format_won(amount, "en")) == amount


@given(st.integers(min_value=0, max_value=10**12).map(lambda n: n * 1000))
def test_thousand_unit_round_trip(amount):
    assert parse_amount(format_in_unit(amount, EntryUnit.THOUSAND, "ko"), EntryUnit.THOUSAND) == amount


def test_official_forms_and_hangul_numerals():
    assert official_form(113_560) == "금113,560원(금일십일만삼천오백육십원)"
    assert official_form(5_500_000_000) == "금5,500,000,000원(금오십오억원)"
    assert hangul_numeral(0) == "영"
    assert hangul_numeral(10_001) == "일만일"
    assert hangul_numeral(2_000_000_000_000) == "이조"


@pytest.mark.parametrize(("amount", "words"), [
    (0, "zero won"), (1, "one won"), (15, "fifteen won"), (100, "one hundred won"),
    (1_001, "one thousand one won"), (40_020, "forty thousand twenty won"),
    (5_500_000_000, "five billion five hundred million won"),
    (999_999_999_999, "nine hundred ninety-nine billion nine hundred ninety-nine million "
                      "nine hundred ninety-nine thousand nine hundred ninety-nine won"),
    (10**15, "one quadrillion won"),
])
def test_english_words_of_known_amounts(amount, words):
    assert english_words(amount) == words


def test_an_english_document_writes_an_amount_in_krw_and_english_words_never_in_korean():
    assert english_form(5_500_000_000) == "KRW 5,500,000,000 (five billion five hundred million won)"
    assert english_form(210_000_000) == "KRW 210,000,000 (two hundred ten million won)"
    assert written_form(210_000_000, "en") == english_form(210_000_000)
    assert written_form(210_000_000, "ko") == official_form(210_000_000) == "금210,000,000원(금이억일천만원)"
    assert "금" not in written_form(5_500_000_000, "en")


def test_locale_formatting():
    assert format_won(5_500_000_000, "ko") == "5,500,000,000원"
    assert format_won(5_500_000_000, "en") == "KRW 5,500,000,000"
    assert format_in_unit(1_234_567, EntryUnit.THOUSAND, "ko") == "1,234.567"
    assert format_in_unit(5_500_000_000, EntryUnit.MILLION, "en") == "5,500"


def test_the_grouping_table_is_what_babel_says():
    from forms.base import i18n
    from forms.money import GROUPING, babel_grouping

    assert {i18n.babel_locale(lang) for lang in (*i18n.LANGUAGES, i18n.PSEUDO)} <= set(GROUPING)
    for name, grouping in GROUPING.items():
        assert babel_grouping(name) == grouping, name


@given(st.integers(min_value=-(10**18), max_value=10**18), st.sampled_from(["ko", "en"]))
def test_fast_grouping_matches_babel(value, lang):
    from babel.numbers import format_decimal

    from forms.base.i18n import babel_locale
    from forms.money import format_number

    assert format_number(value, lang) == format_decimal(value, locale=babel_locale(lang), group_separator=True)


@pytest.mark.parametrize(("text", "expected"), [
    ("12억 3천만", 1_230_000_000), ("12.3억", 1_230_000_000), ("12억 3원", 1_200_000_003),
    ("12억 3천원", 1_200_003_000), ("1억 2,345만 6,789", 123_456_789), ("2345만 6789", 23_456_789),
])
def test_what_follows_억_is_read_when_its_unit_says_what_it_is(text, expected):  # noqa: N802 - 억 has no case
    assert parse_amount(text, EntryUnit.THOUSAND) == expected


@pytest.mark.parametrize(("amount", "words"), [
    (0, "zero won"), (21, "twenty-one won"), (105, "one hundred five won"), (1001, "one thousand one won"),
    (5_500_000_000, "five billion five hundred million won"), (110_000_000, "one hundred ten million won"),
    (10**15, "one quadrillion won"),
])
def test_english_words_for_the_english_packet(amount, words):
    from forms.money import english_words

    assert english_words(amount) == words


@pytest.mark.parametrize(("text", "kept"), [
    ("a surplus of KRW 50,000,000.", "a surplus of KRW\u00a050,000,000."),
    ("-KRW 1,000 and +KRW 2", "-KRW\u00a01,000 and +KRW\u00a02"),
    ("국비는 3년간 55억 원으로", "국비는 3년간 55억\u00a0원으로"),
    ("3천만 원 이상, 5,000 원", "3천만\u00a0원 이상, 5,000\u00a0원"),
    ("1억 2,345만 6,789원", "1억\u00a02,345만\u00a06,789원"),
    ("(단위: 천 원) (단위: 백만 원)", "(단위: 천\u00a0원) (단위: 백만\u00a0원)"),
    ("(Unit: thousand won), million won", "(Unit: thousand\u00a0won), million\u00a0won"),
    # words that are no amount keep their breaks
    ("KRW is the code of the won; 원료 회수율 95 %", "KRW is the code of the won; 원료 회수율 95 %"),
])
def test_an_amount_is_kept_on_one_line(text, kept):
    assert keep_amounts_together(text) == kept


def test_the_formatters_keep_plain_spaces_for_scripts():
    """The command line, its JSON and the workbooks print amounts as before; only text set in
    lines takes the non-breaking space."""
    assert format_won(5_500_000_000, "en") == "KRW 5,500,000,000"
    assert keep_amounts_together(format_won(5_500_000_000, "en")) == f"KRW{NBSP}5,500,000,000"
