"""Autosave and its time in the status bar, the File menu's import, open and export, snapshots,
and the Help menu's dialogs."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from forms.files.exchange import read_file, write_file
from forms.rules import RULES
from forms.steps import STEPS, Step
from tests.ui.helpers import answer_input_dialogs, type_into
from ui import dialogs


def test_edits_autosave_and_the_status_bar_shows_when(sample_window, qtbot, store):
    w = sample_window
    w.go(STEPS.index(Step.PLAN))
    type_into(qtbot, w.plan.title_edits["en"], "Saved title")
    qtbot.waitUntil(lambda: w.saved_label.text().startswith("Saved "), timeout=5000)
    assert re.fullmatch(r"Saved \d\d:\d\d:\d\d", w.saved_label.text())
    stored, version = store.load(w.doc.proposal.id)
    assert stored.title.en == "Saved title"
    assert version == w.doc.version


def test_import_then_export_the_exchange_file(window, qtbot, tmp_path, monkeypatch, leap):
    source = tmp_path / "in.json"
    write_file(leap, str(source))
    monkeypatch.setattr("ui.files.chosen", lambda dialog: [str(source)])
    window.menus.import_.trigger()
    assert window.doc.proposal.id == leap.id
    assert window.stack.currentWidget() is window.kind
    assert window.start.recent.count() == 1
    out = tmp_path / "out.json"
    monkeypatch.setattr("ui.files.chosen", lambda dialog: [str(out)])
    window.menus.export_file.trigger()
    assert read_file(str(out)).title == leap.title


def test_open_a_recent_proposal_from_the_start_page(window, qtbot, store, super_regional, leap):
    store.create(super_regional)
    store.create(leap)
    window.refresh_recent()
    assert window.start.recent.count() == 2
    window.start.recent.setCurrentRow(1)
    chosen = window.start.recent.item(1).text().splitlines()[0]
    window.start.open_button.click()
    assert window.doc.proposal.title.get("en") == chosen
    assert window.start.recent.currentItem().text().splitlines()[0] == f"{chosen} (open now)"


def test_snapshots_save_compare_and_restore(sample_window, qtbot, store, monkeypatch):
    w = sample_window
    pid = w.doc.proposal.id
    answer_input_dialogs(monkeypatch, ["before", "after"])
    box = dialogs.SnapshotsDialog(store, pid, w)
    box.save()
    w.doc.edit("title.en", "Changed title")
    w.doc.flush()
    box.save()
    assert box.list.count() == 2
    box.list.item(0).setSelected(True)
    box.list.item(1).setSelected(True)
    box.compare()
    assert "Changed title" in box.diff.toPlainText()
    box.list.clearSelection()
    box.list.item(0).setSelected(True)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    box.restore()
    assert box.restored is not None
    w.doc.open(pid)
    assert w.doc.proposal.title.en != "Changed title"


def test_about_shows_the_version_and_the_font_licence(app):
    box = dialogs.AboutDialog()
    texts = " ".join(label.text() for label in box.findChildren(dialogs.QLabel))
    assert "0.1.0" in texts and "Open Font License" in texts
    licence = box.findChildren(dialogs.QPlainTextEdit)[0].toPlainText()
    assert "SIL OPEN FONT LICENSE" in licence.upper()
    assert "NAVER" in licence and "Noto Sans and Noto Serif" in licence  # both bundled families


def test_rules_dialog_lists_every_rule_with_its_source(app, super_regional):
    from forms.profile import load_profile
    from forms.rules.base import message_template
    from forms.steps import STEPS, rule_step, title

    profile = load_profile(super_regional.call)
    box = dialogs.RulesDialog(profile)
    table = box.findChildren(dialogs.QTableWidget)[0]
    codes = [table.item(r, 2).data(Qt.ItemDataRole.UserRole) for r in range(table.rowCount())]
    assert sorted(codes) == sorted(RULES)  # every rule, once
    assert [table.item(r, 2).text() for r in range(len(codes))] == [message_template(RULES[c], "en") for c in codes]
    steps = [rule_step(code) for code in codes]
    assert steps == sorted(steps, key=STEPS.index)  # in the order of the steps, each named
    for r, code in enumerate(codes):
        source = profile.clause(RULES[code].clause).source_text("en")
        assert source and table.item(r, 3).text().startswith(source), code  # the clause's own source
        assert table.item(r, 0).text() == title(steps[r], "en")
        # written for an official: no rule code anywhere in the table
        assert not any(c in table.item(r, col).text() for col in range(4) for c in RULES), code
    row = codes.index("budget.local_match_short")
    assert "20%" in table.item(row, 3).text()


def test_renaming_a_proposal_open_or_not_sets_the_title_in_the_windows_language(sample_window, store, leap,
                                                                                monkeypatch):
    w = sample_window
    store.create(leap)
    answer_input_dialogs(monkeypatch, ["Renamed while open", "Renamed in the list"])
    w.rename_proposal(w.doc.proposal.id)
    assert w.doc.proposal.title.en == "Renamed while open"
    korean = leap.title.ko
    w.rename_proposal(leap.id)
    stored, _version = store.load(leap.id)
    assert (stored.title.en, stored.title.ko) == ("Renamed in the list", korean)


def test_page_down_goes_through_the_rules_help_to_its_end(app, qtbot, super_regional):
    from forms.profile import load_profile

    box = dialogs.RulesDialog(load_profile(super_regional.call))
    qtbot.addWidget(box)
    box.resize(700, 360)  # rows taller than the view: the long bases
    box.show()
    table = box.table
    table.setFocus()
    bar = table.verticalScrollBar()
    seen = [bar.value()]
    for _ in range(400):
        qtbot.keyClick(table, Qt.Key.Key_PageDown)
        if bar.value() == seen[-1]:
            break
        seen.append(bar.value())
    assert bar.value() == bar.maximum() > 0, seen[-5:]  # never stuck on a tall row
