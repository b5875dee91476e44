"""Extreme and awkward content: long sections, many organisations and lines, markup, missing glyphs."""

from __future__ import annotations

import random

from cli.files import export_command
from forms import bizno
from forms.budget import summarise
from forms.files.exchange_write import write_file
from forms.model import BudgetLine, Organisation, Text
from forms.money import EntryUnit, format_in_unit
from forms.profile import load_profile
from forms.rules import validate
from reports import fonts
from reports.export import export_packet, write_packet
from tests.reports.pdfcheck import all_text, ink_ratios, squash

_SYLLABLES = [chr(c) for c in range(0xAC00, 0xAC00 + 400)]


def _korean_text(length: int, seed: int) -> str:
    """Korean-looking prose of exactly ``length`` characters, with spaces, digits and punctuation."""
    rng = random.Random(seed)
    out: list[str] = []
    while len("".join(out)) < length:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 6)))
        out.append(word + rng.choice([" ", " ", " ", ", ", ". ", f" {rng.randint(1, 999)}% "]))
    return "".join(out)[:length]


def _big(proposal):
    """60 organisations, 200 budget lines, a 10,000-character section."""
    p = proposal
    rng = random.Random(7)
    while len(p.organisations) < 60:
        i = len(p.organisations)
        p.organisations.append(Organisation(
            f"u{i}", Text(f"한국가상대학교 제{i}캠퍼스 산학협력단", f"Virtual University campus {i} foundation"),
            "university", "KR-47" if i % 2 else "KR-27", "participant",
            registration_number=bizno.formatted(f"{500 + i}82{i:04d}")))
    extra = [o.id for o in p.organisations[6:]]
    while len(p.budget.lines) < 200:
        i = len(p.budget.lines)
        p.budget.lines.append(BudgetLine(2023 + i % 3, extra[i % len(extra)], "materials", "own_cash",
                                         rng.randint(1, 900) * 1000))
    p.section("summary").ko = _korean_text(10_000, 1)
    return p


def test_extreme_content_is_all_printed(super_regional, tmp_path):
    p = _big(super_regional)
    assert len(p.organisations) == 60 and len(p.budget.lines) == 200
    assert len(p.section("summary").ko) == 10_000
    out = tmp_path / "big.pdf"
    export_packet(p, str(out), lang="ko", draft=validate(p).has_errors)
    pdf = out.read_bytes()
    text = all_text(pdf)
    assert squash(p.section("summary").ko) in text
    for org in p.organisations:
        assert squash(org.name.ko) in text, org.id
    summary = summarise(p, load_profile(p.call))
    for org_id, totals in summary.by_org.items():
        assert format_in_unit(totals.total, EntryUnit.THOUSAND, "ko") in text, org_id
    assert format_in_unit(summary.total, EntryUnit.THOUSAND, "ko") in text
    assert all(r > 0.004 for r in ink_ratios(pdf, scale=0.25))


def test_the_organisation_tables_repeat_their_header(super_regional, tmp_path):
    p = _big(super_regional)
    out = tmp_path / "big.pdf"
    export_packet(p, str(out), lang="ko", draft=validate(p).has_errors)
    from tests.reports.pdfcheck import page_texts

    # (the contents and the commitments attached after the main document name them too)
    pages_with_orgs = [t for t in page_texts(out.read_bytes()) if "한국가상대학교" in t and "확약서" not in t]
    assert len(pages_with_orgs) >= 3
    for text in pages_with_orgs:
        # the header row is repeated on each page of the table; so is the support plan's caption
        # and unit label, above its header, on each page it runs on
        if "기관별·연도별 연구개발비 지원 및 부담 계획" in text:  # a page the support plan runs on
            assert "(단위: 천원)" in text and "연도" in text
        elif "산출항목" in squash(text):  # the justification, an organisation's name heading its rows
            assert "비목" in text and "재원" in text
        else:  # a page of a table listing organisations by name
            assert "기관명" in text


def test_user_text_is_escaped(super_regional, tmp_path):
    super_regional.section("linkage").en = 'Tags stay text: <b>bold</b> & <font size="40">big</font> &amp; <br/>'
    out = tmp_path / "p.pdf"
    export_packet(super_regional, str(out), lang="en")
    text = all_text(out.read_bytes())
    # (an English packet sets straight quotation marks as typographic ones: size=“40”)
    assert squash('<b>bold</b> & <font size=“40”>big</font> &amp; <br/>') in text


def test_hanja_falls_back_to_gothic_and_emoji_is_reported(super_regional, tmp_path, capsys):
    assert not fonts.covers(fonts.MYEONGJO, "漢") and fonts.covers(fonts.GOTHIC, "漢")
    super_regional.section("summary").ko = "地域革新 메가프로젝트 😀 요약"
    out = tmp_path / "p.pdf"
    written = write_packet(super_regional, str(out), lang="ko")
    assert written.missing == ["U+1F600 GRINNING FACE (plan.summary.ko)"]
    text = all_text(out.read_bytes())
    assert "地域革新메가프로젝트〓요약" in text  # Hanja printed, the emoji shown as 〓 — never a blank box
    assert "U+1F600" not in text  # a final packet carries nothing internal
    export_packet(super_regional, str(out), lang="ko", draft=True)
    assert "U+1F600GRINNINGFACE" in all_text(out.read_bytes())  # a draft names it with its validation report

    source = tmp_path / "p.json"
    write_file(super_regional, str(source))
    assert export_command(str(source), str(tmp_path / "q.pdf"), lang="ko", draft=False, unit="thousand") == 0
    assert "GRINNING FACE" in capsys.readouterr().err


def test_control_characters_and_empty_sections(super_regional, tmp_path):
    super_regional.section("expected_effects").ko = "기대\x00효과\x07\t탭"
    super_regional.section("linkage").ko = ""
    super_regional.section("linkage").en = ""
    out = tmp_path / "p.pdf"
    export_packet(super_regional, str(out), lang="ko", draft=validate(super_regional).has_errors)
    text = all_text(out.read_bytes())
    assert "기대효과탭" in text
    assert "(작성되지않음)" in text


def test_chart_scale_holds_the_tallest_bar():
    from reports.budget import nice_scale

    for largest in (0, 1, 999, 55_000, 1_978_228_000, 2_630_971_000, 7_230_170_000, 10**15):
        for unit in (1, 1000, 1_000_000):
            top, step = nice_scale(largest, unit)
            assert top >= largest and top % step == 0 and step % unit == 0
            assert top // step <= 6 or largest == 0
