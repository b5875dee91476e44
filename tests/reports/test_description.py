"""The packet's description (reports.content): plain data any format can lay out."""

from __future__ import annotations

import subprocess
import sys

from forms.money import EntryUnit
from forms.rules import validate
from forms.sample import SAMPLES
from reports import content


def test_the_description_loads_no_format_library():
    code = ("import sys, reports.content, reports.packet; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'pypdf')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_description_holds_the_packet_in_order():
    from reports.packet import describe, packet

    p = SAMPLES["super_regional"]()
    doc = describe(packet(p, validate(p), "ko", False, EntryUnit.THOUSAND))
    assert doc.cover is not None and doc.cover.seals == ["경상북도지사", "대구광역시장"]
    chapters = [b.shown for b in doc.blocks if isinstance(b, content.Heading) and b.level == 0]
    # the generated attachments follow the main document, each a chapter of the contents
    assert [h.shown for h in doc.headings(0)][len(chapters):] == [a.heading().shown for a in doc.attachments]
    assert doc.attachments[0].heading().shown == "붙임 1 지방비 부담 확약서 (경상북도)"
    # the order is the point here: the packet opens with the form's first chapter and ends with its last
    assert chapters[0] == "00 연구개발과제 개요" and chapters[-1] == "08 연구개발비 사용계획"
    tables = [b for b in doc.blocks if isinstance(b, content.Table)]
    support = next(t for t in tables if t.header_rows == 2 and "지원 및 부담" in t.caption)
    assert [c.text for c in support.rows[1] if c is not None][:2] == ["경상북도", "대구광역시"]  # a column per region
    assert isinstance(doc.blocks[-1], content.Fingerprint)
    assert "검증 결과" not in doc.text()
