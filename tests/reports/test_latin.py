"""The English packet's Latin text in a Latin face (Noto Serif and Noto Sans, bundled), its Korean
runs in Nanum; typographic punctuation, plurals, and the addressee line where the Korean has it."""

from __future__ import annotations

import re

import pytest

from forms.money import EntryUnit
from forms.rules import validate
from forms.sample import SAMPLES
from reports.export import export_packet
from reports.packet import describe, packet
from tests.reports.pdfcheck import outline_titles, page_texts, reader, squash

_LATIN = re.compile(r"[A-Za-z]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def packets(tmp_path_factory) -> dict[str, bytes]:
    out = {}
    for lang in ("ko", "en"):
        path = tmp_path_factory.mktemp("latin") / f"{lang}.pdf"
        p = SAMPLES["super_regional"]()
        # Korean typed into the English text (the packet itself writes none in English)
        p.section("summary").en += "\n○ The call's Korean name: 지역혁신 메가프로젝트"
        export_packet(p, str(path), lang=lang)
        out[lang] = path.read_bytes()
    return out


def _runs(pdf: bytes) -> list[tuple[str, str]]:
    """(text, base font without its subset tag) of every run of text drawn on every page."""
    runs: list[tuple[str, str]] = []
    for page in reader(pdf).pages:
        def visit(text, _cm, _tm, font, _size) -> None:
            if text.strip() and font is not None:
                runs.append((text, str(font["/BaseFont"]).split("+")[-1]))
        page.extract_text(visitor_text=visit)
    return runs


def test_latin_text_is_set_in_noto_and_korean_text_in_nanum(packets):
    runs = _runs(packets["en"])
    latin = [(t, f) for t, f in runs if _LATIN.search(t) and not _HANGUL.search(t)]
    assert len(latin) > 500
    assert {f for _t, f in latin} == {"NotoSerif-Regular", "NotoSans-Regular", "NotoSans-Bold"}
    hangul = [(t, f) for t, f in runs if _HANGUL.search(t)]
    assert hangul and all(f.startswith("Nanum") for _t, f in hangul)  # 지역혁신 메가프로젝트
    hyphenated = {f for t, f in latin if "non-deforming" in t}
    assert hyphenated and hyphenated <= {"NotoSerif-Regular", "NotoSans-Regular", "NotoSans-Bold"}  # Noto's hyphen


def test_the_korean_packet_keeps_its_latin_letters_in_nanum(packets):
    """Korean word processors set a Korean document's figures and Latin letters in its own
    face; one face per run also keeps a table's figures the width they were measured in."""
    assert {f for _t, f in _runs(packets["ko"])} == {"NanumMyeongjo", "NanumGothic", "NanumGothicBold"}


def test_english_punctuation_is_typographic(packets):
    text = "\n".join(page_texts(packets["en"]))
    assert "'" not in text and '"' not in text
    assert "thecall’scap" in squash(text)
    assert "“Upcyclingofrawmaterials" in squash(text)  # the profile's wording quotes the title


def test_the_to_line_stands_where_the_korean_has_its_addressee(packets):
    """The cover and every generated commitment end with the addressee: 과학기술정보통신부장관 귀하
    in Korean, "To: The Minister, Ministry of Science and ICT" in English, on the same pages."""
    pages = {}
    for lang, line in (("ko", "과학기술정보통신부장관귀하"), ("en", "To:TheMinister,MinistryofScienceandICT")):
        texts = [squash(t) for t in page_texts(packets[lang])]
        attachments = [page for level, title, page in outline_titles(packets[lang])
                       if level == 0 and title.startswith(("붙임", "Attachment"))]
        pages[lang] = [i for i, t in enumerate(texts, start=1) if line in t]
        assert pages[lang] == [1, *attachments], lang
        assert len(attachments) == 10
    en_to = {f for t, f in _runs(packets["en"]) if t.startswith("To:")}
    assert en_to == {"NotoSans-Bold"}  # the English line in the Latin face of the Korean line's Gothic


@pytest.mark.parametrize(("years", "ko", "en"), [(1, "1년", "1 year"), (3, "3년", "3 years")])
def test_a_stages_length_has_its_plural(years, ko, en):
    p = SAMPLES["super_regional"]()
    stage = p.roadmap[-1]
    stage.end_year = stage.start_year + years - 1
    report = validate(p)
    for lang, expected in (("ko", ko), ("en", en)):
        doc = describe(packet(p, report, lang, True, EntryUnit.THOUSAND))
        assert f"\n{expected}\n" in f"\n{doc.text()}\n", lang
