"""The bench's files for LibreOffice, checked without LibreOffice."""

import os
import sys

BENCH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench")
sys.path.insert(0, BENCH)

import fodt  # noqa: E402


def test_fodt_writes_the_sample_packet(tmp_path):
    """The peers' file: the sample packet's description written whole (its attachments list too)."""
    from forms.money import EntryUnit
    from forms.rules import validate
    from forms.sample import SAMPLES
    from reports.packet import describe, packet

    sample = SAMPLES["super_regional"]()
    path = tmp_path / "packet.fodt"
    fodt.write(describe(packet(sample, validate(sample), "ko", False, EntryUnit.THOUSAND)), str(path))
    text = path.read_text(encoding="utf-8")
    assert text.rstrip().endswith("</office:document>")
    import xml.dom.minidom

    xml.dom.minidom.parseString(text.encode())  # well-formed
    assert "fo:margin-left=" in text and "_i0" in text  # an attachment line indented beyond its role
