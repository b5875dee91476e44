"""Start-up: the smoke run, one window per database, and a damaged database."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from forms.sample import SAMPLES
from storage.lock import InstanceLock
from storage.opening import open_store
from ui import app as uiapp
from ui import dialogs

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def start(db_path: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, os.path.join(ROOT, "main.py"), "--smoke", "--db", db_path, *args],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)


def test_smoke_opens_the_window_and_exits_zero(db_path):
    done = start(db_path, "--lang", "ko")
    assert done.returncode == 0, done.stderr
    assert os.path.exists(db_path)


def test_a_second_start_on_the_same_database_says_so_and_exits_non_zero(db_path):
    lock = InstanceLock(db_path)
    assert lock.acquire()
    try:
        done = start(db_path, "--lang", "en")
    finally:
        lock.release()
    assert done.returncode == uiapp.EXIT_LOCKED
    assert "already open in another window" in done.stderr
    assert db_path in done.stderr


def open_database(path: str):
    """Lock and open the database as the app's start does (``ui.app.run``), in this thread:
    (store, lock), or the exit code after saying why not."""
    lock = uiapp.acquire_lock(path)
    if isinstance(lock, int):
        return lock
    store = uiapp.settle(path, lock, uiapp._open_store(path))
    return store if isinstance(store, int) else (store, lock)


def test_a_second_window_in_the_gui_gets_a_clear_box(app, db_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(uiapp.QMessageBox, "critical", staticmethod(lambda _p, _t, text: shown.append(text)))
    first = open_database(db_path)
    assert not isinstance(first, int)
    try:
        assert open_database(db_path) == uiapp.EXIT_LOCKED
    finally:
        first[0].close()
        first[1].release()
    assert len(shown) == 1 and "already open" in shown[0]


def _damage(path: str) -> None:
    with open(path, "r+b") as fp:
        fp.seek(0)
        fp.write(b"this is no longer a database" * 40)


@pytest.mark.parametrize("choice", ["backup", "new", "quit"])
def test_a_damaged_database_offers_backup_new_or_quit(app, db_path, monkeypatch, choice):
    store = open_store(db_path)
    store.create(SAMPLES["leap"]())
    store.backup_now()
    store.close()
    _damage(db_path)
    asked: list[tuple[str, bool]] = []
    monkeypatch.setattr(dialogs, "ask_recovery", lambda message, has_backup, parent=None: asked.append((message, has_backup))
                        or choice)
    opened = open_database(db_path)
    assert asked and asked[0][1] is True
    assert "cannot be used" in asked[0][0]
    folder = os.path.dirname(db_path)
    if choice == "quit":
        assert opened == uiapp.EXIT_QUIT
        assert not any(".damaged-" in f for f in os.listdir(folder))  # nothing was touched
        return
    store, lock = opened
    try:
        assert any(".damaged-" in f for f in os.listdir(folder))  # kept aside, untouched
        assert len(store.list_proposals()) == (1 if choice == "backup" else 0)
    finally:
        store.close()
        lock.release()


def test_the_recovery_dialog_offers_three_choices(app):
    box = dialogs.RecoveryDialog("The database is damaged.", has_backup=False)
    assert not box.backup_button.isEnabled()
    assert box.text() == "The database is damaged."
    box.new_button.click()
    assert box.choice() == dialogs.NEW
    box = dialogs.RecoveryDialog("The database is damaged.", has_backup=True)
    assert box.backup_button.isEnabled()
    box.backup_button.click()
    assert box.choice() == dialogs.BACKUP
    box = dialogs.RecoveryDialog("x", has_backup=True)
    box.quit_button.click()
    assert box.choice() == dialogs.QUIT


def test_smoke_on_a_damaged_database_exits_non_zero_without_touching_it(db_path):
    with open(db_path, "wb") as fp:
        fp.write(b"garbage" * 100)
    done = start(db_path)
    assert done.returncode == uiapp.EXIT_QUIT
    assert "cannot be used" in done.stderr
    with open(db_path, "rb") as fp:
        assert fp.read() == b"garbage" * 100


@pytest.mark.qt_no_exception_capture
def test_an_unforeseen_error_becomes_a_message_not_a_traceback(app, qtbot, monkeypatch, capsys):
    from PySide6.QtCore import QTimer

    shown: list[str] = []
    monkeypatch.setattr(uiapp.QMessageBox, "critical", staticmethod(lambda _p, _t, text: shown.append(text)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    uiapp.install_last_defence()

    def slot() -> None:  # a fault inside the event loop, where nothing else would catch it
        raise RuntimeError("boom")

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["Unexpected error: RuntimeError: boom. Your work up to the last save is kept. Please report this."]
    assert "Traceback" not in capsys.readouterr().err
