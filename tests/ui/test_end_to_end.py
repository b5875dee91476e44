"""From nothing to an exported packet, by typing into the window: a super-regional proposal meets
the local-match error, the language switches half-way, the error is fixed, the PDF is read back."""

from __future__ import annotations

import os

from pypdf import PdfReader
from PySide6.QtCore import Qt

from forms.model import Text
from forms.profile import load_profile
from forms.steps import STEPS, Step
from tests.ui.helpers import choose, choose_in_cell, codes, edit_cell, type_into
from ui.pages import export as export_page

SECTION_TEXT = "경북과 대구가 함께 이차전지 소재 순환 기술을 개발하여 지역 산업의 경쟁력을 높이고 일자리를 만든다."


def test_new_super_regional_proposal_to_packet(window, qtbot, tmp_path, monkeypatch, store):
    w = window
    # 1. Start: a new proposal for the call.
    qtbot.mouseClick(w.start.new_button, Qt.MouseButton.LeftButton)
    assert w.doc.proposal is not None
    assert w.stack.currentWidget() is w.kind
    assert "type.missing" in codes(w.doc.report)

    # 2. Type: one click.
    qtbot.mouseClick(w.kind.cards["super_regional"][2], Qt.MouseButton.LeftButton)
    assert w.doc.proposal.type == "super_regional"

    # 3. Regions and organisations.
    qtbot.mouseClick(w.next_button, Qt.MouseButton.LeftButton)
    assert w.stack.currentWidget() is w.regions
    choose(w.regions.lead, "KR-47")
    partner = next(w.regions.partners.item(i) for i in range(w.regions.partners.count())
                   if w.regions.partners.item(i).data(Qt.ItemDataRole.UserRole) == "KR-27")
    partner.setCheckState(Qt.CheckState.Checked)
    assert w.doc.proposal.partner_regions == ["KR-27"]
    for name_ko, name_en, region in (("포항공과대학교 산학협력단", "POSTECH", "KR-47"),
                                     ("경북대학교 산학협력단", "Kyungpook National University", "KR-27")):
        qtbot.mouseClick(w.regions.add_button, Qt.MouseButton.LeftButton)
        row = f"organisations[{len(w.doc.proposal.organisations) - 1}]"
        type_into(qtbot, w.regions.widget_for(f"{row}.name.ko"), name_ko)
        type_into(qtbot, w.regions.widget_for(f"{row}.name.en"), name_en)
        choose(w.regions.widget_for(f"{row}.region"), region)
    orgs = w.doc.proposal.organisations
    assert [o.name.ko for o in orgs] == ["포항공과대학교 산학협력단", "경북대학교 산학협력단"]
    assert [o.role for o in orgs] == ["lead", "participant"]
    assert w.step_state(Step.REGIONS) == "complete"

    # 4. Plan: title, every section in Korean, the roadmap by stage.
    qtbot.mouseClick(w.next_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, w.plan.title_edits["ko"], "이차전지 원료소재 업사이클링 기술 개발")
    type_into(qtbot, w.plan.title_edits["en"], "Battery materials upcycling")
    assert list(w.plan.section_boxes) == load_profile(w.doc.proposal.call).form.section_keys()
    for key in w.plan.section_boxes:  # chapter by chapter, as the call's form asks
        w.plan.focus_path(f"plan.{key}.ko")
        type_into(qtbot, w.plan.editors[f"plan.{key}.ko"], SECTION_TEXT * 2)
    for goal in ("원천기술 확보", "실증", "양산"):
        qtbot.mouseClick(w.plan.add_stage, Qt.MouseButton.LeftButton)
        type_into(qtbot, w.plan.widget_for(f"roadmap[{len(w.doc.proposal.roadmap) - 1}].goal.ko"), goal)
    assert [(s.start_year, s.end_year) for s in w.doc.proposal.roadmap] == [(2023, 2025), (2026, 2028), (2029, 2032)]
    # The form's tables in their chapters: a principal investigator, an indicator, a task, and the
    # equipment the local funds will buy.
    people = w.plan.researchers.people
    w.plan.focus_path("researchers")
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, people.widget_for("researchers[0].name.ko"), "강도현")
    choose(people.widget_for("researchers[0].role"), "principal")
    for year in (2023, 2024, 2025):
        people.widget_for(f"researchers[0].rates[{year}]").setValue(30)
    indicators = w.plan.indicators
    w.plan.focus_path("indicators")
    qtbot.mouseClick(indicators.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, indicators.widget_for("indicators[0].name.ko"), "특허 출원")
    indicators.widget_for("indicators[0].weight").setValue(100)
    for year, target in ((2023, "1"), (2024, "2"), (2025, "3")):
        type_into(qtbot, indicators.widget_for(f"indicators[0].targets[{year}].ko"), target)
    qtbot.mouseClick(w.plan.tasks.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, w.plan.tasks.widget_for("tasks[0].name.ko"), "무변형 회수 공정 개발")
    equipment = w.plan.equipment
    qtbot.mouseClick(equipment.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, equipment.widget_for("equipment[0].name.ko"), "재생 반응로")
    price = equipment.widget_for("equipment[0].unit_price_krw")
    type_into(qtbot, price, "11억")
    qtbot.keyClick(price, Qt.Key.Key_Tab)
    type_into(qtbot, equipment.widget_for("equipment[0].review_note.ko"), "불활성 분위기 고온 재생용")
    p = w.doc.proposal
    assert p.researchers[0].org == p.lead_organisation().id and p.researchers[0].role == "principal"
    assert p.researchers[0].rates == {2023: 30, 2024: 30, 2025: 30}
    assert p.equipment[0].unit_price_krw == 1_100_000_000 and p.indicators[0].targets[2025] == Text("3", "")
    assert not [f for f in w.doc.report.errors if f.path.head in ("title", "plan", "roadmap", "researchers",
                                                                       "indicators", "tasks")]

    # 5. Budget: national funds typed as officials type them, then too little local money.
    qtbot.mouseClick(w.next_button, Qt.MouseButton.LeftButton)
    page, model = w.budget, w.budget.model
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    edit_cell(qtbot, page.table, 0, model.year_column(2023), "55억")
    assert w.doc.proposal.budget.lines[0].amount_krw == 5_500_000_000
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    local_row = len(model.grid.rows) - 1
    choose_in_cell(qtbot, page.table, local_row, 1, "equipment")
    choose_in_cell(qtbot, page.table, local_row, 2, "local")
    choose_in_cell(qtbot, page.table, local_row, 3, "KR-47")
    edit_cell(qtbot, page.table, local_row, model.year_column(2023), "1,000,000")  # thousand won: 10억
    assert "budget.local_match_short" in codes(w.doc.report)
    assert w.step_state(Step.BUDGET) == "errors"
    assert not w.export.export_button.isEnabled()
    assert "Add KRW 100,000,000" in w.export.reason.text()
    # the page states the shortfall in the rule's own words, once, and lists it in a few words
    short = next(f for f in w.doc.report.findings if f.code == "budget.local_match_short")
    assert page.matching.text() == short.message("en")
    assert "Add KRW 100,000,000 of local funds." in page.matching.text()
    assert [line for line in page.findings.lines if line.startswith("✖ Local match")] == [
        "✖ Local match " + short.values["ratio"].render("en") + " (at least "
        + short.values["min"].render("en") + ")"]

    # The language switches half-way: same page, same cell, Korean texts.
    current = page.table.currentIndex()
    w.menus.lang_actions["ko"].trigger()
    assert w.stack.currentWidget() is page
    assert page.table.currentIndex() == current
    assert page.heading.text() == "예산"
    assert "부족" in page.matching.text()

    # Fixed: one more 1억 of local funds, typed in Korean units.
    edit_cell(qtbot, page.table, local_row, model.year_column(2023), "11억")
    assert "budget.local_match_short" not in codes(w.doc.report)
    assert not w.doc.report.has_errors, [f.code for f in w.doc.report.errors]
    assert w.step_state(Step.BUDGET) in ("complete", "warnings")

    # 7. Export: the packet is written and read back; the PDF opens through the system.
    w.go(STEPS.index(Step.EXPORT))
    assert w.export.export_button.isEnabled()
    out = tmp_path / "packet.pdf"
    choose(w.export.packet_lang, "ko")
    type_into(qtbot, w.export.file, str(out))
    qtbot.mouseClick(w.export.export_button, Qt.MouseButton.LeftButton)
    assert out.exists()
    text = "".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "이차전지 원료소재 업사이클링 기술 개발" in text
    assert "포항공과대학교 산학협력단" in text
    opened: list[str] = []
    monkeypatch.setattr(export_page, "open_with_system", lambda path, _failed, _parent=None: opened.append(path))
    qtbot.mouseClick(w.export.open_pdf, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.export.open_folder, Qt.MouseButton.LeftButton)
    assert opened == [str(out), str(tmp_path)]

    # Everything typed was saved to the database.
    w.doc.flush()
    stored, _version = store.load(w.doc.proposal.id)
    assert stored.title.ko == "이차전지 원료소재 업사이클링 기술 개발"
    assert sum(line.amount_krw for line in stored.budget.lines) == 6_600_000_000
    assert os.path.getsize(out) > 1000
