"""The performance indicators' table: the baseline and each year's target have a column per
language, like the indicator's name, and an edit in one language leaves the other as it is."""

from __future__ import annotations

from forms.model import Text
from forms.steps import STEPS, Step
from tests.ui.helpers import settle, type_into


def _indicators(w):
    w.go(STEPS.index(Step.PLAN))
    w.plan.focus_path("indicators")
    settle()
    return w.plan.indicators


def test_baseline_and_targets_have_a_korean_and_an_english_column(sample_window):
    table = _indicators(sample_window)
    heads = [c.heading() for c in table.columns]
    assert heads[heads.index("Baseline (Korean)"):heads.index("Weight (%)")] == [
        "Baseline (Korean)", "Baseline (English)", "2023 (Korean)", "2023 (English)", "2024 (Korean)",
        "2024 (English)", "2025 (Korean)", "2025 (English)"]
    row = len(sample_window.doc.proposal.indicators) - 1
    assert table.widget_for(f"indicators[{row}].targets[2024].ko").text() == "표준안 초안"
    assert table.widget_for(f"indicators[{row}].targets[2024].en").text() == "Draft standard"
    assert table.widget_for(f"indicators[{row}].baseline.en").text() == "None"


def test_a_target_typed_in_english_leaves_the_korean_one(sample_window, qtbot):
    w = sample_window
    table = _indicators(w)
    row = len(w.doc.proposal.indicators) - 1
    english = table.widget_for(f"indicators[{row}].targets[2024].en")
    assert table.table.horizontalHeaderItem(table.table.indexAt(english.pos()).column()).text() == "2024 (English)"
    type_into(qtbot, english, "First draft of the standard")
    settle()
    p = w.doc.proposal
    assert p.indicators[row].targets[2024] == Text("표준안 초안", "First draft of the standard")
    assert p.indicators[row].targets[2023] == Text("표준 수요 조사", "Survey of the need for a standard")
    assert table.widget_for(f"indicators[{row}].targets[2024].ko").text() == "표준안 초안"
    # the typing is one step of Edit → Undo, and gives the English back
    w.doc.undo_stack.undo()
    assert w.doc.proposal.indicators[row].targets[2024] == Text("표준안 초안", "Draft standard")
    assert english.text() == "Draft standard"


def test_an_english_baseline_and_a_target_for_a_year_without_one(sample_window, qtbot):
    w = sample_window
    table = _indicators(w)
    w.doc.edit("indicators[0].targets", {2023: Text.both("90"), 2025: Text.both("120")})
    settle()
    type_into(qtbot, table.widget_for("indicators[0].targets[2024].en"), "105")
    type_into(qtbot, table.widget_for("indicators[0].baseline.en"), "80 (2022)")
    settle()
    ind = w.doc.proposal.indicators[0]
    assert ind.targets[2024] == Text("", "105") and ind.baseline == Text("80", "80 (2022)")
    # the year given in English only is still missing in Korean, the language the call is written in
    missing = [str(f.shown) for f in w.doc.report.findings if f.code == "indicators.target_missing"]
    assert missing == ["indicators[0].targets[2024].ko"]
    type_into(qtbot, table.widget_for("indicators[0].targets[2024].en"), "")
    settle()
    assert 2024 not in w.doc.proposal.indicators[0].targets  # both languages empty: no target that year
