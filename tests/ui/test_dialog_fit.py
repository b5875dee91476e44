"""A dialog asking for a name or a choice shows what it asks about whole: renaming a proposal shows
its whole title, restoring a deleted one shows each name with its date and "deleted"."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics

from tests.ui.helpers import answer_input_dialogs


def test_renaming_shows_the_whole_title(sample_window, monkeypatch):
    w = sample_window
    w.resize(1366, 740)
    title = w.doc.proposal.title.en
    shown = answer_input_dialogs(monkeypatch, [title + " (revised)"])
    w.rename_proposal(w.doc.proposal.id)
    field = shown[0]["field"]
    assert shown[0]["text"] == title
    assert shown[0]["field_width"] >= QFontMetrics(field.font()).horizontalAdvance(title) + 8
    assert w.doc.proposal.title.en == title + " (revised)"


def test_restoring_a_deleted_proposal_shows_each_name_and_date_whole(sample_window, monkeypatch, store, leap):
    from storage import trash

    w = sample_window
    w.resize(1366, 740)
    store.create(leap)
    trash.delete_keeping(store, leap.id)
    shown = answer_input_dialogs(monkeypatch, [None])  # looked at, then cancelled
    w.restore_deleted()
    items = shown[0]["items"]
    assert len(items) == 1 and "deleted" in items[0] and leap.title.en in items[0]
    combo = shown[0]["field"]
    assert shown[0]["field_width"] >= QFontMetrics(combo.font()).horizontalAdvance(items[0]) + 24, items[0]
