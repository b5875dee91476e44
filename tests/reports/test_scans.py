"""Scanned documents in the packet, read back: every page of a scan is in the PDF after the
generated attachments, listed in the contents, bookmarked, numbered and footed like the rest; the
fingerprint counts the scan; the same proposal still gives the same bytes."""

from __future__ import annotations

import pytest

from forms.files.exchange import dumps, fingerprint, loads
from forms.model import ScanAttachment
from forms.sample import SAMPLES
from reports.export import export_packet
from tests import scanfiles
from tests.reports.pdfcheck import outline_titles, page_texts, reader, squash


def _with_scans():
    p = SAMPLES["super_regional"]()
    p.attachments = [
        ScanAttachment(id="scan-1", slot="local_funds_commitment", name="commitment.pdf",
                       media_type="application/pdf", data=scanfiles.pdf(3, "LETTERPAGE", landscape_last=True)),
        ScanAttachment(id="scan-2", slot="official_letter", name="letter.png", media_type="image/png",
                       data=scanfiles.image("PNG")),
        ScanAttachment(id="scan-3", slot="other", name="photo.jpg", media_type="image/jpeg",
                       data=scanfiles.image("JPEG", (900, 600))),
    ]
    return p


def _export(tmp_path, p, name="out.pdf", lang="ko") -> bytes:
    out = tmp_path / name
    export_packet(p, str(out), lang=lang)
    return out.read_bytes()


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    return _export(tmp_path_factory.mktemp("scans"), _with_scans())


def test_every_scanned_page_is_in_the_packet_numbered_with_the_confirmation_number(scanned, tmp_path):
    plain = _export(tmp_path, SAMPLES["super_regional"]())
    texts = page_texts(scanned)
    # three PDF pages, one page per image: all after the main document, whose list of attachments
    # (붙임) names them too, and may so run onto one more page
    base = len(texts) - 5
    assert len(reader(plain).pages) <= base <= len(reader(plain).pages) + 1
    assert [page for level, _t, page in outline_titles(scanned) if level == 0][-3] == base + 1
    number = "-".join(fingerprint(_with_scans())[i:i + 4] for i in range(0, 12, 4)).upper()
    for i in range(3):
        page = base + 1 + i
        assert f"LETTERPAGE{i + 1}" in texts[page - 1]
        assert f"- {page} -" in texts[page - 1]
        assert f"문서확인번호 {number}" in texts[page - 1]
    for page in (base + 4, base + 5):
        assert f"- {page} -" in texts[page - 1] and f"문서확인번호 {number}" in texts[page - 1]
    # an image is drawn: the page holds one
    assert reader(scanned).pages[base + 3]["/Resources"]["/XObject"]


def test_scans_are_listed_in_the_contents_and_bookmarked_after_the_main_document(scanned):
    entries = outline_titles(scanned)
    base = len(page_texts(scanned)) - 5
    top = [(t, page) for level, t, page in entries if level == 0]
    # after the attachments generated from the data, numbered on from them
    n = len([t for t, _p in top if t.startswith("붙임 ")]) - 3
    assert n > 0 and [t for t, _p in top[-3 - n:-3]] == [f"붙임 {i + 1} " + t.split(" ", 2)[2]
                                                        for i, (t, _p) in enumerate(top[-3 - n:-3])]
    assert top[-3:] == [(f"붙임 {n + 1} 지방비 부담 확약서(날인본)", base + 1), (f"붙임 {n + 2} 공문", base + 4),
                        (f"붙임 {n + 3} 기타 문서", base + 5)]
    contents = squash("".join(page_texts(scanned)[1:top[0][1] - 1]))  # the contents run on over pages
    assert squash(f"붙임 {n + 1} 지방비 부담 확약서(날인본)") + str(base + 1) in contents


def test_a_scanned_pdf_page_keeps_the_scans_orientation(scanned):
    """The landscape page is drawn into the page's frame, scaled, not cut or turned."""
    base = len(page_texts(scanned)) - 5
    page = reader(scanned).pages[base + 2]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert "LETTERPAGE3" in page.extract_text()


def test_the_same_proposal_with_scans_gives_the_same_bytes(scanned, tmp_path):
    assert _export(tmp_path, _with_scans()) == scanned


def test_the_fingerprint_counts_an_attachment_and_its_bytes():
    p = SAMPLES["super_regional"]()
    before = fingerprint(p)
    p.attachments.append(ScanAttachment(id="a", slot="other", name="x.png", media_type="image/png",
                                        data=scanfiles.image("PNG")))
    with_one = fingerprint(p)
    assert with_one != before
    p.attachments[0].data = scanfiles.image("PNG", (601, 840))
    assert fingerprint(p) not in (before, with_one)


def test_attachments_go_through_the_exchange_file_as_base64():
    p = _with_scans()
    text = dumps(p)
    again = loads(text)
    assert [(a.id, a.slot, a.name, a.media_type, a.data) for a in again.attachments] == \
        [(a.id, a.slot, a.name, a.media_type, a.data) for a in p.attachments]
    assert fingerprint(again) == fingerprint(p)


def test_the_english_packet_names_the_attachments_in_english(tmp_path):
    pdf = _export(tmp_path, _with_scans(), lang="en")
    titles = [t for level, t, _page in outline_titles(pdf) if level == 0]
    n = len([t for t in titles if t.startswith("Attachment ")]) - 3  # the generated ones come first
    assert titles[-3:] == [f"Attachment {n + 1} Local-funds commitment (signed)",
                           f"Attachment {n + 2} Official letter", f"Attachment {n + 3} Other document"]


def test_a_proposal_with_attachments_matches_the_json_schema_and_bad_base64_is_named():
    import json

    import jsonschema

    from forms.base.errors import InputError
    from forms.base.paths import resource_path
    from forms.files import exchange

    schema = json.load(open(resource_path("schema", "proposal.schema.json"), encoding="utf-8"))
    doc = exchange.to_dict(_with_scans())
    jsonschema.validate(doc, schema)
    doc["attachments"][1]["data"] = "not base64!"
    with pytest.raises(InputError) as info:
        exchange.from_dict(doc)
    assert info.value.text("en").startswith("attachments[1].data")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)
