"""The sample packet read back: contents in both languages, fonts, outline, page numbers, pages."""

from __future__ import annotations

import pytest

from forms.budget import summarise
from forms.files.exchange_identity import fingerprint
from forms.money import EntryUnit, format_in_unit, official_form
from forms.profile import load_profile
from forms.sample import SAMPLES
from reports.export import export_packet
from tests.reports.pdfcheck import (
    all_text,
    bare,
    embedded,
    font_dicts,
    ink_ratios,
    outline_titles,
    page_texts,
    reader,
    squash,
)


@pytest.fixture(scope="module")
def ko_pdf(sample_packet) -> bytes:
    return sample_packet("super_regional", "ko")


@pytest.fixture(scope="module")
def en_pdf(sample_packet) -> bytes:
    return sample_packet("super_regional", "en")


def test_korean_packet_has_cover_contents_budget_and_closing(ko_pdf):
    p = SAMPLES["super_regional"]()
    text = all_text(ko_pdf)
    for needle in (
        "지역혁신메가프로젝트(시범사업)", "초광역협력형", "제안서", squash(p.title.ko), "2023.3.2.",
        "경상북도지사", "대구광역시장", "(인)", "과학기술정보통신부장관귀하", "목차", "추진체계및기관별역할",
        "포항공과대학교산학협력단", "(주)대경리사이클", "연도별·재원별사업비", "비목별·연도별사업비", "기관별사업비",
        "(단위:천원)", "문서확인번호", "끝.",
    ):
        assert needle in text, needle
    # nothing internal in a final packet: no validation report, rule pack id or rule code
    for needle in ("검증결과", "msit-mega-2023", "전자지문", "content.", "budget."):
        assert needle not in text, needle
    # the stage plan keeps its □ ○ hierarchy
    assert "□기초·원천(1단계,2023~2025)" in text
    assert "○회수메커니즘규명,하루1kg규모실험실공정확립,시제품3종제작" in text


def test_amounts_come_from_the_budget_summary(ko_pdf):
    p = SAMPLES["super_regional"]()
    s = summarise(p, load_profile(p.call))
    text = all_text(ko_pdf)
    thousand = EntryUnit.THOUSAND
    for amount in (s.national, s.local, s.total, s.source_total("own_cash"), s.source_total("own_in_kind"),
                   *(s.year_total(y) for y in s.years), s.total_matching.required):
        assert format_in_unit(amount, thousand, "ko") in text, amount
    assert squash(official_form(s.national)) in text  # 금5,500,000,000원(금오십오억원)
    # the matching statement: ratio reached, minimum and surplus in won
    assert "20.91%" in text and "50,000,000원" in text and "충족" in text  # two decimals, half up (20.909…%)


def test_english_packet(en_pdf):
    text = all_text(en_pdf)
    for needle in ("RegionalInnovationMegaProject(pilot)", "Super-regionalcooperationtype", "2March2023",
                   "GovernorofGyeongsangbuk-do", "MayorofDaegu", "Budgetbyyearandsource", "(Unit:thousandwon)",
                   "To:TheMinister,MinistryofScienceandICT", "End.", "Gyeongsangbuk-do", "Daegu", "POSTECH", "5,500,000",
                   "KRW5,500,000,000(fivebillionfivehundredmillionwon)"):  # the amount in figures and English words
        assert needle in text, needle
    assert "경상북도지사" not in text


def test_every_font_is_embedded_korean_in_korean_and_latin_in_english(ko_pdf, en_pdf):
    for pdf, faces in ((ko_pdf, ("Nanum",)), (en_pdf, ("Noto", "Nanum"))):
        fonts = font_dicts(pdf)
        assert fonts
        for name, font in fonts.items():
            assert embedded(font), name
            assert name.split("+")[-1].startswith(faces), name
            assert "+" in name, name  # a subset, not the whole face
    english = {name.split("+")[-1] for name in font_dicts(en_pdf)}
    assert {"NotoSans-Regular", "NotoSans-Bold", "NotoSerif-Regular"} <= english


def test_outline_and_contents_page_numbers_agree(ko_pdf):
    entries = outline_titles(ko_pdf)
    titles = [t for _level, t, _page in entries]
    assert len([e for e in entries if e[0] == 0 and not e[1].startswith("붙임")]) == 9
    for needle in ("00 연구개발과제 개요", "08 연구개발비 사용계획", "8-1 연구개발비 지원 및 부담 계획", "7-2 연구시설·장비"):
        assert needle in titles
    texts = page_texts(ko_pdf)
    contents = "".join(texts[1:entries[0][2] - 1])  # the contents run on over pages until the first chapter
    for level, title, page in entries:
        # the contents page lists each heading of a chapter or item followed by its page number (the
        # sections' titles inside an item are in the outline only)
        if level <= 1:
            assert squash(title) + str(page) in squash(contents), (title, page)
        assert squash(title) in squash(texts[page - 1]), (title, page)


def test_pages_are_numbered_and_carry_the_document_confirmation_number(ko_pdf):
    digest = fingerprint(SAMPLES["super_regional"]())
    number = "-".join(digest[i:i + 4] for i in range(0, 12, 4)).upper()
    texts = page_texts(ko_pdf)
    for page, text in enumerate(texts, start=1):
        assert f"문서확인번호 {number}" in text
        if page > 1:
            assert f"- {page} -" in text
    # the main document's last page comes before the first attachment (붙임 1)
    first_attachment = next(page for _l, title, page in outline_titles(ko_pdf) if title.startswith("붙임 1 "))
    last = squash(texts[first_attachment - 2])
    assert digest in last  # the full SHA-256 in the box at the end of the main document
    assert "끝." in last  # the main text ends on the last page, before the confirmation box
    assert sum(squash(t).count("끝.") for t in texts) == 1


def test_no_page_is_blank(ko_pdf, en_pdf):
    for pdf in (ko_pdf, en_pdf):
        ratios = ink_ratios(pdf)
        assert len(ratios) == len(reader(pdf).pages)
        assert all(r > 0.004 for r in ratios), ratios


def test_metadata(ko_pdf, en_pdf):
    from forms.base.app import APP_NAME, VERSION

    meta = reader(ko_pdf).metadata
    assert meta.title == SAMPLES["super_regional"]().title.ko
    assert meta.author == "경상북도"
    assert meta.subject == "지역혁신 메가프로젝트 (시범사업)"
    assert meta.creator == f"{APP_NAME} {VERSION}"
    assert reader(ko_pdf).trailer["/Root"]["/Lang"] == "ko-KR"
    en = reader(en_pdf)
    assert en.metadata.author == "Gyeongsangbuk-do"
    assert en.trailer["/Root"]["/Lang"] == "en"


def test_leap_packet_has_one_seal_box(sample_packet):
    pdf = sample_packet("leap", "ko")
    cover = squash(page_texts(pdf)[0])
    assert "충청남도지사" in cover
    assert cover.count("(인)") == 1  # the cover's; each attachment carries its own, for the official seal
    attached = [t for level, t, _p in outline_titles(pdf) if level == 0 and t.startswith("붙임")]
    assert all_text(pdf).count("(인)") == 1
    assert all_text(pdf).count("(직인)") == len(attached)


@pytest.mark.parametrize(("unit", "label", "national"), [
    ("won", "(단위:원)", "5,500,000,000"), ("million", "(단위:백만원,백만원미만반올림)", "5,500"),
])
def test_unit_option(sample_packet, unit, label, national):
    text = all_text(sample_packet("super_regional", "ko", unit=unit))
    assert label in text
    assert national in text


def test_a_final_packet_lists_no_warning_but_a_draft_does(tmp_path):
    from forms.rules import validate

    p = SAMPLES["super_regional"]()
    line = next(x for x in p.budget.lines if x.source == "national" and x.org == "postech")
    line.amount_krw -= 10_000_000  # national funds below the cap: a warning, not an error
    line.items = []  # (its justification is left out rather than left wrong)
    report = validate(p)
    assert report.warnings and not report.has_errors
    out = tmp_path / "p.pdf"
    export_packet(p, str(out), lang="ko")
    text = all_text(out.read_bytes())
    for finding in report.warnings:
        assert finding.code not in text and str(finding.shown) not in text
    assert "검증결과" not in text
    export_packet(p, str(out), lang="ko", draft=True)
    text = all_text(out.read_bytes())
    for finding in report.warnings:
        assert finding.code in text
        assert squash(finding.message("ko")) in text
    assert "제안서에오류가없습니다." in text


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_full_cover_is_set_a_little_smaller_to_stay_on_one_page(tmp_path, lang):
    """The sample's three-line English title, the draft notice and three seal boxes: one page."""
    p = SAMPLES["super_regional"]()
    p.partner_regions = [*p.partner_regions, "KR-48"]  # three seal boxes
    out = tmp_path / "p.pdf"
    export_packet(p, str(out), lang=lang, draft=True)
    texts = page_texts(out.read_bytes())
    ministry = "과학기술정보통신부" if lang == "ko" else "MinistryofScienceandICT"
    assert ministry in squash(texts[0])  # the cover's last line is on the cover
    assert ("목차" if lang == "ko" else "Contents") in squash(texts[1])  # and the contents follow it


def test_every_figure_of_a_table_has_the_same_decimals_and_stays_exact(tmp_path):
    """An own share of 1,234,567 won in a thousand-won packet: every figure shows three decimals
    (84,387.000 beside 85,621.567), none is rounded."""
    import re

    from forms.model import BudgetLine

    p = SAMPLES["super_regional"]()
    org = next(o.id for o in p.organisations if o.kind in ("sme", "mid_sized", "large"))
    p.budget.lines.append(BudgetLine(2023, org, "materials", "own_cash", 1_234_567))
    out = tmp_path / "p.pdf"
    export_packet(p, str(out), lang="ko")
    layout = "\n".join(page.extract_text(extraction_mode="layout") for page in reader(out.read_bytes()).pages)
    amounts = re.findall(r"(?<![\d.,])\d{1,3}(?:,\d{3})+\.\d+(?![\d%])", layout)
    assert len(amounts) > 30 and {len(a.split(".")[1]) for a in amounts} == {3}, amounts[:10]
    assert any(a.endswith(".567") for a in amounts)  # exact, to the won


def test_a_cover_with_many_seals_goes_on_over_pages_rather_than_shrink_out_of_reading(tmp_path):
    p = SAMPLES["super_regional"]()
    p.partner_regions = ["KR-11", "KR-26", "KR-27", "KR-28", "KR-29", "KR-30", "KR-31", "KR-41", "KR-42", "KR-43",
                         "KR-44", "KR-45", "KR-46", "KR-48"]
    out = tmp_path / "p.pdf"
    export_packet(p, str(out), lang="en", draft=True)
    texts = [squash(t) for t in page_texts(out.read_bytes())]
    ministry = next(i for i, t in enumerate(texts) if "MinistryofScienceandICT" in t and "To:" in t)
    contents = next(i for i, t in enumerate(texts) if "Contents" in t)
    assert 0 < ministry < contents  # the cover took more than one page, and the contents follow it


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_chapter_of_the_profiles_form_is_printed_in_its_order(sample_packet, lang):
    p = SAMPLES["super_regional"]()
    form = load_profile(p.call).form
    pdf = sample_packet("super_regional", lang)
    top = [title for level, title, _page in outline_titles(pdf) if level == 0]
    attached = [t for t in top if t.startswith(("붙임 ", "Attachment "))]
    assert top == [f"{c.number} {c.title.get(lang)}" for c in form.chapters] + attached  # the attachments last
    text = all_text(pdf)
    at = 0
    for chapter in form.chapters:  # and in the text, in the same order, each with its sections
        for title in (chapter.title, *(s.title for s in chapter.sections)):
            found = text.find(squash(title.get(lang)), at)
            assert found >= 0, title.get(lang)
            at = found


def test_the_support_plan_has_a_column_per_paying_region(ko_pdf):
    text = all_text(ko_pdf)
    head = text[text.index("기관별·연도별연구개발비지원및부담계획"):]
    # the second header row: a column per paying region under 지방자치단체, then cash and in kind
    assert "지방자치단체" in head[:80] and "경상북도대구광역시현금현물" in head[:120]


def test_a_drafts_validation_report_is_its_last_part_after_the_attachments(sample_packet):
    """A ministry reader's order: the main document up to 끝., the attachments 붙임 1…n, then —
    in a draft only — the validation report as reference material (참고) of its own; the contents,
    the bookmarks and the printed page numbers agree on where each part starts."""
    import re

    pdf = sample_packet("super_regional", "ko", draft=True)
    texts = page_texts(pdf)
    top = [(title, page) for level, title, page in outline_titles(pdf) if level == 0]
    titles = [title for title, _page in top]
    assert titles[-1] == "참고 검증 결과"
    attached = [i for i, title in enumerate(titles) if title.startswith("붙임 ")]
    assert attached == list(range(attached[0], len(titles) - 1))  # 붙임 1…n, right before it
    first_attachment, report = top[attached[0]][1], top[-1][1]
    end = max(i for i, t in enumerate(texts, start=1) if "끝." in t)
    assert end < first_attachment < top[attached[-1]][1] < report == len(texts)
    assert all("규칙묶음" not in squash(t) for t in texts[:report - 1])  # nothing of it before its page
    assert "제출문서에포함되지않습니다" in squash(texts[report - 1])
    contents = squash("".join(texts[1:top[0][1] - 1]))
    for title, page in top[attached[0]:]:
        listed = re.search(re.escape(squash(title)) + r"(\d+)(?!\d)", contents)
        assert listed and int(listed.group(1)) == page, title
        assert f"- {page} -" in texts[page - 1], title


def test_the_closing_line_and_the_fingerprint_box_follow_the_text_on_its_page(ko_pdf, en_pdf):
    """끝. (End.) and the box under it stay on the page where the text ends when they fit there,
    rather than stand alone at the top of a page of their own."""
    for pdf, end, box in ((ko_pdf, "끝.", "문서확인번호:"), (en_pdf, "End.", "Documentconfirmationnumber:")):
        pages = [bare(t) for t in page_texts(pdf)]
        page = next(t for t in pages if end in t and box in t)
        before = page.split(end)[0]
        assert len(before) > 40, (end, page[:80])  # the last rows of the text's last table are above it


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_tables_continuation_never_stands_as_a_header_over_a_sliver(sample_packet, lang):
    """A long table's continuation goes on to the next page with its caption and header; it is
    never set again below its first part on the same page over a sliver of a split row."""
    heads = {"ko": "비목산출항목재원단가수량개월금액", "en": "CategoryItemSourceUnitpriceQuantityMonthsAmount"}
    pages = [bare(t) for t in page_texts(sample_packet("super_regional", lang))]
    with_table = [t for t in pages if heads[lang] in t]
    assert len(with_table) > 5
    for text in with_table:
        assert text.count(heads[lang]) == 1, text[:60]
        assert not text.endswith(heads[lang])


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_the_samples_korean_main_document_runs_to_thirty_pages_as_a_real_one_does(sample_packet, kind):
    pdf = sample_packet(kind, "ko")
    attachments = [page for level, title, page in outline_titles(pdf) if level == 0 and title.startswith("붙임")]
    assert attachments, "the generated attachments are in the outline"
    assert min(attachments) - 1 >= 30, f"the main document has {min(attachments) - 1} pages"
