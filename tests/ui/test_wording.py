"""The window's words, read as an official reads them: one name for the submission documents, the
local match said without semicolons or dashes for a missing value and without one amount said
twice, the roadmap's section and its stage table told apart, findings explained by the call's
clause rather than a rule code, and messages that name files, not field paths or options."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from forms.base import i18n
from forms.steps import STEPS, Step
from forms.values import Won
from tests.ui.helpers import edit_cell, settle


@pytest.fixture(params=["ko", "en"])
def lang(request):
    from ui import setup

    i18n.set_language(request.param)
    setup.install_qt_translation(request.param)
    yield request.param
    i18n.set_language("en")
    setup.install_qt_translation("en")


def _budget(w):
    w.go(STEPS.index(Step.BUDGET))
    settle()
    return w.budget


def _plain(text: str, lang: str) -> None:
    """No dash standing for a missing value, and in Korean no semicolon joining two sentences."""
    assert not re.search(r"(^|[\s(])[-–—]([\s;,.)]|$)", text), text
    if lang == "ko":
        assert ";" not in text, text


def test_the_packet_is_called_the_submission_documents_everywhere():
    """제출 문서, never 제출 서류, in every Korean catalog."""
    import glob

    from babel.messages.pofile import read_po

    for path in glob.glob("resources/locale/ko/LC_MESSAGES/*.po"):
        with open(path, "rb") as fp:
            for message in read_po(fp, locale="ko"):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                assert not any("제출 서류" in s for s in strings), (path, message.id)
                assert not any(s.startswith("서류") for s in strings), (path, message.id)


def test_the_export_page_says_submission_documents_in_korean(sample_window):
    """The menu names the packet 제출 문서; the export page's box and language field serve the
    HWPX copy and the workbook too, so they name the document, not the packet."""
    from ui import setup

    i18n.set_language("ko")
    setup.install_qt_translation("ko")
    try:
        w = sample_window
        w.go(STEPS.index(Step.EXPORT))
        settle()
        page = w.export
        assert "제출 문서" in w.menus.export_pdf.text()
        for index in range(page.format.count()):
            page.format.setCurrentIndex(index)
            settle()
            assert page.box.title() == "내보낼 문서"
            assert page.lang_label.text() == "문서 언어(&G):" and page.packet_lang.accessibleName() == "문서 언어"
    finally:
        i18n.set_language("en")
        setup.install_qt_translation("en")


def test_an_empty_budget_says_there_are_no_national_funds_yet(window, qtbot, lang):
    w = window
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle()
    text = _budget(w).matching.text()
    _plain(text, lang)
    assert ("아직 편성된 국비가 없어" in text) if lang == "ko" else text.startswith("No national funds are budgeted yet")
    assert ("지방비" not in text.split("확인할 수 없습니다")[1]) if lang == "ko" else "so far" not in text  # no "KRW 0"


def test_the_local_match_sentences_are_plain_and_say_each_amount_once(sample_window, qtbot, lang):
    w = sample_window
    page = _budget(w)
    p = w.doc.proposal
    st = w.doc.report.statement
    _plain(page.matching.text(), lang)  # met, with a surplus

    local = [i for i, line in enumerate(p.budget.lines) if line.source == "local"]
    model = page.model
    first = max(local, key=lambda i: p.budget.lines[i].amount_krw)
    line = p.budget.lines[first]
    # The largest local line lowered by more than the surplus: short of the minimum.
    lowered = line.amount_krw - st.matching.surplus - 10_000_000
    assert lowered > 0
    edit_cell(qtbot, page.table, model.grid.row_of_line(first), model.year_column(line.year),
              f"{lowered:,}원")
    st = w.doc.report.statement
    assert not st.matching.met
    text = page.matching.text()
    _plain(text, lang)
    for amount in (st.matching.required, st.matching.shortfall, st.matching.local):
        assert text.count(Won(amount).render(lang)) == 1, text
    if lang == "ko":
        increase = text.split(". ")[-1]
        assert "증액" in increase and len(re.findall(r"[\d,]+원", increase)) <= 1, text

    # Every local amount typed away: no "add X to reach X".
    for i in local:
        line = w.doc.proposal.budget.lines[i]
        edit_cell(qtbot, page.table, model.grid.row_of_line(i), model.year_column(line.year), "0")
    st = w.doc.report.statement
    assert st.matching.local == 0
    text = page.matching.text()
    _plain(text, lang)
    assert text.count(Won(st.matching.required).render(lang)) == 1, text
    finding = next(f for f in w.doc.report.findings if f.code == "budget.local_match_short")
    assert finding.message(lang).count(Won(st.matching.required).render(lang)) == 1


def test_the_roadmap_section_and_its_stage_table_have_different_names(sample_window, lang):
    from forms.model import label
    from forms.profile import load_profile

    w = sample_window
    w.go(STEPS.index(Step.PLAN))
    settle()
    profile = load_profile(w.doc.proposal.call)
    section = profile.form.section("roadmap").title.get(lang)
    assert label("roadmap", lang) == section  # the plan section, as the form names it
    table = w.plan.roadmap_box.title()
    assert table != section and "최대 10년" not in table and section not in table


def test_review_explains_a_finding_by_the_calls_clause_not_by_a_rule_code(sample_window, qtbot, lang):
    from forms.rules.base import RULES

    w = sample_window
    page = _budget(w)
    p = w.doc.proposal
    first = next(i for i, line in enumerate(p.budget.lines) if line.source == "local")
    line = p.budget.lines[first]
    edit_cell(qtbot, page.table, page.model.grid.row_of_line(first), page.model.year_column(line.year), "0")
    w.go(STEPS.index(Step.REVIEW))
    settle()
    tree = w.review.tree
    tips = [tree.topLevelItem(i).child(j).toolTip(0) for i in range(tree.topLevelItemCount())
            for j in range(tree.topLevelItem(i).childCount())]
    assert tips
    for tip in tips:
        assert not any(code in tip for code in RULES), tip
    short = next(t for t in tips if ("지방비" in t if lang == "ko" else "Local funds" in t))
    assert ("근거: " in short) if lang == "ko" else ("Basis in the call: " in short)


def test_a_second_window_is_not_told_about_command_line_options(app, db_path, monkeypatch, lang):
    from ui import app as uiapp

    shown: list[str] = []
    monkeypatch.setattr(uiapp.QMessageBox, "critical", staticmethod(lambda _p, _t, text: shown.append(text)))
    first = uiapp.acquire_lock(db_path)
    try:
        assert uiapp.acquire_lock(db_path) == uiapp.EXIT_LOCKED
    finally:
        first.release()
    assert len(shown) == 1 and "--db" not in shown[0] and db_path in shown[0]


def test_an_import_error_names_the_file_and_the_field_in_words(window, tmp_path, monkeypatch, lang):
    from forms.files.exchange import to_dict
    from forms.sample import SAMPLES

    data = to_dict(SAMPLES["super_regional"]())
    data["budget"]["lines"][3]["amount_krw"] = -5
    bad = tmp_path / "경북-제안서.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr("ui.files.chosen", lambda dialog: [str(bad)])
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: said.append(text)))
    window.menus.import_.trigger()
    settle()
    assert len(said) == 1
    assert "경북-제안서.json" in said[0]
    assert "budget.lines" not in said[0] and "amount_krw" not in said[0] and "[3]" not in said[0]
    assert ("예산 항목 4번" in said[0]) if lang == "ko" else ("Budget line 4" in said[0])
