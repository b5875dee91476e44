"""The window comes up before the database: it says the database is being opened, offers nothing
that would not be saved until it is, and makes each step's page only when it is first needed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from forms.base import i18n
from forms.profile import load_profile
from forms.sample import SAMPLES
from forms.steps import STEPS, Step
from storage.lock import InstanceLock
from storage.opening import open_store
from ui import app as uiapp
from ui import dialogs
from ui.window import MainWindow

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_while_the_database_opens_nothing_can_be_created_then_everything_can(app, qtbot, store):
    store.create(SAMPLES["leap"]())
    i18n.set_language("en")
    window = MainWindow(None, opening=True)
    qtbot.addWidget(window)
    window.show()
    start = window.start
    assert not start.new_button.isEnabled() and not start.import_button.isEnabled()
    assert not start.open_button.isEnabled()
    assert not window.menus.new.isEnabled() and not window.menus.open.isEnabled()
    assert start.recent.count() == 1 and start.recent.item(0).text() == "Opening the database…"
    assert window.saved_label.text() == "Opening the database…"
    assert start.call.count() == 0  # the calls are read behind the window, with the database
    window.new_proposal()  # the shortcut still fires: it must not make an unsaved proposal
    assert window.doc.proposal is None

    window.attach_store(store)
    assert start.new_button.isEnabled() and start.import_button.isEnabled() and start.open_button.isEnabled()
    assert window.menus.new.isEnabled() and window.menus.open.isEnabled()
    assert start.recent.count() == 1 and "Opening" not in start.recent.item(0).text()
    assert window.saved_label.text() == ""
    assert start.call.count() >= 1 and start.call.currentText() == load_profile(start.call.currentData()).name.en
    window.new_proposal()
    assert window.doc.proposal is not None
    assert len(store.list_proposals()) == 1  # stored with its first edit, not before
    window.doc.edit("title.ko", "새 제안")
    assert len(store.list_proposals()) == 2  # the new proposal is stored


def test_pages_are_made_when_first_needed_in_the_current_language_with_their_marks(window, super_regional):
    assert [window.is_made(step) for step in STEPS] == [True] + [False] * (len(STEPS) - 1)
    lines = super_regional.budget.lines
    local = next(i for i, line in enumerate(lines) if line.source == "local")
    lines[local].amount_krw //= 10  # the local match falls short: an error on the budget step
    window.doc.load(super_regional, window.store.create(super_regional))
    i18n.set_language("ko")
    assert not window.is_made(Step.BUDGET)
    window.go(STEPS.index(Step.BUDGET))
    page = window.budget
    assert window.stack.currentWidget() is page
    assert page.heading.text() == "예산"  # made in the language of the moment
    assert page.marker.marked(), "the budget page shows the local-match error when it is made"
    assert not window.is_made(Step.PLAN)  # never visited: still not made
    assert len(window.pages) == len(STEPS) and all(window.is_made(step) for step in STEPS)


def _run_in_process(monkeypatch, db_path, smoke):
    """``ui.app.run`` in this process, closing the window as soon as the database is attached."""
    original = MainWindow.attach_store

    def attach_then_close(self, store):
        original(self, store)
        QTimer.singleShot(0, self.close)

    monkeypatch.setattr(MainWindow, "attach_store", attach_then_close)
    return uiapp.run(lang="en", db_path=db_path, smoke=smoke)


def test_a_damaged_database_found_behind_the_window_offers_the_choice(app, db_path, monkeypatch):
    s = open_store(db_path)
    s.create(SAMPLES["leap"]())
    s.backup_now()
    s.close()
    with open(db_path, "r+b") as fp:
        fp.write(b"this is no longer a database" * 40)
    asked: list[bool] = []
    monkeypatch.setattr(dialogs, "ask_recovery", lambda _message, has_backup, parent=None: asked.append((has_backup, parent)) or dialogs.BACKUP)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert _run_in_process(monkeypatch, db_path, smoke=False) == 0
    assert asked == [(True, asked[0][1])] and isinstance(asked[0][1], MainWindow)  # over the window
    assert any(".damaged-" in f for f in os.listdir(os.path.dirname(db_path)))
    s = open_store(db_path)
    try:
        assert len(s.list_proposals()) == 1  # restored from the backup
    finally:
        s.close()
    lock = InstanceLock(db_path)
    assert lock.acquire()  # released when the app ended
    lock.release()


def test_closing_the_window_before_the_database_is_open_closes_it_too(app, db_path, monkeypatch):
    release = threading.Event()
    opened: list[object] = []
    closed: list[bool] = []
    real = uiapp._open_store

    def slow_open(path: str):
        release.wait(10)
        store = real(path)
        close = store.close
        store.close = lambda: closed.append(True) or close()
        opened.append(store)
        return store

    monkeypatch.setattr(uiapp, "_open_store", slow_open)

    def close_early() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.close()
        release.set()

    QTimer.singleShot(50, close_early)
    assert uiapp.run(lang="en", db_path=db_path, smoke=True) == 0
    assert len(opened) == 1 and closed == [True]  # opened behind the closed window, then closed
    lock = InstanceLock(db_path)
    assert lock.acquire()
    lock.release()


def test_the_smoke_run_says_how_long_the_start_took(db_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, os.path.join(ROOT, "main.py"), "--smoke", "--db", db_path, "--lang", "en"],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    m = re.search(r"Window shown after (\d+\.\d+) s; proposals listed after (\d+\.\d+) s; "
                  r"database open after (\d+\.\d+) s\.", done.stdout)
    assert m, done.stdout
    assert 0 < float(m.group(1)) <= float(m.group(2)) <= float(m.group(3))


def test_the_proposals_are_listed_before_the_database_is_open_then_from_it(app, qtbot, db_path):
    s = open_store(db_path)
    s.create(SAMPLES["leap"]())
    s.close()
    from storage.quicklist import quick_list

    i18n.set_language("en")
    window = MainWindow(None, opening=True)
    qtbot.addWidget(window)
    window.show()
    window.show_early_list(quick_list(db_path))
    start = window.start
    texts = [start.recent.item(i).text() for i in range(start.recent.count())]
    assert texts[0] == "Opening the database…" and len(texts) == 2 and SAMPLES["leap"]().title.en in texts[1]
    assert not start.open_button.isEnabled() and not start.new_button.isEnabled()  # nothing opens until it is open
    window.retranslate()  # a language chosen meanwhile keeps the list
    assert start.recent.count() == 2
    store = open_store(db_path)
    try:
        window.attach_store(store)
        assert start.recent.count() == 1 and start.open_button.isEnabled()
        assert SAMPLES["leap"]().title.en in start.recent.item(0).text()
    finally:
        window.close()
        store.close()


def test_the_step_list_keeps_its_width_when_a_proposal_opens_and_has_room_for_icons_and_counts(window, super_regional,
                                                                                            qtbot):
    i18n.set_language("en")
    before = window.steps.width()
    p = super_regional
    p.organisations[0].region = ""  # something left to do: a count beside a step
    window.doc.load(p, window.store.create(p))
    assert window.steps.width() == before  # nothing beside it moves when a proposal opens
    metrics = window.steps.fontMetrics()
    room = window.steps.viewport().width()
    for i in range(window.steps.count()):
        item = window.steps.item(i)
        assert not item.icon().isNull()
        assert metrics.horizontalAdvance(item.text()) + window.steps.iconSize().width() < room, item.text()
    qtbot.waitUntil(lambda: any(window.steps.item(i).text().endswith(")") for i in range(window.steps.count())))
    assert window.steps.width() == before
    i18n.set_language("ko")
    i18n.set_language("en")  # a language switch sizes the list afresh: the same width
    assert window.steps.width() == before


def test_the_call_rules_can_be_read_while_the_database_opens(app, qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(dialogs.RulesDialog, "exec", lambda self: shown.append(self.windowTitle()) or 0)
    window = MainWindow(None, opening=True)
    qtbot.addWidget(window)
    window.rules()  # Help ▸ Call rules (F1); an unexpected message box would fail the test
    assert len(shown) == 1


def test_messages_name_the_app_in_the_users_language(app, db_path, monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(uiapp.QMessageBox, "critical", staticmethod(lambda _p, title, text: shown.append((title, text))))
    lock = InstanceLock(db_path)
    assert lock.acquire()
    try:
        i18n.set_language("ko")
        assert uiapp.acquire_lock(db_path) == uiapp.EXIT_LOCKED
    finally:
        lock.release()
    assert shown[0][0] == "지역혁신 제안서 작성기" and "지역혁신 제안서 작성기" in shown[0][1]
    assert "Regional Proposal Studio" not in shown[0][1]


def test_a_folder_as_database_is_refused_before_any_lock(app, tmp_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(uiapp.QMessageBox, "critical", staticmethod(lambda _p, _t, text: shown.append(text)))
    folder = tmp_path / "d.db"
    folder.mkdir()
    i18n.set_language("en")
    assert uiapp.acquire_lock(str(folder)) == uiapp.EXIT_UNUSABLE
    assert "is a folder, not a database file" in shown[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.db"]
