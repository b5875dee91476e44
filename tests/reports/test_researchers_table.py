"""The researchers in the packet, as an evaluator checks their eligibility: each one's degree and
national researcher number, then this project and their other national R&D projects with the
rates added up per year and the projects counted against the limits (3책5공), in the PDF and the
HWPX, on A4 portrait."""

from __future__ import annotations

import re

import pytest
from hwpx import HwpxDocument

from forms.participation import load
from forms.rules import validate
from forms.sample import SAMPLES
from reports.export import write_packet
from reports.styles import FRAME_WIDTH
from tests.reports.pdfcheck import all_text, bare, laid_out_tables, page_texts, squash

WORDS = {
    "ko": {"caption": "참여연구원별 참여율 및 다른 국가연구개발과제(3책5공)", "this": "본 과제", "degree": "박사",
           "counted": "산입", "left_out": "제외", "total": "합계", "led": "책임 {n}/3", "all": "전체 {n}/5",
           "principal": "연구책임자", "researcher": "참여연구원"},
    "en": {"caption": "Participation rates and other national R&D projects by researcher", "this": "This project",
           "degree": "Doctorate", "counted": "Counted", "left_out": "Not counted", "total": "Total",
           "led": "Led {n}/3", "all": "In all {n}/5", "principal": "Principal investigator",
           "researcher": "Researcher"},
}


@pytest.fixture(scope="module")
def made(sample_packet):
    return {lang: (SAMPLES["super_regional"](), {fmt: sample_packet("super_regional", lang, fmt=fmt) for fmt in ("pdf", "hwpx")})
            for lang in ("ko", "en")}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_principal_investigators_projects_rates_and_counts_are_printed(made, lang):
    p, files = made[lang]
    w = WORDS[lang]
    pi = p.principal_investigator()
    led, left_out = pi.other_projects  # one led elsewhere, one the count leaves out
    assert led.principal and not left_out.counted and pi.degree == "doctorate"
    text = all_text(files["pdf"])
    # who: the degree, the field and the national researcher number beside the name
    assert squash(f"{pi.name.get(lang)}") in text and squash(f"{w['degree']}{pi.field.get(lang)}{pi.national_number}") \
        in text
    # then each project with its role, whether it is counted and its rate in every year, and the totals
    rate = pi.rates[2024]
    block = squash("".join([
        pi.name.get(lang), w["this"], w["principal"], w["counted"], *[str(rate)] * 3,
        led.title, w["principal"], w["counted"], *[str(led.rate)] * 3,
        left_out.title, w["researcher"], w["left_out"], *[str(left_out.rate)] * 3,
        w["total"], w["led"].format(n=2), w["all"].format(n=2), *[str(rate + led.rate + left_out.rate)] * 3]))
    assert block in text, block
    # the figures are the rules' own: the same function counts for both
    carried = load(pi)
    assert (carried.led, carried.projects, carried.total(rate)) == (2, 2, rate + led.rate + left_out.rate)
    # every researcher has a block, with the projects counted, this one included
    start = text.index(squash(w["caption"]))
    for r in p.researchers:
        c = load(r)
        assert squash(w["led"].format(n=c.led) + w["all"].format(n=c.projects)) in text[start:], r.name
        assert squash(r.national_number) in text


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_researchers_projects_stay_on_one_page_beside_the_name(made, lang):
    """The name spans its researcher's rows: a page break between them would leave it behind (the
    Korean sample's table starts at the foot of a page, with room for one row only)."""
    p, files = made[lang]
    w = WORDS[lang]
    pages = [bare(t) for t in page_texts(files["pdf"])]
    for r in p.researchers:
        first = squash(r.name.get(lang) + w["this"])
        last = squash(w["total"] + w["led"].format(n=load(r).led))
        page = next(t for t in pages if first in t)
        assert last in page[page.index(first):], r.name


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_hwpx_copy_shows_the_same_table(made, lang):
    p, files = made[lang]
    w = WORDS[lang]
    pi = p.principal_investigator()
    text = squash(HwpxDocument.open(files["hwpx"]).text.plain())
    assert squash(w["caption"]) in text and pi.national_number in text
    assert squash(f"{w['total']}{w['led'].format(n=2)}{w['all'].format(n=2)}") in text
    assert squash(pi.other_projects[1].title + w["researcher"] + w["left_out"]) in text


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_tables_fit_a4_portrait(monkeypatch, tmp_path, lang):
    p = SAMPLES["super_regional"]()
    assert not validate(p).findings
    tables = laid_out_tables(monkeypatch, p, str(tmp_path / "p.pdf"), lang)
    pi = p.principal_investigator()

    def holds(table, needle: str) -> bool:
        cells = [v for row in table._cellvalues for value in row
                 for v in (value if isinstance(value, (list, tuple)) else [value])]
        # a Korean name in an English packet is set in its own font: <font name=…>차세대</font> <font …
        return any(needle in re.sub(r"<[^>]+>", "", str(getattr(v, "text", ""))) for v in cells)

    ours = [t for t in tables if holds(t, pi.national_number) or holds(t, pi.other_projects[0].title)]
    assert len({id(t) for t in ours}) >= 2
    assert all(sum(t._colWidths) <= FRAME_WIDTH + 0.01 for t in ours)


def test_a_researcher_without_a_number_is_printed_with_a_dash(tmp_path):
    p = SAMPLES["leap"]()
    person = p.principal_investigator()
    person.national_number = ""
    assert not validate(p).has_errors  # a warning only: the packet is still made
    out = tmp_path / "p.pdf"
    write_packet(p, str(out), lang="ko", fmt="pdf")
    text = all_text(out.read_bytes())
    assert squash(f"{person.field.ko}–연구책임자") in text
