"""The English packet read back speaks English throughout: no name cut short with "…", no Korean
money form (금…원), one date style (the window's: 2 March 2023), months named in English."""

from __future__ import annotations

import re

import pytest

from forms.budget import summarise
from forms.dates import field_date
from forms.money import english_form
from forms.profile import load_profile
from forms.sample import SAMPLES
from tests.reports.pdfcheck import page_texts, squash

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
#: "March 2, 2023": the American order, which the window's date field does not write.
MONTH_FIRST = re.compile(r"(January|February|March|April|May|June|July|August|September|October|November|December)"
                         r"\s+\d{1,2},\s*\d{4}")
#: "2023.4": a month the Korean way.
KOREAN_MONTH = re.compile(r"\b20\d\d\.(?:[1-9]|1[0-2])\b(?!\.\d)")


@pytest.fixture(scope="module", params=sorted(SAMPLES))
def english(request, sample_packet) -> tuple[str, str]:
    return request.param, "\n".join(page_texts(sample_packet(request.param, "en")))


def test_no_name_is_cut_short_and_no_korean_is_left_in_english_text(english):
    kind, text = english
    assert "…" not in text, kind
    # The one text kept in Korean: the titles of researchers' other national projects, proper names
    # registered in one language (they are printed as recorded).
    flat = squash(text)
    for title in {o.title for r in SAMPLES[kind]().researchers for o in r.other_projects}:
        flat = flat.replace(squash(title), "")
    assert not HANGUL.findall(flat), (kind, sorted(set(HANGUL.findall(flat))))
    assert "금" not in flat


def test_every_amount_in_words_is_krw_with_english_words(english):
    kind, text = english
    p = SAMPLES[kind]()
    sm = summarise(p, load_profile(p.call))
    flat = squash(text)
    assert squash(english_form(sm.national)) in flat  # KRW 5,500,000,000 (five billion five hundred million won)
    for code in p.applicant_regions():
        for year in sm.years:
            assert squash(english_form(sm.local_by_region_year[(code, year)])) in flat, (code, year)


def test_one_date_style_the_date_fields(english):
    kind, text = english
    p = SAMPLES[kind]()
    assert squash(field_date(p.date, "en")) in squash(text)  # 2 March 2023
    assert not MONTH_FIRST.findall(text), kind
    assert not KOREAN_MONTH.findall(text), kind
