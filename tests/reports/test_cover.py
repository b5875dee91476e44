"""The cover and the summary chapter carry the figures an evaluator starts from, read back from the
packet: the form's name, the period and its stage, the cost by source (the budget chapter's own
figures), the lead organisation, the principal investigator and the sentence that submits it."""

from __future__ import annotations

import io
import zipfile

import pytest

from forms.money import EntryUnit, format_in_unit
from forms.rules import validate
from forms.sample import SAMPLES
from reports.export import export_packet, write_packet
from tests.reports.pdfcheck import page_texts, squash


@pytest.fixture(scope="module")
def packets(sample_packet) -> dict[str, list[str]]:
    return {lang: [squash(t) for t in page_texts(sample_packet("super_regional", lang))] for lang in ("ko", "en")}


def _amounts(lang: str) -> list[str]:
    """National, each region's local funds, their sum, own cash, own in kind and the total, as the
    budget statement states them, in the packet's unit."""
    p = SAMPLES["super_regional"]()
    st = validate(p).statement
    by = {row.key: row for row in st.by_year_source}
    won = [by["national"].total, *(r.total for r in by["local"].parts), by["local"].total, by["own_cash"].total,
           by["own_in_kind"].total, st.year_totals.total]
    return [format_in_unit(v, EntryUnit.THOUSAND, lang) for v in won]


COVER = {
    "ko": ["테마기획서(연구개발계획서)", "사업기간2023~2025(10년계획중1단계)", "신청지역경상북도(주관),대구광역시",
           "주관연구개발기관포항공과대학교산학협력단", "연구책임자강도현(포항공과대학교산학협력단,교수)",
           "총사업비(단위:천원)국비지방비기관부담금합계경상북도대구광역시소계현금현물",
           "「지역혁신메가프로젝트(시범사업)」공모에위와같이제안서를제출합니다.2023.3.2.경상북도지사"],
    "en": ["Themeplan(R&Dplan)", "Projectperiod2023–2025(stage1ofthe10-yearplan)",
           "ApplicantregionsGyeongsangbuk-do(lead),Daegu", "LeadorganisationPOSTECHIndustry-AcademicCooperationFoundation",
           "PrincipalinvestigatorKangDo-hyun(POSTECHIndustry-AcademicCooperationFoundation,Professor)",
           "Totalprojectcost(Unit:thousandwon)NationalfundsLocalfundsOwnshareTotalGyeongsangbuk-doDaeguSubtotal"
           "CashInkind",
           "Weherebysubmitthisproposal,assetoutabove,tothecallfortheRegionalInnovationMegaProject(pilot)."
           "2March2023GovernorofGyeongsangbuk-do"],
}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_cover_names_the_form_period_cost_and_people_and_submits_the_proposal(packets, lang):
    cover = packets[lang][0]
    for needle in COVER[lang]:
        assert needle in cover, needle
    assert "제안서" not in cover.split("테마기획서")[0]  # the document's name is the form's, not a bare 제안서
    # the cost by source, in the order of its columns, is the budget chapter's: one row of figures
    assert "".join(_amounts(lang)) in cover
    budget = "".join(packets[lang][1:])
    for amount in _amounts(lang):
        assert amount in budget


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_summary_chapter_opens_with_the_key_figures(packets, lang):
    text = "".join(packets[lang][2:])
    chapter, summary = ("00연구개발과제개요", "0-1요약") if lang == "ko" else ("00Summaryoftheproject", "0-1Summary")
    opening = text[text.index(chapter):text.index(summary)]
    needles = {
        "ko": ["주요현황", "사업기간2023~2025(10년계획중1단계)", "사업유형초광역협력형", "신청지역경상북도(주관),대구광역시",
               "주관연구개발기관포항공과대학교산학협력단",
               "참여기관주관연구개발기관1개,공동연구개발기관4개,위탁연구개발기관1개",
               "참여연구원14명", "지방비비율국비의20.91%(공모기준:20%이상)", "재원별총사업비"],
        "en": ["Keyfigures", "Projecttype", "Researchers14researchers",
               "Organisations1leadorganisation,4participatingorganisations,1commissionedorganisation",
               "Localfunds’share20.91%ofthenationalfunds(thecallrequiresatleast20%)", "Projectcostbysource"],
    }[lang]
    for needle in needles:
        assert needle in opening, needle
    assert "".join(_amounts(lang)) in opening


def test_the_stage_and_the_plans_length_come_from_the_roadmap(tmp_path):
    """A roadmap of eight years: the cover says so, not ten."""
    p = SAMPLES["leap"]()
    last = p.roadmap[-1]
    last.end_year -= 2
    out = tmp_path / "p.pdf"
    export_packet(p, str(out), lang="ko", draft=True)
    assert "2023~2025(8년계획중1단계)" in squash(page_texts(out.read_bytes())[0])


def test_the_hwpx_cover_shows_the_same(tmp_path):
    out = tmp_path / "p.hwpx"
    write_packet(SAMPLES["super_regional"](), str(out), lang="ko", fmt="hwpx")
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as z:
        xml = z.read("Contents/section0.xml").decode()
    text = squash("".join(part.split("</hp:t>")[0] for part in xml.split("<hp:t>")[1:]))
    cover = text[:text.index("목차")]
    for needle in COVER["ko"]:
        assert needle in cover, needle
    assert "".join(_amounts("ko")) in cover
