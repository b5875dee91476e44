"""A table cell breaks its lines between words: in Korean at the spaces between 어절, in English
never after a word's hyphen. A column is widened to its widest word, and a word still wider than
its column is set a step or two smaller (``reports.pdf.CELL_SIZES``) and split only when it does
not fit even then."""

from __future__ import annotations

import html
import itertools
import re

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.tables import Table

from forms.money import NBSP
from forms.sample import SAMPLES
from reports import content as c
from reports.pdf import CELL_SIZES, MAX_WORD, PdfRenderer
from tests.reports.pdfcheck import laid_out_tables


def _source(para: Paragraph) -> str:
    """The text a paragraph was made from: its markup without tags, a ``<br/>`` a line break."""
    text = re.sub(r"<br\s*/?>", "\n", para.text)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _lines(para: Paragraph) -> list[str]:
    laid = para.blPara
    if laid.kind == 0:
        return [" ".join(words) for _room, words in laid.lines]
    return ["".join(frag.text for frag in line.words) for line in laid.lines]


def _squash(text: str) -> str:
    return "".join(text.split())


def broken_words(para: Paragraph) -> list[str]:
    """The words (runs without a breaking space) that ``para``'s lines, as it was last laid out,
    end inside although, at the smallest size a cell is set in, they are no wider than
    ``MAX_WORD``: so narrow a word widens its column or is set smaller, and is never split."""
    source = _source(para)
    letters: list[str] = []
    starts = {0}  # where a word begins, counted in letters (spaces left out)
    space = False
    for ch in source:
        if ch.isspace():
            space = space or ch != NBSP
            continue
        if space:
            starts.add(len(letters))
            space = False
        letters.append(ch)
    squashed = "".join(letters)
    lines = [_squash(line) for line in _lines(para)]
    assert "".join(lines) == squashed, (lines, source)  # nothing lost, nothing added
    bounds = sorted(starts | {len(letters)})
    broken, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        if at in starts:
            continue
        word = squashed[max(b for b in bounds if b < at):min(b for b in bounds if b > at)]
        if stringWidth(word, para.style.fontName, CELL_SIZES[-1]) <= MAX_WORD:
            broken.append(f"{line[-8:]}/{squashed[at:at + 8]}")
    return broken


def _cell_paragraphs(tables: list[Table]) -> list[Paragraph]:
    seen: dict[int, Paragraph] = {}
    for table in tables:
        for row in table._cellvalues:
            for value in row:
                for v in value if isinstance(value, (list, tuple)) else [value]:
                    # (the parts of a cell split over pages are read in the whole cell, laid out before)
                    if isinstance(v, Paragraph) and isinstance(v.text, str) and getattr(v, "blPara", None) is not None:
                        seen.setdefault(id(v), v)
    return list(seen.values())


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("kind", ["super_regional", "leap"])
def test_no_line_of_a_table_cell_ends_inside_a_word(tmp_path, monkeypatch, lang, kind):
    proposal = SAMPLES[kind]()
    tables = laid_out_tables(monkeypatch, proposal, str(tmp_path / "p.pdf"), lang)
    paragraphs = _cell_paragraphs(tables)
    wrapped = [p for p in paragraphs if len(p.blPara.lines) > 1]
    assert len(paragraphs) > 300 and len(wrapped) > 20  # cells of many lines were looked at
    broken = [(w, p.style.name) for p in paragraphs for w in broken_words(p)]
    assert not broken, broken
    # a representative's name in a seal box stays on one line ("Kim" / "Sung-geun" was printed)
    names = [" ".join(o.representative.get(lang).split()).split(" ", 1) for o in proposal.organisations]
    pairs = [pair for p in wrapped for pair in itertools.pairwise(_lines(p))]
    assert not [(a, b) for a, b in pairs for name in names
                if len(name) == 2 and a.endswith(name[0]) and b.startswith(name[1])]

@pytest.mark.parametrize(("lang", "word"), [("ko", "국제공동연구개발비"), ("en", "Gyeongsangbuk-do")])
def test_a_word_a_little_too_wide_is_set_smaller_and_one_far_too_wide_is_split(lang, word):
    renderer = PdfRenderer(c.Document(lang=lang, title="", blocks=[]))
    style = renderer.styles.cell
    at_size = stringWidth(word, style.fontName, style.fontSize)
    at_smallest = stringWidth(word, style.fontName, CELL_SIZES[-1])
    # wide enough at the smallest size only: set smaller, whole
    fitting = renderer.cell_style(c.Cell(f"{word} {word}"), at_smallest + 0.5)
    assert at_smallest + 0.5 < at_size and fitting.fontSize < style.fontSize
    para = renderer.para(f"{word} {word}", fitting)
    para.wrap(at_smallest + 0.5, 1000)
    assert _lines(para) == [word, word]
    # a column too narrow even then: the role's size, and the word is split, nothing lost
    narrow = renderer.cell_style(c.Cell(word), at_smallest * 0.6)
    assert narrow is style
    para = renderer.para(word, narrow)
    para.wrap(at_smallest * 0.6, 1000)
    assert len(_lines(para)) > 1 and "".join(_lines(para)) == word
    # a word that fits at its size keeps it
    assert renderer.cell_style(c.Cell(word), at_size + 1).fontSize == style.fontSize
