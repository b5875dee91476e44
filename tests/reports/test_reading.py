"""How the packet reads: Korean wraps between words, long valid text never stops the export,
headings never stand alone at the foot of a page."""

from __future__ import annotations

import itertools
import re
import subprocess

import pytest

from forms.model import Text
from forms.rules import validate
from forms.sample import SAMPLES
from reports.export import export_packet
from tests.reports.pdfcheck import all_text, page_texts, squash


def _pdftotext(path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout.split("\f")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_line_of_body_text_ends_at_a_word_boundary(tmp_path, sample_packet, lang):
    p = SAMPLES["super_regional"]()
    out = tmp_path / "p.pdf"
    out.write_bytes(sample_packet("super_regional", lang))
    sources = [p.section(k).get(lang) for k in p.plan]
    words = {w for s in sources for w in s.split()}
    # the form's tables print names that the prose may quote word for word: a cell (or a line of a
    # cell that wraps) is not prose
    cells = {r.name.get(lang) for r in (*p.organisations, *p.tasks, *p.deliverables, *p.indicators, *p.equipment)}
    checked = 0
    for page in _pdftotext(out):
        for line in page.splitlines():
            line = line.strip()
            if len(line) < 12 or any(line in cell for cell in cells) or not any(line in s for s in sources):
                continue  # not a line of the plan's prose
            tokens = line.split()
            assert tokens[0] in words or tokens[0] in "□○-·", (line, tokens[0])
            assert tokens[-1] in words, (line, tokens[-1])
            checked += 1
    assert checked > 20


def test_a_word_alone_wider_than_the_line_is_split_and_nothing_is_lost(tmp_path):
    p = SAMPLES["super_regional"]()
    p.section("summary").ko = "띄어쓰기없는아주긴" * 30 + " 끝말"
    out = tmp_path / "p.pdf"
    export_packet(p, str(out), lang="ko")
    assert squash(p.section("summary").ko) in all_text(out.read_bytes())


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_long_valid_text_never_stops_the_export(tmp_path, lang):
    """A 148-word title, an 850-character organisation name, a 2,500-character roadmap goal."""
    p = SAMPLES["super_regional"]()
    p.title = Text(" ".join(["초장수명"] * 148), " ".join(["Upcycling"] * 148))
    p.organisations[0].name = Text("가나다라마바사아자차" * 85, ("Organisation " * 66)[:850])
    p.roadmap[0].goal = Text(("목표 " * 834)[:2500], ("goal " * 500)[:2500])
    assert len(p.title.en.split()) == 148 and len(p.roadmap[0].goal.ko) == 2500
    out = tmp_path / "p.pdf"
    export_packet(p, str(out), lang=lang, draft=validate(p).has_errors)
    text = all_text(out.read_bytes())
    for value in (p.title, p.organisations[0].name):
        assert squash(value.get(lang)) in text
    # the goal's cell is split over pages, the stage's other cells read between its parts: count its words
    goal = p.roadmap[0].goal.get(lang)
    word = goal.split()[0]
    assert text.count(word) >= goal.count(word)
    texts = page_texts(out.read_bytes())
    contents = next(i for i, t in enumerate(texts) if ("목차" if lang == "ko" else "Contents") in squash(t))
    assert contents >= 2  # the cover's title, in its smallest size, went on over pages


def test_a_long_title_is_set_smaller_before_the_cover_goes_over_pages(tmp_path):
    p = SAMPLES["super_regional"]()
    p.title.ko = " ".join(["초장수명 이차전지 원료소재"] * 8)
    out = tmp_path / "p.pdf"
    export_packet(p, str(out), lang="ko")
    texts = page_texts(out.read_bytes())
    assert "과학기술정보통신부장관귀하" in squash(texts[0])  # one page still
    assert "목차" in squash(texts[1])


def test_a_heading_never_stands_alone_at_the_foot_of_a_page(tmp_path):
    p = SAMPLES["super_regional"]()
    p.organisations[0].name.ko = "가나다라마바사아자차 " * 90  # a first row taller than what is left of the page
    out = tmp_path / "p.pdf"
    export_packet(p, str(out), lang="ko", draft=validate(p).has_errors)
    for text in page_texts(out.read_bytes()):
        lines = [x for x in text.splitlines() if x.strip() and "문서확인번호" not in x and not x.startswith("- ")
                 and "초안" not in x]
        if lines:
            assert not lines[-1].strip().startswith(("나. 참여기관", "가. 신청 지역")), lines[-3:]


def test_the_forms_records_are_printed_in_their_chapters(tmp_path):
    from forms.model import BudgetItem, Deliverable, Equipment, Indicator, Researcher, Task

    p = SAMPLES["super_regional"]()
    p.indicators = [Indicator("i1", Text("재생 양극재 수명", "Life"), unit=Text("%", "%"), baseline=Text.both("100"),
                              targets={2023: Text.both("105"), 2024: Text.both("110"), 2025: Text.both("120")}, weight=100, method=Text("시험", "Test"))]
    p.tasks = [Task("t1", Text("회수 공정 개발", "Recovery process"), "postech", "2023-03", "2024-06")]
    p.deliverables = [Deliverable("d1", "t1", 2024, Text("실험실 공정 보고서", "Lab process report"))]
    p.researchers = [Researcher("r1", "postech", Text("홍길동", "Hong Gildong"), Text("교수", "Professor"),
                                "principal", {2023: 30, 2024: 30, 2025: 30})]
    p.equipment = [Equipment("e1", "postech", 2023, Text("분석 장비", "Analyser"), Text("소재 분석", "Analysis"), 1,
                             120_000_000)]
    line = next(x for x in p.budget.lines if x.category == "equipment")
    line.items = [BudgetItem("b1", Text("분석 장비", "Analyser"), 1, line.amount_krw, 1)]
    out = tmp_path / "p.pdf"
    export_packet(p, str(out), lang="ko", draft=validate(p).has_errors)
    text = all_text(out.read_bytes())
    for needle in ("성과지표및연차별목표", "재생양극재수명", "수행일정", "회수공정개발", "주요결과물", "실험실공정보고서",
                   "참여연구원현황", "홍길동", "참여연구원별참여율", "연구시설·장비구축계획", "분석장비", "연구개발비산출근거", "추진체계도"):
        assert needle in text, needle
    assert text.rindex("성과지표및연차별목표") < text.rindex("03연구개발과제의추진전략") < text.rindex("참여연구원현황")


def _lines(para, width: float) -> list[str]:
    """The lines ReportLab breaks ``para`` into at ``width``."""
    para.wrap(width, 10_000)
    laid = para.blPara
    if laid.kind == 0:
        return [" ".join(words) for _room, words in laid.lines]
    return ["".join(frag.text for frag in line.words) for line in laid.lines]


@pytest.mark.parametrize(("lang", "text", "before", "after"), [
    ("en", "Local funds of KRW 1,150,000,000 are 20.9% of the national funds (KRW 5,500,000,000). The call "
           "requires at least 20% (KRW 1,100,000,000). The minimum is met with a surplus of KRW 50,000,000.",
     "KRW", r"\d"),
    ("ko", "국비는 3년간 55억 원으로 공모 상한에 맞추어 편성하고, 3천만 원 이상 장비는 심의를 거쳐 도입하며, "
           "총사업비 1억 2,345만 6,789원은 (단위: 천 원) 표와 같다.", r"[\d억만천]", "원"),
])
def test_an_amount_never_breaks_between_its_currency_or_unit_and_its_figure(lang, text, before, after):
    """At every width where ReportLab, given plain spaces, ends a line in ``KRW`` (its figure on the
    next) or a figure with ``원`` on the next, the packet's paragraph keeps them on one line."""
    from reportlab.platypus import Paragraph

    from reports import content as c
    from reports.pdf import PdfRenderer

    renderer = PdfRenderer(c.Document(lang=lang, title="", blocks=[]))
    style = renderer.styles.body
    broken = re.compile(rf"{before}\s*$")
    widths = [w for w in range(220, 500, 2)  # wider than an amount: one wider than the line is cut
              if any(broken.search(a) and re.match(after, b)
                     for a, b in itertools.pairwise(_lines(Paragraph(text, style), w)))]
    assert widths  # the plain text does break there at some widths
    for width in widths:
        lines = _lines(renderer.para(text, style), width)
        assert not [(a, b) for a, b in itertools.pairwise(lines) if broken.search(a) and re.match(after, b)], width
        assert squash("".join(lines)) == squash(text)  # nothing lost, nothing cut


def test_no_line_of_the_english_packet_ends_in_krw(tmp_path, sample_packet):
    """The sample's matching-funds paragraph ended a line in ``KRW``, its figure on the next."""
    out = tmp_path / "p.pdf"
    out.write_bytes(sample_packet("super_regional", "en"))
    text = "\n".join(_pdftotext(out))
    assert text.count("KRW") > 10
    assert [line for line in text.splitlines() if line.rstrip().endswith("KRW")] == []
    assert "〓" not in text  # every face has the non-breaking space
