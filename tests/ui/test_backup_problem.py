"""A backup that cannot be made (a full disk) is said in the window, and the window works on."""

from __future__ import annotations

import errno

from storage import backup
from storage.opening import open_store


def test_the_window_says_that_no_backup_could_be_made(app, qtbot, db_path, super_regional, monkeypatch):
    from ui.window import MainWindow

    with open_store(db_path) as first:
        first.create(super_regional)

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "copy_database", full)
    store = open_store(db_path)
    try:
        w = MainWindow(None, opening=True)
        qtbot.addWidget(w)
        w.show()
        w.attach_store(store)
        message = w.statusBar().currentMessage()
        assert "No backup of" in message and "the disk is full" in message
        assert [info.id for info in store.list_proposals()] == [super_regional.id]
        w.close()
    finally:
        store.close()
