"""The form's numbering as the packet prints it: chapters 07 and 08 numbered as the standard plan
form numbers them, in the headings, the contents and the outline alike, and every reference to a
numbered item ("7-2 연구시설·장비") naming a number that exists with the title it has. Read back
from the PDF for both samples, in Korean and English, final and draft."""

from __future__ import annotations

import re

import pytest

from forms.sample import SAMPLES
from reports.export import export_packet
from tests.reports.pdfcheck import outline_titles, pdftotext, squash

#: A reference to a numbered item: "7-2", "07-2", "8-1" — not part of a date, a span of years,
#: a registration or telephone number.
REFERENCE = re.compile(r"(?<![\w.,:/~–-])\d{1,2}-\d{1,2}(?![\w.,/~–-]|\.\d)")
_NUMBERED = re.compile(r"(\d+-\d+) (.+)")


@pytest.fixture(scope="module", params=[(kind, lang, draft) for kind in ("super_regional", "leap")
                                        for lang in ("ko", "en") for draft in (False, True)],
                ids=lambda p: f"{p[0]}-{p[1]}-{'draft' if p[2] else 'final'}")
def packet(request, sample_packet) -> tuple[str, bytes]:
    kind, lang, draft = request.param
    return lang, sample_packet(kind, lang, draft)


def _items(pdf: bytes) -> dict[str, str]:
    """The numbered items of the packet, from its outline: number → title."""
    return {m.group(1): m.group(2) for _level, title, _page in outline_titles(pdf)
            if (m := _NUMBERED.fullmatch(title))}


def test_chapters_07_and_08_are_numbered_as_the_form(packet):
    lang, pdf = packet
    items = _items(pdf)
    want = {"ko": {"7-1": "참여연구자", "7-2": "연구시설·장비", "7-3": "연구개발기관 일반현황",
                   "8-1": "연구개발비 지원 및 부담 계획", "8-2": "비목별·연도별 사업비", "8-3": "연구개발비 산출근거"},
            "en": {"7-1": "Researchers", "7-2": "Facilities and equipment", "7-3": "General data of the organisations",
                   "8-1": "Support and share plan", "8-2": "Budget by category and year",
                   "8-3": "Justification of the budget"}}[lang]
    assert {n: items.get(n) for n in want} == want
    # the contents list the same numbers and titles as the headings
    pages = pdftotext(pdf)
    contents = squash("".join(p for p in pages[1:4] if "목차" in p or "Contents" in p or "붙임" in p))
    for number, title in items.items():
        assert squash(f"{number} {title}") in contents, number
    # 8-1 is the support and share plan, the table grouped by organisation
    caption = {"ko": "기관별·연도별연구개발비지원및부담계획", "en": "Supportandshareplanbyorganisationandyear"}[lang]
    text = squash("".join(pages))
    assert text.index(squash(f"8-1 {want['8-1']}"), len(contents)) < text.index(caption, len(contents))


def test_every_reference_names_an_item_that_exists_with_its_title(packet):
    _lang, pdf = packet
    items = _items(pdf)
    text = " ".join(pdftotext(pdf))
    flat = " ".join(text.split())
    found = 0
    for m in REFERENCE.finditer(flat):
        number = m.group()
        assert number in items, f"{number!r} names no item: …{flat[max(m.start() - 40, 0):m.end() + 40]}…"
        after = squash(flat[m.end():m.end() + 4 * len(items[number]) + 40])
        assert after.startswith(squash(items[number])), (number, items[number], after[:40])
        found += 1
    assert found > len(items)  # the headings, the contents, and the references in the text


def test_a_table_said_to_be_below_follows_in_the_same_item(packet):
    lang, pdf = packet
    items = _items(pdf)
    text = squash("".join(pdftotext(pdf)))
    pattern = re.compile(r"아래(\w+?)표" if lang == "ko" else r"tableof(\w+?)below", re.IGNORECASE)
    refs = list(pattern.finditer(text))
    assert refs  # the samples say it of the performance indicators
    for ref in refs:
        nxt = min((i for i in (text.find(squash(f"{n} {t}"), ref.end()) for n, t in items.items()) if i >= 0),
                  default=len(text))
        assert ref.group(1).lower() in text[ref.end():nxt].lower(), ref.group()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_hwpx_copy_numbers_the_items_as_the_pdf(tmp_path, lang):
    from hwpx import HwpxDocument

    pdf, copy = tmp_path / "p.pdf", tmp_path / "p.hwpx"
    export_packet(SAMPLES["super_regional"](), str(pdf), lang=lang)
    export_packet(SAMPLES["super_regional"](), str(copy), lang=lang, fmt="hwpx")
    items = _items(pdf.read_bytes())
    lines = HwpxDocument.open(copy.read_bytes()).text.plain().splitlines()
    shown = {m.group(1): m.group(2) for line in lines if (m := _NUMBERED.fullmatch(line.strip()))}
    assert shown == items
    assert shown["8-1"] == {"ko": "연구개발비 지원 및 부담 계획", "en": "Support and share plan"}[lang]
