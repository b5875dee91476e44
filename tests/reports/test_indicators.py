"""The performance indicators as the packet prints them: the baseline and every year's target in
the packet's language, read back from the PDF."""

from __future__ import annotations

import json
import re

import pytest

from forms.files import exchange_read, exchange_write
from forms.money import EntryUnit
from forms.rules import validate
from forms.sample import SAMPLES
from reports import content
from reports.export import export_packet
from reports.packet import describe, packet
from tests.reports.pdfcheck import page_texts

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
CAPTION = {"en": "Performance indicators and yearly targets", "ko": "성과지표 및 연차별 목표"}


def _table(p, lang: str) -> content.Table:
    doc = describe(packet(p, validate(p), lang, False, EntryUnit.THOUSAND))
    return next(b for b in doc.blocks if isinstance(b, content.Table) and b.caption == CAPTION[lang])


def _cells(table: content.Table) -> list[list[str]]:
    return [[c.text for c in row if c is not None] for row in table.rows]


def _printed_table(pdf: bytes, lang: str) -> str:
    """The text of the pages the indicator table stands on, from its caption to the end of its
    last row (the schedule's caption follows it)."""
    pages = [t for t in page_texts(pdf) if CAPTION[lang] in t]
    assert pages
    text = "\n".join(t[t.index(CAPTION[lang]):] for t in pages)
    end = {"en": "Schedule", "ko": "수행일정"}[lang]
    return text[: text.rindex(end)] if end in text else text


@pytest.mark.parametrize("kind", ["super_regional", "leap"])
def test_the_english_packet_prints_the_indicators_without_a_korean_word(sample_packet, kind):
    p = SAMPLES[kind]()
    printed = _printed_table(sample_packet(kind, "en"), "en")
    assert not HANGUL.findall(printed), HANGUL.findall(printed)
    qualitative = next(i for i in p.indicators if i.kind == "qualitative")
    words = printed.split()
    for text in (qualitative.baseline.en, *(t.en for t in qualitative.targets.values())):
        assert set(text.split()) <= set(words), text
    assert not any(HANGUL.search(text) for row in _cells(_table(p, "en")) for text in row)


@pytest.mark.parametrize("kind", ["super_regional", "leap"])
def test_the_korean_packet_prints_the_same_indicators_as_from_a_file_of_one_string_each(tmp_path, kind):
    """The Korean table is what it was when baseline and targets were one (Korean) string: read
    such a file, and the Korean packet's table is the same, cell for cell and on paper."""
    p = SAMPLES[kind]()
    doc = exchange_write.to_dict(p)
    doc["format_version"] = 2
    for ind in doc["indicators"]:
        ind["baseline"] = ind["baseline"]["ko"]
        ind["targets"] = {year: t["ko"] for year, t in ind["targets"].items()}
    old = exchange_read.loads(json.dumps(doc, ensure_ascii=False))
    cells = _cells(_table(p, "ko"))
    assert cells == _cells(_table(old, "ko"))
    qualitative = next(i for i in p.indicators if i.kind == "qualitative")
    row = next(r for r in cells if r[0] == qualitative.name.ko)
    assert row[2:6] == [qualitative.baseline.ko, *(qualitative.targets[y].ko for y in sorted(qualitative.targets))]
    assert row[2] == "없음"
    new_pdf, old_pdf = tmp_path / "new.pdf", tmp_path / "old.pdf"
    export_packet(p, str(new_pdf), lang="ko")
    export_packet(old, str(old_pdf), lang="ko")
    printed = _printed_table(new_pdf.read_bytes(), "ko")
    assert printed.split() == _printed_table(old_pdf.read_bytes(), "ko").split()
    for text in (qualitative.baseline.ko, *(t.ko for t in qualitative.targets.values())):
        assert set(text.split()) <= set(printed.split()), text


def test_a_figure_stays_on_one_line_and_a_phrase_wraps():
    p = SAMPLES["super_regional"]()
    rows = _table(p, "en").rows
    numeric = next(r for r in rows[1:] if r[0] is not None and r[0].text == p.indicators[0].name.en)
    assert {c.role for c in numeric[2:6]} == {"num"}
    phrase = next(r for r in rows[1:] if r[0] is not None and r[0].text == p.indicators[-1].name.en)
    assert {c.role for c in phrase[2:6]} == {"text"}
