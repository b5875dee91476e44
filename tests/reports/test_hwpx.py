"""The editable HWPX copy: schema-valid by python-hwpx's validator, the same words and amounts as
the PDF packet, real merged header cells, page numbers, seal boxes, and the same bytes every time."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hwpx import HwpxDocument
from hwpx.tools.package_validator import validate_package

from forms.money import EntryUnit, decimals_needed, format_in_unit
from forms.rules import validate
from forms.sample import SAMPLES
from reports import hwpx
from reports.export import write_packet
from reports.packet import describe, packet
from tests.reports.pdfcheck import page_texts, squash

AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
CASES = [(kind, lang) for kind in ("super_regional", "leap") for lang in ("ko", "en")]


@pytest.fixture(scope="module")
def made(sample_packet):
    """Each sample in each language, as the PDF and as the HWPX, through the export road."""
    return {(kind, lang): (SAMPLES[kind](), {fmt: sample_packet(kind, lang, fmt=fmt) for fmt in ("pdf", "hwpx")})
            for kind, lang in CASES}


def _text(data: bytes) -> str:
    return HwpxDocument.open(data).text.plain()


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_schema_valid_and_a_sound_package(made, kind, lang):
    _proposal, files = made[(kind, lang)]
    report = HwpxDocument.open(files["hwpx"]).validate()
    assert report.issues == (), report
    assert "Contents/section0.xml" in report.validated_parts
    package = validate_package(files["hwpx"])
    # python-hwpx's own blank template draws one warning (its manifest names no version part,
    # which Hancom reads from version.xml); nothing worse may appear
    assert [i for i in package.issues if i.level != "warning"] == [], package


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_same_words_and_amounts_as_the_pdf(made, kind, lang):
    proposal, files = made[(kind, lang)]
    report = validate(proposal)
    description = describe(packet(proposal, report, lang, False, EntryUnit.THOUSAND))
    text = _text(files["hwpx"])
    flat = squash(text)
    # every line the description prints is in the HWPX (the PDF lays out the same description)
    missing = [line for line in description.text().splitlines() if squash(line) not in flat]
    assert not missing, missing[:5]
    # every amount the PDF shows is in the HWPX, and the HWPX shows no amount the description lacks
    pdf_amounts = set(AMOUNT.findall("\n".join(page_texts(files["pdf"]))))
    hwpx_amounts = set(AMOUNT.findall(text))
    assert pdf_amounts - hwpx_amounts <= _chart_ticks(description), pdf_amounts - hwpx_amounts
    assert hwpx_amounts - set(AMOUNT.findall(description.text())) <= _chart_values(description)


def _xml_text(data: bytes) -> str:
    """Every text of the HWPX's XML parts (it is a zip of XML), read without python-hwpx."""
    from xml.etree import ElementTree

    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("Contents/") and name.endswith(".xml"):
                out += [t for t in ElementTree.fromstring(z.read(name)).itertext() if t.strip()]
    return "\n".join(out)


#: Any figure with a digit group or a decimal point: an amount, in won or in the table's unit.
FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_every_figure_of_the_hwpx_is_one_the_pdf_prints(made, kind, lang):
    """The chart's table in the HWPX is captioned in the packet's unit (천원) and its figures are
    in it: each figure the HWPX holds, the chart's table's included, the PDF prints too."""
    _proposal, files = made[(kind, lang)]
    pdf = squash("\n".join(page_texts(files["pdf"])))
    hwpx_figures = {f for f in FIGURE.findall(_xml_text(files["hwpx"])) if "," in f}
    assert hwpx_figures, "no amount found in the HWPX"
    absent = sorted(f for f in hwpx_figures if f not in pdf)
    assert not absent, absent[:10]


@pytest.mark.parametrize("scale", [1, 7, 1000, 13_579])
def test_the_chart_table_is_in_the_packets_unit_for_any_amount(tmp_path, scale):
    """Across amounts of every size, the HWPX's chart table gives each year's and source's sum
    exactly as the PDF's budget tables do (in 천원), never the won amount under a 천원 caption."""
    proposal = SAMPLES["super_regional"]()
    for line in proposal.budget.lines:
        line.amount_krw, line.items = line.amount_krw * scale + scale * 1000, []
    files = {}
    for fmt in ("pdf", "hwpx"):
        path = tmp_path / f"p.{fmt}"
        write_packet(proposal, str(path), lang="ko", fmt=fmt, draft=True)
        files[fmt] = path.read_bytes()
    pdf = squash("\n".join(page_texts(files["pdf"])))
    hwpx_figures = {f for f in FIGURE.findall(_xml_text(files["hwpx"])) if "," in f}
    absent = sorted(f for f in hwpx_figures if f not in pdf)
    assert not absent, absent[:10]


def _figures(description):
    from reports import content

    return [b.drawing for b in description.all_blocks() if isinstance(b, content.Figure)]


def _chart_ticks(description) -> set[str]:
    from reports import content

    return {t for d in _figures(description) if isinstance(d, content.BarChart) for t in d.tick_labels.values()}


def _chart_values(description) -> set[str]:
    """The chart's figures, which the HWPX gives as a table where the PDF draws bars."""
    from reports import content

    out = set()
    for d in _figures(description):
        if isinstance(d, content.BarChart):
            unit = EntryUnit(d.unit_won)  # exact, as the packet's tables write amounts
            out |= {format_in_unit(v, unit, description.lang, decimals_needed([v], unit))
                    for _n, values in d.series for v in values}
    return out


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_deterministic_archive(made, kind, lang, tmp_path):
    proposal, files = made[(kind, lang)]
    again = tmp_path / "again.hwpx"
    write_packet(proposal, str(again), lang=lang, fmt="hwpx")
    assert again.read_bytes() == files["hwpx"]
    with zipfile.ZipFile(io.BytesIO(files["hwpx"])) as z:
        infos = z.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_korean_styles_merged_headers_units_page_numbers_and_seals(made):
    _proposal, files = made[("super_regional", "ko")]
    with zipfile.ZipFile(io.BytesIO(files["hwpx"])) as z:
        section = z.read("Contents/section0.xml").decode("utf-8")
        header = z.read("Contents/header.xml").decode("utf-8")
    assert 'face="함초롬바탕"' in header and 'face="함초롬돋움"' in header
    assert re.search(r'rowSpan="2"', section) and re.search(r'colSpan="[2-9]"', section)
    assert 'numType="PAGE"' in section  # the page number at the foot of every page
    text = _text(files["hwpx"])
    assert "(단위: 천원)" in text
    assert "경상북도지사\t(인)" in text and "대구광역시장\t(인)" in text  # the seal boxes
    assert "문서확인번호" in section  # the confirmation number is at the foot of each page
    # the attachments listed at the left margin, 끝. after the last one, as in the PDF
    lines = text.splitlines()
    first = lines.index("붙임\u00a0\u00a01. 지방비 부담 확약서 (경상북도) 1부.")
    assert lines[first + 1] == "2. 지방비 부담 확약서 (대구광역시) 1부."
    assert lines[first + 9] == "10. 기업 부담금 확약서 ((주)대경리사이클) 1부.\u00a0\u00a0끝."


def test_export_command_codes_as_for_the_pdf(tmp_path):
    import json

    from forms.files.exchange_write import write_file
    from tests.cli.inprocess import run_main

    p = SAMPLES["leap"]()
    p.budget.lines[0].amount_krw = 10**13
    src = tmp_path / "broken.json"
    write_file(p, str(src))
    out = tmp_path / "x.hwpx"

    def run(*extra):
        return run_main("export", str(src), "--format", "hwpx", "--out", str(out), "--lang", "en", *extra)

    done = run()
    assert done.returncode == 1 and not out.exists()
    done = run("--draft")
    assert done.returncode == 0, done.stderr
    section = zipfile.ZipFile(out).read("Contents/section0.xml").decode()
    assert "<hp:t>DRAFT — not for submission: the proposal does not pass validation.</hp:t>" in section
    assert "<hp:t>초안 / DRAFT · Document confirmation number " in section  # the head of every page
    done = run_main("export", str(src), "--format", "hwpx", "--out", str(tmp_path / "no" / "x.hwpx"), "--draft")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert json.loads(src.read_text(encoding="utf-8"))["budget"]["lines"][0]["amount_krw"] == 10**13


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_properties_and_preview_come_from_the_proposal(made, kind, lang):
    """Creator and last saver are the app, the dates the proposal's own (not the clock's, not the
    template's), the language the document's; the preview text is the document's first lines."""
    from hwpx.oxml.document_metadata import parse_document_metadata
    from lxml import etree

    from forms.base import app

    proposal, files = made[(kind, lang)]
    with zipfile.ZipFile(io.BytesIO(files["hwpx"])) as z:
        hpf = z.read("Contents/content.hpf")
        preview = z.read("Preview/PrvText.txt").decode("utf-8")
    metadata = etree.fromstring(hpf).find("{http://www.idpf.org/2007/opf/}metadata")
    meta = parse_document_metadata(metadata)
    me = f"{app.APP_NAME} {app.VERSION}"
    assert (meta.creator, meta.lastsaveby) == (me, me)
    day = proposal.date.isoformat()
    assert meta.created_date == meta.modified_date == f"{day}T00:00:00Z"
    assert meta.language == lang
    assert b"synthetic" not in hpf and b"2025" not in hpf
    title = proposal.title.get(lang)
    assert meta.title == title
    lines = preview.split("\r\n")
    assert title in lines[:6] and len(preview) <= hwpx.PREVIEW_CHARS
    assert any(line.startswith("<") and line.endswith(">") for line in lines)  # a table's row, as Hangul writes it


@pytest.mark.parametrize("kind", ["super_regional", "leap"])
def test_the_english_copy_gives_the_indicators_baseline_and_targets_in_english(made, kind):
    proposal, files = made[(kind, "en")]
    text = _text(files["hwpx"])
    qualitative = next(i for i in proposal.indicators if i.kind == "qualitative")
    for value in (qualitative.baseline, *qualitative.targets.values()):
        assert value.en in text and value.ko not in text, value


def _part(data: bytes, name: str):
    """One XML part of the HWPX (a zip of XML), parsed without python-hwpx."""
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return ET.fromstring(z.read(name))


def _local(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_korean_words_are_kept_whole_at_the_end_of_a_line(made, kind, lang):
    """Hancom Office reads ``breakNonLatinWord`` the reverse of the schema's wording: BREAK_WORD
    keeps a word (어절) whole, KEEP_WORD breaks it between syllables. No paragraph shape, the
    template's styles included, breaks a Korean word."""
    _proposal, files = made[(kind, lang)]
    header = _part(files["hwpx"], "Contents/header.xml")
    settings = [e.get("breakNonLatinWord") for e in header.iter() if _local(e) == "breakSetting"]
    assert settings and set(settings) == {"BREAK_WORD"}


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_the_page_has_the_pdfs_margins(made, kind, lang):
    """The body starts and ends where the PDF's does (Hancom Office puts the header's and the
    footer's areas inside the top and bottom margins), left and right as the PDF's, and the
    tables are as wide as the text."""
    from collections import Counter

    from reports import styles

    _proposal, files = made[(kind, lang)]
    section = _part(files["hwpx"], "Contents/section0.xml")
    margin = next(e for e in section.iter() if _local(e) == "margin")
    m = {k: int(margin.get(k)) for k in ("left", "right", "top", "bottom", "header", "footer", "gutter")}

    def hwpunit(points: float) -> int:  # 1 pt = 100 HWPUNIT
        return round(points * 100)

    near = 2  # rounding of millimetres to HWPUNIT
    assert abs(m["left"] - hwpunit(styles.MARGIN_LEFT)) <= near
    assert abs(m["right"] - hwpunit(styles.MARGIN_RIGHT)) <= near
    assert abs(m["top"] + m["header"] - hwpunit(styles.MARGIN_TOP)) <= near
    assert abs(m["bottom"] + m["footer"] - hwpunit(styles.MARGIN_BOTTOM)) <= near
    assert m["gutter"] == 0 and m["bottom"] <= hwpunit(styles.FOOTER_Y)  # the footer reaches the PDF's foot line
    text_width = int(next(e for e in section.iter() if _local(e) == "pagePr").get("width")) - m["left"] - m["right"]
    assert abs(text_width - hwpunit(styles.FRAME_WIDTH)) <= 2 * near
    # the tables laid out at the full width (most of them) are as wide as the text, as in the PDF
    widths = Counter(int(e.get("width")) for e in section.iter() if _local(e) == "sz" and e.get("width"))
    assert abs(widths.most_common(1)[0][0] - text_width) <= near


@pytest.mark.parametrize("draft", [False, True])
def test_the_confirmation_number_is_in_the_footer_as_in_the_pdf(draft, tmp_path):
    """The page number, the document confirmation number and a draft's mark are in the footer of
    every page, as the PDF prints them; the copy has no header."""
    from forms.files.exchange_identity import fingerprint
    from reports.content import DRAFT_MARK
    from reports.packet import footer

    proposal = SAMPLES["leap"]()
    out = tmp_path / "x.hwpx"
    write_packet(proposal, str(out), lang="ko", fmt="hwpx", draft=draft)
    label = footer(fingerprint(proposal), "ko")
    assert label.startswith("문서확인번호")
    section = _part(out.read_bytes(), "Contents/section0.xml")
    footers = [e for e in section.iter() if _local(e) == "footer"]
    headers = [e for e in section.iter() if _local(e) == "header"]
    assert headers == [] and footers
    for foot in footers:  # the section's setting and its control in the first paragraph
        words = "".join(e.text or "" for e in foot.iter() if _local(e) == "t")
        assert label in words and "- " in words
        assert any(e.get("numType") == "PAGE" for e in foot.iter() if _local(e) == "autoNum")
        assert (DRAFT_MARK in words) is draft


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_version_names_the_app_and_keeps_what_hancom_needs(made, kind, lang):
    """``version.xml`` says the app wrote the document, not Hancom Office; the attributes Hancom
    Office reads the format from (``tagetApplication`` in its spelling, the OWPML version) stay."""
    from forms.base import app

    _proposal, files = made[(kind, lang)]
    with zipfile.ZipFile(io.BytesIO(files["hwpx"])) as z:
        raw = z.read("version.xml")
    version = _part(files["hwpx"], "version.xml")
    assert version.tag == "{http://www.hancom.co.kr/hwpml/2011/version}HCFVersion"
    assert raw.lstrip().startswith(b"<?xml") and b"<hv:HCFVersion" in raw
    assert (version.get("application"), version.get("appVersion")) == (app.APP_NAME, app.VERSION)
    assert version.get("tagetApplication") == "WORDPROCESSOR"
    assert [version.get(k) for k in ("major", "minor", "micro", "buildNumber", "xmlVersion")] == \
        ["5", "1", "1", "0", "1.5"]
    assert b"Hancom" not in raw
