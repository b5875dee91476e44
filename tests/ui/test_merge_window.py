"""File → Send a copy to a partner / Merge a partner's copy, driven as an official would."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from cli.merge import conflict_lines
from forms.base import i18n
from forms.files.exchange import fingerprint, read_file, to_dict
from forms.merge import merge
from ui.mergedialog import MergeDialog


@pytest.fixture
def sent(sample_window, store, tmp_path, monkeypatch):
    """The sample sent to Daegu through the menu: the window, and the copy's path."""
    out = tmp_path / "for-daegu.json"
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("대구광역시", True)))
    monkeypatch.setattr("ui.files.chosen", lambda dialog: [str(out)])
    sample_window.menus.send_copy.trigger()
    return sample_window, out


def edit_copy(path, change):
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def drive(monkeypatch, qtbot, act):
    """Replace the dialog's modal run by ``act(dialog)`` on the real dialog; record what it showed."""
    seen: list[MergeDialog] = []

    def run(dialog):
        seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return act(dialog)

    monkeypatch.setattr(MergeDialog, "exec", run)
    return seen


def test_a_sent_copy_carries_the_base_fingerprint_and_the_base_is_kept(sent, store):
    window, out = sent
    copy = read_file(str(out))
    assert copy.sent_copy.partner == "대구광역시"
    assert copy.sent_copy.base_fingerprint == fingerprint(window.doc.proposal)
    base = store.sent_base(copy.sent_copy.base_fingerprint)
    assert base.partner == "대구광역시" and fingerprint(base.base) == fingerprint(window.doc.proposal)


def test_conflicts_are_shown_side_by_side_and_applied_only_when_accepted(sent, store, qtbot, monkeypatch):
    window, out = sent
    knu = next(i for i, o in enumerate(window.doc.proposal.organisations) if o.id == "knu")
    window.doc.edit(f"organisations[{knu}].name.en", "KNU Foundation")
    edit_copy(out, lambda d: (d["organisations"][knu]["name"].update(en="Kyungpook National University"),
                              d["title"].update(en="From Daegu")))
    before = fingerprint(window.doc.proposal)

    def cancel(dialog):
        assert not dialog.apply_button.isEnabled()  # a conflict is still to choose
        dialog.table.selectRow(0)
        assert [dialog.panes[s].toPlainText() for s in ("base", "ours", "theirs")] == [
            "Kyungpook National University R&DB Foundation", "KNU Foundation", "Kyungpook National University"]
        assert "대구광역시" in dialog.all_theirs.text()
        return QDialog.DialogCode.Rejected

    drive(monkeypatch, qtbot, cancel)
    window.merge_copy(str(out))
    assert fingerprint(window.doc.proposal) == before  # nothing applied

    def take_theirs(dialog):
        qtbot.mouseClick(dialog.all_theirs, Qt.MouseButton.LeftButton)
        assert dialog.apply_button.isEnabled()
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    drive(monkeypatch, qtbot, take_theirs)
    window.merge_copy(str(out))
    p = window.doc.proposal
    assert p.organisations[knu].name.en == "Kyungpook National University" and p.title.en == "From Daegu"
    assert any("대구광역시" in s.name for s in store.snapshots(p.id))  # a snapshot named after the partner
    window.doc.undo_stack.undo()  # the whole merge is one undo step
    assert window.doc.proposal.organisations[knu].name.en == "KNU Foundation"
    assert window.doc.proposal.title.en != "From Daegu"


def test_a_clean_merge_is_previewed_then_applied_and_validated(sent, qtbot, monkeypatch):
    window, out = sent
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: said.append(a[2])))
    # the partner deletes the lead organisation: no field conflicts, but the proposal breaks a rule
    edit_copy(out, lambda d: d.update(organisations=[o for o in d["organisations"] if o["role"] != "lead"]))
    seen = drive(monkeypatch, qtbot, lambda dialog: (dialog.accept(), dialog.result())[1])
    window.merge_copy(str(out))
    assert seen and not seen[0].conflicts
    assert window.doc.report.has_errors and "org.lead_missing" in {f.code for f in window.doc.report.errors}
    assert said and "대구광역시" in said[0]


def test_a_file_that_was_not_sent_is_refused_with_advice(sample_window, tmp_path, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: said.append(a[2])))
    plain = tmp_path / "plain.json"
    sample_window.store.export_file(sample_window.doc.proposal.id, str(plain))
    sample_window.merge_copy(str(plain))
    assert said and "Import a file" in said[0]


@pytest.mark.parametrize(("lang", "name"), [("ko", "포항공대 산학협력단(새 이름)"), ("en", "POSTECH Foundation (new name)")])
def test_the_dialog_names_a_conflict_as_the_command_line_does(app, qtbot, super_regional, lang, name):
    """A budget line's conflict: the organisation's name in the language of the window (ours', after
    a rename), never its id; the tooltip gives the path with ours' rows, never a record's id."""
    base = to_dict(super_regional)
    ours, theirs = json.loads(json.dumps(base)), json.loads(json.dumps(base))
    row = next(i for i, b in enumerate(base["budget"]["lines"]) if i >= 3 and b["org"] == "postech")
    next(o for o in ours["organisations"] if o["id"] == "postech")["name"] = {
        "ko": "포항공대 산학협력단(새 이름)", "en": "POSTECH Foundation (new name)"}
    ours["budget"]["lines"][row]["amount_krw"] += 1_000_000
    theirs["budget"]["lines"][row]["amount_krw"] += 2_000_000
    ours["budget"]["lines"].insert(0, dict(ours["budget"]["lines"][-1], id="a-new-line-on-top"))  # rows move down one
    i18n.set_language(lang)
    result = merge(base, ours, theirs)
    dialog = MergeDialog(result, "Daegu", "from-daegu.json")
    qtbot.addWidget(dialog)
    [c] = result.conflicts
    label = dialog.table.item(0, 0)
    assert label.text() == conflict_lines(c, lang)[0].split("\t")[2]  # the command line's words
    assert name in label.text() and "postech" not in label.text()
    assert label.toolTip() == f"budget.lines[{row + 1}].amount_krw"
    dialog.table.selectRow(0)
    assert dialog.panes["ours"].toPlainText() == c.shown_value("ours", lang)
    assert ("원" if lang == "ko" else "KRW") in dialog.panes["ours"].toPlainText()  # an amount, as money


# --- a returned copy imported by mistake -------------------------------------------------------


def importing(window, out, qtbot, button):
    """Import ``out`` through File → Import a file, answering the question with ``button`` (its
    text; "Cancel": the box's escape button, whatever language Qt's own buttons are in)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from forms.base.i18n import _

    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text())
        if button == "Cancel":
            assert box.defaultButton() is box.escapeButton()  # cancel is the default
            box.escapeButton().click()
            return
        wanted = _(button)
        target = next((b for b in box.buttons() if b.text() == wanted), None)
        if target is None:
            box.done(0)
            raise AssertionError(f"no button {wanted!r}")
        target.click()

    QTimer.singleShot(0, answer)
    window.import_file(str(out))
    return seen


@pytest.fixture
def returned(sent, store):
    """Both sides edited: ours the English title, the partner the Korean one."""
    window, out = sent
    window.doc.edit("title.en", "Ours, edited after sending")
    edit_copy(out, lambda d: d["title"].update(ko="대구에서 고친 제목"))
    return window, out


def test_importing_a_returned_copy_asks_first_and_cancel_changes_nothing(returned, store, qtbot):
    window, out = returned
    window.doc.flush()
    versions = [i.version for i in store.list_proposals()]
    seen = importing(window, out, qtbot, "Cancel")
    assert seen and "for-daegu.json" in seen[0] and "대구광역시" in seen[0]
    assert window.doc.proposal.title.en == "Ours, edited after sending"
    assert [i.version for i in store.list_proposals()] == versions and store.snapshots(window.doc.proposal.id) == []


def test_replacing_with_a_returned_copy_keeps_and_names_the_snapshot(returned, store, qtbot):
    window, out = returned
    importing(window, out, qtbot, "&Replace my working copy")
    p = window.doc.proposal
    assert p.title.ko == "대구에서 고친 제목" and p.title.en != "Ours, edited after sending"
    kept = store.snapshots(p.id)
    assert len(kept) == 1 and kept[0].name in window.statusBar().currentMessage()


def test_merging_a_returned_copy_from_import_keeps_both_sides(returned, store, qtbot, monkeypatch):
    window, out = returned
    drive(monkeypatch, qtbot, lambda dialog: (dialog.accept(), dialog.result())[1])
    importing(window, out, qtbot, "&Merge it")
    p = window.doc.proposal
    assert p.title.ko == "대구에서 고친 제목" and p.title.en == "Ours, edited after sending"


def test_importing_a_plain_export_asks_nothing(sample_window, store, tmp_path):
    plain = tmp_path / "plain.json"
    store.export_file(sample_window.doc.proposal.id, str(plain))
    sample_window.import_file(str(plain))  # a box would fail the test
    assert store.snapshots(sample_window.doc.proposal.id) == []


def test_a_copy_not_sent_from_here_says_how_to_merge_it(sent, monkeypatch):
    window, out = sent
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: said.append(a[2])))
    edit_copy(out, lambda d: d["sent_copy"].update(base_fingerprint="0" * 64))
    window.merge_copy(str(out))
    assert said and str(out) in said[0] and "main.py merge SENT.json YOURS.json" in said[0]


def test_merging_a_file_of_another_kind_names_it_in_one_sentence(sample_window, tmp_path, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: said.append(a[2])))
    other = tmp_path / "notes.json"
    other.write_text('{"hello": 1}', encoding="utf-8")
    sample_window.merge_copy(str(other))
    assert said == ['notes.json is not a proposal file (JSON of another kind, without "format": '
                    '"regional-proposal").']


def test_the_partner_is_kept_as_a_code_and_named_in_the_language_of_the_window(sample_window, store, tmp_path,
                                                                                 qtbot, monkeypatch):
    out = tmp_path / "copy.json"
    offered: list[list[str]] = []

    def pick(_parent, _title, _label, items, *a, **k):
        offered.append(list(items))
        return next(i for i in items if i == "Daegu"), True

    i18n.set_language("en")
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(pick))
    monkeypatch.setattr("ui.files.chosen", lambda dialog: [str(out)])
    sample_window.menus.send_copy.trigger()
    assert read_file(str(out)).sent_copy.partner == "KR-27"
    edit_copy(out, lambda d: d["title"].update(en="From Daegu"))
    titles: list[str] = []
    drive(monkeypatch, qtbot, lambda dialog: (titles.append(dialog.windowTitle()), QDialog.DialogCode.Rejected)[1])
    try:
        i18n.set_language("ko")
        sample_window.merge_copy(str(out))
        i18n.set_language("en")
        sample_window.merge_copy(str(out))
    finally:
        i18n.set_language("en")
    assert "대구광역시" in titles[0] and "Daegu" not in titles[0]
    assert "Daegu" in titles[1] and "대구" not in titles[1]


def test_a_merge_without_conflict_lists_what_the_copy_changes(sent, qtbot, monkeypatch):
    window, out = sent
    edit_copy(out, lambda d: d["title"].update(en="A title from Daegu"))
    shown: list[list[str]] = []

    def look(dialog):
        assert dialog.changes.isVisible() and not dialog.table.isVisible()
        shown.append([dialog.changes.item(i).text() for i in range(dialog.changes.count())])
        return QDialog.DialogCode.Rejected

    drive(monkeypatch, qtbot, look)
    window.merge_copy(str(out))
    assert len(shown) == 1 and len(shown[0]) == 1 and "A title from Daegu" in shown[0][0]
    assert window.doc.proposal.title.en != "A title from Daegu"  # nothing applied on cancel


def test_a_copy_for_a_partner_is_proposed_under_the_title_and_the_partners_name(sample_window, monkeypatch):
    proposed: list[str] = []

    def fake(dialog):
        proposed.append(dialog.selectedFiles()[0])
        return []

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("대구광역시", True)))
    monkeypatch.setattr("ui.files.chosen", fake)
    sample_window.menus.send_copy.trigger()
    name = os.path.basename(proposed[0])
    title = sample_window.doc.proposal.title.en
    assert name.startswith(title.split()[0]) and name.endswith(" - 대구광역시.json"), name
    assert sample_window.doc.proposal.id[:8] not in name


# --- what the merge applies, a copy merged already, and a cancelled merge ----------------------


def _local_line(doc: dict) -> int:
    """The row of a 2024 budget line of local funds paid by Gyeongbuk."""
    return next(i for i, b in enumerate(doc["budget"]["lines"])
                if b["year"] == 2024 and b["source"] == "local" and b.get("region") == "KR-47")


def test_the_partners_other_changes_are_listed_beside_the_conflicts(sent, qtbot, monkeypatch):
    window, out = sent
    knu = next(i for i, o in enumerate(window.doc.proposal.organisations) if o.id == "knu")
    window.doc.edit(f"organisations[{knu}].name.en", "KNU Foundation")
    row = _local_line(to_dict(window.doc.proposal))
    amount = window.doc.proposal.budget.lines[row].amount_krw

    def change(d):
        d["organisations"][knu]["name"].update(en="Kyungpook National University")
        d["budget"]["lines"][row]["amount_krw"] += 5_000_000

    edit_copy(out, change)
    shown: list[list[str]] = []

    def look(dialog):
        assert dialog.table.isVisible() and len(dialog.conflicts) == 1
        assert dialog.changes.isVisible()
        shown.append([dialog.changes.item(i).text() for i in range(dialog.changes.count())])
        return QDialog.DialogCode.Rejected

    drive(monkeypatch, qtbot, look)
    window.merge_copy(str(out))
    [lines] = shown
    money = [f"{amount:,}", f"{amount + 5_000_000:,}"]
    assert any(all(m in line for m in money) and "Gyeongsangbuk-do" in line for line in lines)  # the window is in English
    assert not any("Kyungpook National University" in line for line in lines)  # the conflict is not applied


def test_a_copy_merged_already_is_said_so_not_asked_again(sent, store, qtbot, monkeypatch):
    window, out = sent
    knu = next(i for i, o in enumerate(window.doc.proposal.organisations) if o.id == "knu")
    window.doc.edit(f"organisations[{knu}].name.en", "KNU Foundation")
    edit_copy(out, lambda d: d["organisations"][knu]["name"].update(en="Kyungpook National University"))

    def take_theirs(dialog):
        dialog.choose_all("theirs")
        dialog.accept()
        return dialog.result()

    seen = drive(monkeypatch, qtbot, take_theirs)
    window.merge_copy(str(out))
    assert len(seen) == 1 and window.doc.proposal.organisations[knu].name.en == "Kyungpook National University"
    window.doc.edit(f"organisations[{knu}].name.en", "KNU, renamed after the merge")
    told: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: told.append(a[2])))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()))

    window.merge_copy(str(out))  # File → Merge a partner's copy, again
    window.import_file(str(out))  # File → Import a file, with the same copy

    assert len(seen) == 1 and asked == []  # neither the conflicts nor the question again
    assert len(told) == 2 and all("for-daegu.json" in t and "already merged" in t for t in told)
    assert window.doc.proposal.organisations[knu].name.en == "KNU, renamed after the merge"


def test_cancelling_a_merge_keeps_the_proposal_open_before_open_and_unchanged(sent, store, qtbot, monkeypatch):
    from forms.sample import SAMPLES

    window, out = sent
    target = window.doc.proposal.id
    edit_copy(out, lambda d: d["title"].update(en="A title from Daegu"))
    other = SAMPLES["leap"]()
    store.create(other)
    window.open_proposal(other.id)
    window.doc.edit("title.en", "The other proposal, edited")
    window.doc.flush()
    before = fingerprint(window.doc.proposal)
    versions = {i.id: i.version for i in store.list_proposals()}

    seen = drive(monkeypatch, qtbot, lambda dialog: QDialog.DialogCode.Rejected)
    window.merge_copy(str(out))

    assert len(seen) == 1 and seen[0].changes.count() == 1
    assert window.doc.proposal.id == other.id and fingerprint(window.doc.proposal) == before
    window.doc.flush()
    assert {i.id: i.version for i in store.list_proposals()} == versions
    assert store.snapshots(target) == [] and store.load(target)[0].title.en != "A title from Daegu"

    drive(monkeypatch, qtbot, lambda dialog: (dialog.accept(), dialog.result())[1])
    window.merge_copy(str(out))  # applied: now the proposal the copy belongs to is opened, merged
    assert window.doc.proposal.id == target and window.doc.proposal.title.en == "A title from Daegu"
