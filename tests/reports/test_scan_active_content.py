"""A scanned PDF reaches the packet as what it draws only: no script, action, link, form field,
annotation or embedded file of the scan is in the packet, wherever the scan carried it."""

from __future__ import annotations

import pytest
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

import main
from forms.files import exchange
from forms.sample import SAMPLES
from tests import scanfiles
from tests.reports.pdfcheck import page_texts, reader

#: Keys and names that are active content wherever they stand in a PDF.
ACTIVE = {"/JS", "/JavaScript", "/Launch", "/SubmitForm", "/EmbeddedFile", "/EmbeddedFiles", "/AA", "/OpenAction",
          "/URI", "/AcroForm", "/FileAttachment"}


def active_parts(pdf: bytes) -> set[str]:
    """Every active key or name found anywhere in the object tree of ``pdf``, from its trailer."""
    found: set[str] = set()
    seen: set[int] = set()
    todo: list = [reader(pdf).trailer]
    while todo:
        obj = todo.pop()
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                continue
            seen.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, (DictionaryObject, StreamObject)):
            found |= {key for key in obj if key in ACTIVE}
            todo += [obj.raw_get(key) for key in obj]
        elif isinstance(obj, ArrayObject):
            todo += list(obj)
        elif isinstance(obj, NameObject) and obj in ACTIVE:
            found.add(str(obj))
    return found


@pytest.fixture(scope="module")
def proposal(tmp_path_factory):
    path = tmp_path_factory.mktemp("active") / "p.json"
    exchange.write_file(SAMPLES["leap"](), str(path))
    return path


def test_the_walk_finds_active_content_and_the_plain_packet_has_none(proposal, tmp_path):
    for kind in scanfiles.ACTIVE_KINDS:
        assert active_parts(scanfiles.active_pdf(kind)), kind  # each hostile file does carry it
    out = tmp_path / "plain.pdf"
    assert main.main(["export", str(proposal), "--out", str(out), "--draft"]) == 0
    assert active_parts(out.read_bytes()) == set()


@pytest.mark.parametrize("kind", scanfiles.ACTIVE_KINDS)
def test_no_active_content_of_a_scan_reaches_the_packet(proposal, tmp_path, kind):
    scan = tmp_path / f"{kind}.pdf"
    scan.write_bytes(scanfiles.active_pdf(kind))
    attached = tmp_path / "with.json"
    assert main.main(["attach", str(proposal), str(scan), "--slot", "other", "--out", str(attached)]) == 0
    out = tmp_path / "packet.pdf"
    assert main.main(["export", str(attached), "--out", str(out), "--draft"]) == 0
    pdf = out.read_bytes()
    assert active_parts(pdf) == set()
    texts = page_texts(pdf)
    placed = [i for i, text in enumerate(texts) if "SCANLETTER" in text]
    assert ["SCANLETTER1" in texts[placed[0]], "SCANLETTER2" in texts[placed[1]]] == [True, True]  # still drawn
    pages = reader(pdf).pages
    assert [i for i in placed if "/Annots" in pages[i]] == []
