"""The final packet carries an empty signature field per signing region, lead first, named by its code
and laid over the seal box of that region's local-funds commitment; the fields keep the packet
archival and its bytes the same from run to run; a draft carries none."""

import pytest

from forms import regions
from forms.sample import SAMPLES
from reports.export import write_packet
from tests.reports.pdfcheck import reader, squash


@pytest.fixture(scope="module")
def packet(sample_packet):
    return sample_packet("super_regional", "ko")


def _fields(pdf):
    r = reader(pdf)
    form = r.trailer["/Root"].get("/AcroForm")
    return r, [f.get_object() for f in form.get_object()["/Fields"]] if form is not None else []


def _seal_mark(page) -> list[tuple[float, float]]:
    """Where "(직인)" is printed on ``page`` (its text's origin, in page coordinates)."""
    found = []

    def visit(text, cm, tm, _font, _size):
        if "직" in text:
            found.append((cm[0] * tm[4] + cm[2] * tm[5] + cm[4], cm[1] * tm[4] + cm[3] * tm[5] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def test_one_field_per_region_lead_first_on_its_own_seal_box(packet):
    r, fields = _fields(packet)
    proposal = SAMPLES["super_regional"]()
    assert [str(f["/T"]) for f in fields] == proposal.applicant_regions() == ["KR-47", "KR-27"]
    for field, code in zip(fields, proposal.applicant_regions(), strict=True):
        region = regions.name(code, proposal.date, "ko")
        assert field["/FT"] == "/Sig" and "/V" not in field
        numbers = {p.indirect_reference.idnum: i for i, p in enumerate(r.pages)}
        page = r.pages[numbers[field.raw_get("/P").idnum]]
        text = squash(page.extract_text())
        assert "지방비부담확약서" in text and f"({region})" in text
        assert [a.get_object()["/T"] for a in page["/Annots"] if a.get_object().get("/FT") == "/Sig"] == [field["/T"]]
        left, bottom, right, top = (float(v) for v in field["/Rect"])
        assert round((right - left) / 72 * 25.4) == 20 and round((top - bottom) / 72 * 25.4) == 18  # the seal's box
        marks = _seal_mark(page)
        assert marks and all(left <= x <= right and bottom <= y <= top for x, y in marks)


def test_the_fields_keep_the_packet_archival(packet):
    r, fields = _fields(packet)
    assert "/NeedAppearances" not in r.trailer["/Root"]["/AcroForm"].get_object()
    for field in fields:
        assert int(field["/F"]) == 4  # printed, never hidden
        assert not {"/A", "/AA"} & set(field.keys())
        appearance = field["/AP"]["/N"].get_object()
        assert set(field["/AP"].keys()) == {"/N"}
        assert appearance["/Subtype"] == "/Form" and appearance.get_data() == b""


def test_same_bytes_every_run_and_a_draft_has_no_field(packet, tmp_path):
    out = tmp_path / "again.pdf"
    write_packet(SAMPLES["super_regional"](), str(out), lang="ko")
    assert out.read_bytes() == packet
    write_packet(SAMPLES["super_regional"](), str(tmp_path / "d.pdf"), lang="ko", draft=True)
    assert _fields((tmp_path / "d.pdf").read_bytes())[1] == []
