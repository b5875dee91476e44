"""Where the packet's pages break, read back from the PDF (pdftotext, pages split at form feeds):
a table grouped by organisation (8-1, the support and share plan) never starts a page with bare
year rows nor leaves an organisation's name alone at a page's foot; a paragraph leaves no single
line alone at a page's top or foot; a table's notes stay with it. Both samples, Korean and
English, final and draft, with the text before the table lengthened and the budgets scaled so
the breaks fall elsewhere."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest

from forms.model import Proposal, Text
from forms.sample import SAMPLES
from reports.export import export_packet
from tests.reports.pdfcheck import pdftotext

_FURNITURE = re.compile(r"^\s*(?:-\s*\d+\s*-|\d+\s*-|-)?\s*(?:문서확인번호|Document confirmation number)\s+\S+\s*$"
                        r"|^\s*-\s*\d+\s*-\s*$|^\s*초안 / DRAFT\s*$")
_CAPTION = {"ko": "기관별·연도별 연구개발비 지원 및 부담 계획", "en": "Support and share plan by organisation and year"}
_ROW = re.compile(r"^\s*(?:20\d\d|소계|합계|Subtotal|Total)\s")
_EXTRA = Text("○ 편성 기준은 연차별 사업 계획에 맞추어 매년 다시 확인한다.",
              "○ The basis is checked again each year against the year's plan.")


def variant(kind: str, lines: int, scale: int) -> Proposal:
    """The sample with ``lines`` more paragraphs before chapter 08's tables and its amounts times ``scale``."""
    p = SAMPLES[kind]()
    basis = p.plan["budget_basis"]
    p.plan["budget_basis"] = Text("\n".join([basis.ko, *[_EXTRA.ko] * lines]), "\n".join([basis.en, *[_EXTRA.en] * lines]))
    for line in p.budget.lines:
        line.amount_krw *= scale
        line.items = [dataclasses.replace(i, unit_price_krw=i.unit_price_krw * scale) for i in line.items]
    return p


def pages(tmp_path, p: Proposal, lang: str, draft: bool) -> list[list[str]]:
    """Each page's lines as laid out (``pdftotext -layout``), without blank lines and furniture."""
    out = tmp_path / "p.pdf"
    export_packet(p, str(out), lang=lang, draft=draft)
    return [[line for line in page.splitlines() if line.strip() and not _FURNITURE.match(line)]
            for page in pdftotext(out.read_bytes(), layout=True)]


Pages = tuple[tuple[str, ...], ...]


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory) -> Callable[[str, str, bool, int, int], Pages]:
    """The pages of ``variant(kind, lines, scale)`` exported in ``lang`` (a draft or not), laid out once
    for the module: every test that reads the same variant reads the same layout, as tuples no test
    can change."""
    made: dict[tuple[str, str, bool, int, int], Pages] = {}

    def get(kind: str, lang: str, draft: bool, lines: int, scale: int) -> Pages:
        key = (kind, lang, draft, lines, scale)
        if key not in made:
            folder = tmp_path_factory.mktemp("page-breaks")
            made[key] = tuple(tuple(page) for page in pages(folder, variant(kind, lines, scale), lang, draft))
        return made[key]

    return get


def _cases() -> list:
    """Both samples in both languages, final and draft, lengthened and scaled; the cases of one sample
    and language run in one process (``--dist loadgroup``), so they share their layouts."""
    return [pytest.param(kind, lang, draft, lines, scale, marks=pytest.mark.xdist_group(f"page-breaks-{kind}-{lang}"))
            for kind in ("super_regional", "leap") for lang in ("ko", "en")
            for draft in (False, True) for lines, scale in ((0, 1), (1, 1), (2, 1), (4, 1), (0, 7), (3, 7))]


CASES = _cases()


@pytest.mark.parametrize(("kind", "lang", "draft", "lines", "scale"), CASES)
def test_the_support_and_share_plan_names_the_organisation_on_every_page(laid_out, kind, lang, draft, lines, scale):
    p = variant(kind, lines, scale)
    names = {o.name.get(lang) for o in p.organisations}
    group = re.compile(r"^\s*\((.+), (?:계속|continued)\)\s*$")
    for number, page in enumerate(laid_out(kind, lang, draft or scale != 1, lines, scale), start=1):
        named = [line.strip() in names or bool(group.match(line)) for line in page]
        assert not named[-1], f"page {number} ends with an organisation's name: {page[-1]!r}"
        if not page[0].startswith(_CAPTION[lang]):
            continue
        first = next(i for i, line in enumerate(page) if _ROW.match(line))
        assert any(named[1:first]), f"page {number} starts with bare year rows: {page[first]!r}"
        label = next(line for line, n in zip(page, named, strict=True) if n)
        if group.match(label):
            assert group.match(label).group(1) in names


@pytest.mark.parametrize(("kind", "lang"), [pytest.param(kind, lang, marks=pytest.mark.xdist_group(f"page-breaks-{kind}-{lang}"))
                                             for kind, lang in [("super_regional", "ko"), ("super_regional", "en"), ("leap", "ko")]])
def test_a_group_continued_on_a_new_page_is_named_again(laid_out, kind, lang):
    """Among the layouts the lengthened text gives, one breaks 8-1 inside an organisation's rows:
    the next page names the organisation first, "(name, continued)"."""
    group = re.compile(r"^\s*\((.+), (?:계속|continued)\)\s*$")
    for lines, scale in [(n, 1) for n in range(0, 20, 2)] + [(n, 7) for n in range(0, 12, 2)]:
        p = variant(kind, lines, scale)
        names = {o.name.get(lang) for o in p.organisations}
        for page in laid_out(kind, lang, scale != 1, lines, scale):  # a scaled budget breaks rules: a draft
            # an organisation continued on 8-1's page (the 산출근거 also continues a year: "(2023, 계속)")
            labels = [line for line in page if group.match(line) and group.match(line).group(1) in names]
            if labels and any(line.strip().startswith(_CAPTION[lang]) for line in page[:2]):
                assert [line for line in page if line in labels or _ROW.match(line)][0] == labels[0]
                assert ("계속" if lang == "ko" else "continued") in labels[0]
                return
    pytest.fail("no layout breaks 8-1 inside an organisation")


def _notes(p: Proposal, lang: str, draft: bool) -> tuple[set[str], set[str]]:
    """The notes under the packet's tables, and their captions, as the description has them."""
    from forms.money import EntryUnit
    from forms.rules import validate
    from reports import content
    from reports.packet import describe, packet

    doc = describe(packet(p, validate(p), lang, draft, EntryUnit.THOUSAND))
    tables = [b for b in doc.all_blocks() if isinstance(b, content.Table)]
    return {n for t in tables for n in t.notes}, {t.caption for t in tables if t.caption}


@pytest.mark.parametrize(("kind", "lang", "draft", "lines", "scale"), CASES)
def test_a_tables_notes_and_caption_stay_with_it(laid_out, kind, lang, draft, lines, scale):
    p = variant(kind, lines, scale)
    draft = draft or scale != 1
    notes, captions = _notes(p, lang, draft)
    assert notes
    for number, page in enumerate(laid_out(kind, lang, draft, lines, scale), start=1):
        top = page[0].strip()
        assert not any(note.startswith(top) or top.startswith(note[:30]) for note in notes), \
            f"page {number} starts with a table's note: {top!r}"
        foot = page[-1].strip()
        assert not any(foot.startswith(caption) for caption in captions), f"page {number} ends with a caption: {foot!r}"


def _paragraphs(p: Proposal, lang: str, draft: bool) -> list[str]:
    """The text of every paragraph of prose in the packet (plan text, generated sentences), squashed."""
    from forms.money import EntryUnit
    from forms.rules import validate
    from reports import content
    from reports.packet import describe, packet
    from tests.reports.pdfcheck import squash

    doc = describe(packet(p, validate(p), lang, draft, EntryUnit.THOUSAND))
    return [squash(b.text) for b in doc.all_blocks() if isinstance(b, content.Para)
            and b.role in ("body", "bullet0", "bullet1", "bullet2", "bullet3", "statement")]


@pytest.mark.parametrize(("kind", "lang", "draft", "lines", "scale"), CASES)
def test_no_line_of_a_paragraph_stands_alone_at_a_page_top_or_foot(laid_out, kind, lang, draft, lines, scale):
    from tests.reports.pdfcheck import squash

    p = variant(kind, lines, scale)
    draft = draft or scale != 1
    paragraphs = _paragraphs(p, lang, draft)
    for number, page in enumerate(laid_out(kind, lang, draft, lines, scale)[1:], start=2):
        top, foot = squash(page[0]), squash(page[-1])
        widows = [t for t in paragraphs if len(top) > 3 and t.endswith(top) and len(t) > len(top)]
        assert not widows, f"page {number} opens with the last line of a paragraph alone: {page[0]!r}"
        orphans = [t for t in paragraphs if len(foot) > 3 and t.startswith(foot) and len(t) > len(foot)]
        assert not orphans, f"page {number} ends with the first line of a paragraph alone: {page[-1]!r}"
