"""The validation report read back as a person reads it: each finding's place in words (no internal
path), its rule code whole on one line, and errors and warnings marked apart in text."""

from __future__ import annotations

import re

import pytest

from forms.labels import field_label
from forms.rules import validate
from reports.closing import ERROR_MARK, WARNING_MARK
from reports.packet import render_report
from tests.reports.pdfcheck import reader

#: What an internal field path looks like: a row or key in brackets, or a dotted record field.
_INTERNAL = re.compile(r"\[\d+\]|\[id=|\.rates\b|\.lines\b|researchers\[")


def _broken(p):
    """The sample with an error on a researcher's rate, a warning on another's, and an organisation
    with personnel cost but no researcher (the longest rule code)."""
    p.researchers[1].rates[2024] = 100  # with 30% in other projects: over 100%
    p.researchers[2].rates.clear()  # no rate in any year: a warning
    p.researchers = [r for r in p.researchers if r.org != "daegyeong"]  # personnel cost, no researcher
    return p


@pytest.fixture
def broken(super_regional):
    return _broken(super_regional)


def _lines(pdf: bytes) -> list[str]:
    """The report's lines as laid out: a table's row reads across its cells."""
    return [line for page in reader(pdf).pages for line in page.extract_text(extraction_mode="layout").splitlines()]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_places_are_named_in_words_codes_are_whole_and_severities_marked(broken, lang):
    report = validate(broken)
    codes = {f.code for f in report.findings}
    assert {"researchers.rate_over", "researchers.no_rate", "researchers.personnel_without_researchers"} <= codes
    lines = _lines(render_report(broken, report, lang))
    text = "\n".join(lines)
    # no internal path anywhere: not "researchers[1].rates[2024]", not "budget.lines[0].items"
    assert not _INTERNAL.search(text), _INTERNAL.search(text)
    # the researcher by row and by name, and the year of the rate
    rate = next(f for f in report.findings if f.code == "researchers.rate_over")
    name = broken.researchers[1].name.get(lang)
    said = "참여연구원 2번 (문서연): 참여율, 2024" if lang == "ko" else \
        "Researcher 2 (Moon Seo-yeon): participation rate, 2024"
    assert name in said and field_label(rate.shown, lang, broken) == said
    flat = re.sub(r"\s+", " ", text)
    for part in said.split(" "):
        assert part in flat
    # every code whole on one line, never cut ("researchers.personnel_" / "without_researchers")
    for code in codes:
        assert any(code in line for line in lines), code
    # every finding's row starts with its mark and its word, an error's apart from a warning's
    word = {True: "오류" if lang == "ko" else "error", False: "경고" if lang == "ko" else "warning"}
    for f in report.errors + report.warnings:
        mark = ERROR_MARK if f.is_error else WARNING_MARK
        row = next(line for line in lines if f.code in line)
        assert re.search(re.escape(mark) + r"\s*" + word[f.is_error], row), row
    assert ERROR_MARK != WARNING_MARK


@pytest.mark.parametrize(("lang", "word"), [("ko", "예산"), ("en", "Budget")])
def test_a_finding_on_the_whole_budget_is_named_as_the_budget(broken, lang, word):
    next(x for x in broken.budget.lines if x.source == "national").amount_krw += 1_000_000_000
    lines = _lines(render_report(broken, validate(broken), lang))
    row = next(line for line in lines if "budget.national_over_cap" in line)
    assert word in row.replace("budget.national_over_cap", " ").split()


def test_a_record_without_a_name_of_its_own_is_named_by_its_row(super_regional):
    assert field_label("budget.lines[0].items", "en", super_regional) == "Budget line 1: justification row"
    assert field_label("researchers[1].rates[2024]", "en") == "Researcher 2: participation rate, 2024"
    assert field_label("", "ko") == "제안서 전체"
