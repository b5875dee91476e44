"""The packet is an archival PDF (PDF/A-2u), read back: the rules of ISO 19005-2 a machine can
check without a validator — XMP metadata declaring the conformance and agreeing with the document
information, the sRGB output intent, fonts embedded with Unicode maps, no script or action that
leaves the document, no encryption, the file syntax (header, binary comment, end-of-line before
``endstream``, identifier) — and a scan that keeps it from being one is named in a warning."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

import main
from forms.files import exchange_write
from forms.model import ScanAttachment
from forms.sample import SAMPLES
from reports.export import write_packet
from tests import scanfiles
from tests.reports.pdfcheck import embedded, font_dicts, reader

NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "pdfaid": "http://www.aiim.org/pdfa/ns/id/", "dc": "http://purl.org/dc/elements/1.1/",
      "pdf": "http://ns.adobe.com/pdf/1.3/", "xmp": "http://ns.adobe.com/xap/1.0/"}
_ACTIVE = {"/JavaScript", "/JS", "/Launch", "/AA", "/SubmitForm", "/ImportData", "/ResetForm", "/URI", "/Sound",
           "/Movie", "/Rendition", "/EmbeddedFiles"}


def _scanned(pdf: bytes) -> object:
    p = SAMPLES["super_regional"]()
    p.attachments = [
        ScanAttachment(id="scan-1", slot="local_funds_commitment", name="commitment.pdf",
                       media_type="application/pdf", data=pdf),
        ScanAttachment(id="scan-2", slot="official_letter", name="letter.png", media_type="image/png",
                       data=scanfiles.image("PNG")),
    ]
    return p


def _export(tmp_path, proposal, name: str, lang: str = "en", draft: bool = False) -> tuple[bytes, object]:
    out = tmp_path / name
    written = write_packet(proposal, str(out), lang=lang, draft=draft)
    return out.read_bytes(), written


@pytest.fixture(scope="module")
def packets(tmp_path_factory, sample_packet):
    """The packet in Korean, a draft in English (its mark drawn translucent), and one with a scanned
    PDF whose fonts it carries and an image."""
    tmp = tmp_path_factory.mktemp("pdfa")
    return {
        "ko": sample_packet("super_regional", "ko"),
        "draft": sample_packet("super_regional", "en", draft=True),
        "scan": _export(tmp, _scanned(scanfiles.pdf_with_embedded_font(2, "ARCHIVED")), "scan.pdf")[0],
    }


KINDS = ("ko", "draft", "scan")


def _xmp(pdf: bytes) -> ET.Element:
    r = reader(pdf)
    stream = r.trailer["/Root"]["/Metadata"].get_object()
    assert stream["/Type"] == "/Metadata" and stream["/Subtype"] == "/XML"
    return ET.fromstring(stream.get_data())


def _one(root: ET.Element, path: str) -> str:
    found = root.findall(f".//rdf:Description/{path}", NS)
    assert len(found) == 1, path
    return found[0].text or ""


def _as_pdf_date(xmp_date: str) -> str:
    """``2023-03-02T00:00:00+00:00`` as a PDF date ``D:20230302000000+00'00'``."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:([+-])(\d\d):(\d\d)|Z)", xmp_date)
    assert m, xmp_date
    y, mo, d, h, mi, s, sign, th, tm = m.groups()
    return f"D:{y}{mo}{d}{h}{mi}{s}" + (f"{sign}{th}'{tm}'" if sign else "Z")


@pytest.mark.parametrize("kind", KINDS)
def test_the_xmp_declares_pdfa_2u_and_says_what_the_document_information_says(packets, kind):
    pdf = packets[kind]
    root = _xmp(pdf)
    assert _one(root, "pdfaid:part") == "2" and _one(root, "pdfaid:conformance") == "U"
    info = reader(pdf).trailer["/Info"].get_object()
    assert _one(root, "dc:title/rdf:Alt/rdf:li") == info["/Title"] != ""
    assert _one(root, "dc:creator/rdf:Seq/rdf:li") == info["/Author"] != ""
    assert _one(root, "dc:description/rdf:Alt/rdf:li") == info["/Subject"]
    assert _one(root, "pdf:Producer") == info["/Producer"]
    assert _one(root, "xmp:CreatorTool") == info["/Creator"]
    assert _one(root, "pdf:Keywords") == info["/Keywords"]
    assert _as_pdf_date(_one(root, "xmp:CreateDate")) == info["/CreationDate"]
    assert _as_pdf_date(_one(root, "xmp:ModifyDate")) == info["/ModDate"]
    day = SAMPLES["super_regional"]().date.strftime("%Y%m%d")
    assert info["/CreationDate"].startswith(f"D:{day}000000")  # the proposal's own date, as before


def test_a_korean_title_and_markup_characters_are_the_same_in_both(tmp_path):
    p = SAMPLES["super_regional"]()
    p.title.ko = "이차전지 <소재> & \"재활용\" 메가프로젝트"
    pdf, _ = _export(tmp_path, p, "t.pdf", "ko")
    info = reader(pdf).trailer["/Info"].get_object()
    assert _one(_xmp(pdf), "dc:title/rdf:Alt/rdf:li") == info["/Title"] == p.title.ko


def test_a_proposal_without_a_lead_region_has_no_author_in_either(tmp_path):
    p = SAMPLES["super_regional"]()
    p.lead_region = ""
    pdf, _ = _export(tmp_path, p, "n.pdf", "en", draft=True)
    assert "/Author" not in reader(pdf).trailer["/Info"].get_object()
    assert not _xmp(pdf).findall(".//dc:creator", NS)


@pytest.mark.parametrize("kind", KINDS)
def test_the_output_intent_is_srgb_with_its_profile_embedded(packets, kind):
    intents = reader(packets[kind]).trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/Type"] == "/OutputIntent" and intent["/S"] == "/GTS_PDFA1"
    assert intent["/OutputConditionIdentifier"]
    profile = intent["/DestOutputProfile"].get_object()
    icc = profile.get_data()
    assert profile["/N"] == 3
    assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB " and icc[12:16] == b"mntr"
    assert icc[8] == 2  # ICC version 2, as PDF/A-2 readers expect
    assert int.from_bytes(icc[:4], "big") == len(icc)
    assert b"sRGB" in icc  # its description names the space


@pytest.mark.parametrize("kind", KINDS)
def test_every_font_is_embedded_with_a_unicode_map(packets, kind):
    fonts = font_dicts(packets[kind])
    assert len(fonts) >= 2
    for name, font in fonts.items():
        descendant = font["/DescendantFonts"][0].get_object() if font.get("/Subtype") == "/Type0" else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, name
        assert "/ToUnicode" in font, name


def _objects(pdf: bytes):
    r = reader(pdf)
    for number in range(1, int(r.trailer["/Size"])):
        obj = r.get_object(number)
        if obj is not None:
            yield obj


def _dicts(obj, depth: int = 0):
    if depth > 20:
        return
    if isinstance(obj, dict):
        yield obj
        for value in obj.values():
            yield from _dicts(value, depth + 1)
    elif isinstance(obj, list):
        for value in obj:
            yield from _dicts(value, depth + 1)


@pytest.mark.parametrize("kind", KINDS)
def test_nothing_runs_a_script_or_leaves_the_document_and_nothing_is_encrypted(packets, kind):
    _no_active_content(packets[kind])


@pytest.mark.parametrize("kind", ["javascript", "open_action", "page_action", "launch", "uri"])
def test_a_scan_carrying_active_content_leaves_none_in_the_archival_packet(tmp_path, kind):
    pdf, _ = _export(tmp_path, _scanned(scanfiles.active_pdf(kind)), f"{kind}.pdf")
    _no_active_content(pdf)
    pages = [page.extract_text() or "" for page in reader(pdf).pages]
    assert sum("SCANLETTER" in text for text in pages) == 2  # the scan's two pages are there, without it


def _no_active_content(pdf: bytes) -> None:
    r = reader(pdf)
    assert "/Encrypt" not in r.trailer and not r.is_encrypted
    assert "/OpenAction" not in r.trailer["/Root"]
    links = 0
    for obj in _objects(pdf):
        for d in _dicts(obj):
            assert not _ACTIVE & set(d.keys()), sorted(d.keys())
            if "/A" in d:  # an action may only go somewhere in the document
                assert d["/A"].get_object()["/S"] == "/GoTo"
            if "/Dest" in d:
                links += 1
            if d.get("/Type") == "/Annot":
                assert int(d.get("/F", 0)) & 4  # printed
            assert d.get("/S") not in ("/JavaScript", "/Launch")
    assert links  # the bookmarks lead to their pages by destination


def _stream_offsets(pdf: bytes):
    """(object number, where its ``stream`` keyword is, its /Length as written) of every stream object."""
    r = reader(pdf)
    for number, offset in r.xref[0].items():
        if not hasattr(r.get_object(number), "get_data"):
            continue
        start = pdf.index(b"stream", offset)
        length = re.search(rb"/Length (\d+)(?: (\d+) R)?", pdf[offset:start])
        assert length, number
        if length.group(2) is None:
            yield number, start, int(length.group(1))
        else:
            yield number, start, int(r.get_object(int(length.group(1))))


@pytest.mark.parametrize("kind", KINDS)
def test_the_file_syntax_is_the_archival_one(packets, kind):
    pdf = packets[kind]
    header, comment = pdf.split(b"\n", 2)[:2]
    assert re.fullmatch(rb"%PDF-1\.[0-7]", header)
    assert comment.startswith(b"%") and sum(b > 127 for b in comment) >= 4  # says "binary" to file transfer
    streams = 0
    for number, start, length in _stream_offsets(pdf):
        body = start + len(b"stream")
        assert pdf[body:body + 2] == b"\r\n" or pdf[body:body + 1] == b"\n", number
        body += 2 if pdf[body:body + 2] == b"\r\n" else 1
        after = pdf[body + length:body + length + 12]
        assert re.match(rb"(\r\n|\r|\n)endstream", after), (number, after)  # an end-of-line, then endstream
        streams += 1
    assert streams > 10 and streams == pdf.count(b"endstream")
    trailer = pdf[pdf.rindex(b"trailer"):]
    assert re.search(rb"/ID\s*\[\s*<[0-9a-fA-F]{32}>\s*<[0-9a-fA-F]{32}>\s*\]", trailer)  # the file's identifier
    assert pdf.rstrip().endswith(b"%%EOF")


def test_the_same_proposal_gives_the_same_archival_bytes(tmp_path, packets):
    again, _ = _export(tmp_path, _scanned(scanfiles.pdf_with_embedded_font(2, "ARCHIVED")), "again.pdf")
    assert again == packets["scan"]
    assert _export(tmp_path, SAMPLES["super_regional"](), "ko2.pdf", "ko")[0] == packets["ko"]


def test_the_scan_the_packet_carries_archivally_is_not_reported(tmp_path):
    _, written = _export(tmp_path, _scanned(scanfiles.pdf_with_embedded_font(1)), "ok.pdf")
    assert written.not_archival == [] and written.missing == []


def test_a_scan_without_its_fonts_is_named_and_the_packet_otherwise_archival(tmp_path, capsys):
    p = _scanned(scanfiles.pdf(2, "PLAINFONT"))  # ReportLab's Helvetica: named, never embedded
    pdf, written = _export(tmp_path, p, "plain.pdf")
    assert len(written.not_archival) == 1
    assert "commitment.pdf" in written.not_archival[0].text("en")
    assert "Helvetica" in written.not_archival[0].text("en")
    assert "commitment.pdf" in written.not_archival[0].text("ko")
    fonts = font_dicts(pdf)
    assert [name for name, f in fonts.items() if not embedded(f)] == ["/Helvetica"]
    assert _one(_xmp(pdf), "pdfaid:part") == "2"  # the rest is as it would be
    assert reader(pdf).trailer["/Root"]["/OutputIntents"]
    # the command line says so, and still writes the packet
    src = tmp_path / "p.json"
    exchange_write.write_file(p, str(src))
    out = tmp_path / "cli.pdf"
    assert main.main(["export", str(src), "--out", str(out), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "not an archival PDF (PDF/A-2u)" in err and "commitment.pdf" in err and "Helvetica" in err
    assert out.read_bytes() == pdf


def test_the_validation_report_is_archival_too(tmp_path):
    from reports.export import write_report

    out = tmp_path / "report.pdf"
    write_report(SAMPLES["super_regional"](), str(out), lang="ko")
    pdf = out.read_bytes()
    assert _one(_xmp(pdf), "pdfaid:conformance") == "U"
    assert reader(pdf).trailer["/Root"]["/OutputIntents"]


@pytest.mark.skipif(not (shutil.which("pdffonts") and shutil.which("pdfinfo")), reason="poppler-utils not installed")
@pytest.mark.parametrize("kind", KINDS)
def test_poppler_reads_it_without_complaint(packets, kind, tmp_path):
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(packets[kind])
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, timeout=60, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and fonts.stderr == ""
    for row in rows:
        emb, _sub, uni = row.split()[-5:-2]
        assert (emb, uni) == ("yes", "yes"), row
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=60, check=True)
    assert info.stderr == ""  # no syntax error
    assert re.search(r"^Metadata Stream:\s+yes$", info.stdout, re.M)
    assert re.search(r"^Encrypted:\s+no$", info.stdout, re.M)
    assert re.search(r"^JavaScript:\s+no$", info.stdout, re.M)
    meta = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True, timeout=60, check=True)
    assert "<pdfaid:part>2</pdfaid:part>" in meta.stdout
