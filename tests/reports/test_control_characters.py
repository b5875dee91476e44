"""Control characters in any text of a proposal (a line break pasted from Word, a bell, a reversed
byte-order mark) print the same way in the PDF, the HWPX copy and the workbook: a line-breaking one
as a space, the others not at all. No export fails on them, and no XML part the app writes holds one."""

from __future__ import annotations

import copy
import dataclasses
import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from forms.model import Text
from forms.printable import one_line, printable
from forms.rules import validate
from forms.sample import SAMPLES
from reports.export import write_packet
from tests.reports.pdfcheck import page_texts

#: What is pasted into every text: a vertical tab (Word's manual line break), SOH, a bell, the file
#: separator, U+2028, NEL and the reversed byte-order mark U+FFFE.
MIXED = "\v\x01\x07\x1c\u2028\x85\ufffe"
#: str fields of the model that hold a code, an id or a date, not text people read.
CODES = {"id", "call", "type", "lead_region", "kind", "region", "role", "registration_number", "org",
         "category", "source", "slot", "media_type", "task", "start", "end", "partner", "base_fingerprint",
         "entry_unit"}
# the XML 1.0 characters a part may not hold, and C1 controls (which no text needs)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _spiked(proposal):
    """Every text of ``proposal`` (both languages of each Text, and each plain text such as a
    participation's project title or an attachment's name) with control characters inside it;
    returns the number of texts changed."""
    count = 0

    def spike(value: str) -> str:
        half = len(value) // 2
        return value[:half] + MIXED + value[half:] if value else "x" + MIXED

    def visit(obj) -> None:
        nonlocal count
        if isinstance(obj, Text):
            obj.ko, obj.en = spike(obj.ko), spike(obj.en)
            count += 2
        elif isinstance(obj, list):
            for item in obj:
                visit(item)
        elif isinstance(obj, dict):
            for key, value in obj.items():
                if isinstance(value, str):
                    obj[key] = spike(value)
                    count += 1
                else:
                    visit(value)
        elif dataclasses.is_dataclass(obj):
            for f in dataclasses.fields(obj):
                value = getattr(obj, f.name)
                if not isinstance(value, str):
                    visit(value)
                elif f.name not in CODES:
                    setattr(obj, f.name, spike(value))
                    count += 1

    visit(proposal)
    return count


def test_printable_spaces_line_breaks_and_drops_the_rest():
    assert printable("기술 개발\v2차") == "기술 개발 2차"  # Word's manual line break
    for spacer in "\t\v\f\x1c\x1d\x1e\x85\u2028\u2029":
        assert printable(f"a{spacer}b") == "a b"
    assert printable("a\x00b\x07c\x1bd\x7fe\x9ff\ufffeg\uffffh") == "abcdefgh"
    assert printable("first\r\nsecond") == "first\nsecond"  # lines stay lines
    assert one_line("first\nsecond") == "first second"
    assert printable("경북·대구 (주)ÅΩ 😀") == "경북·대구 (주)ÅΩ 😀"  # nothing printable is touched


@pytest.mark.parametrize("kind", ["super_regional", "leap"])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_text_with_control_characters_exports_in_every_format(kind, lang, tmp_path):
    proposal = copy.deepcopy(SAMPLES[kind]())  # the samples share some records between calls
    assert _spiked(proposal) > 100
    proposal.title.ko = "이차전지 소재 개발\v2차"
    proposal.title.en = "Battery materials\vphase 2"
    title = {"ko": "이차전지 소재 개발 2차", "en": "Battery materials phase 2"}[lang]
    lead = proposal.organisations[0]
    lead.name.ko, lead.name.en = "포항공과대학교\v산학협력단", "POSTECH\u2028Foundation"
    name = {"ko": "포항공과대학교 산학협력단", "en": "POSTECH Foundation"}[lang]
    for fmt in ("pdf", "hwpx", "xlsx"):
        out = tmp_path / f"p.{fmt}"
        write_packet(proposal, str(out), lang=lang, draft=True, fmt=fmt)
        data = out.read_bytes()
        if fmt == "pdf":
            assert title in " ".join(page_texts(data)[0].split())
            continue
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".hpf", ".rdf"))}
        for part, text in parts.items():
            assert not _ILLEGAL.search(text), (fmt, part, _ILLEGAL.search(text))
        if fmt == "hwpx":
            assert f"<opf:title>{title}</opf:title>" in parts["Contents/content.hpf"]
            assert f">{title}<" in parts["Contents/section0.xml"]
            assert f">{name}<" in parts["Contents/section0.xml"]
        else:
            assert re.search(f"<dc:title[^>]*>{title}</dc:title>", parts["docProps/core.xml"])
            lines = load_workbook(out).worksheets[0]
            assert name in {row[1] for row in lines.iter_rows(min_row=2, values_only=True)}


def test_a_control_character_is_no_finding():
    """A control character is cleaned where the text is printed; the proposal itself is not wrong."""
    proposal = copy.deepcopy(SAMPLES["super_regional"]())
    before = [(f.code, str(f.path)) for f in validate(proposal).findings]
    proposal.title.ko += "\v2차"
    proposal.organisations[1].name.ko = proposal.organisations[1].name.ko.replace(" ", "\v")
    assert [(f.code, str(f.path)) for f in validate(proposal).findings] == before
