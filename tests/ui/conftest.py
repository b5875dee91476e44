"""GUI fixtures: settings in a temporary folder, a main window on a fresh database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from tests.ui.helpers import destroy_closed
from ui.app import application


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path):
    """Remembered settings (the language) go to a temporary folder, never the user's."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture(autouse=True)
def _no_modal_boxes(monkeypatch):
    """A modal box would block the test: each records what it would have said, and fails the test
    unless the test expects it (by replacing it again)."""
    said: list[str] = []

    def box(*args, **_kwargs):
        said.append(str(args[2]) if len(args) > 2 else "")
        raise AssertionError(f"unexpected message box: {said[-1]}")

    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(box))
    yield said


@pytest.fixture(autouse=True)
def _closed_widgets_destroyed():
    """The widgets a test leaves (closed and handed to ``deleteLater`` by pytest-qt) are destroyed
    when it ends, not in the middle of a later test (see ``destroy_closed``)."""
    yield
    destroy_closed()


@pytest.fixture
def app(qapp):
    return application()


@pytest.fixture
def store(db_path):
    from storage.opening import open_store

    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture
def window(app, qtbot, store):
    from ui.window import MainWindow

    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


@pytest.fixture
def sample_window(window, store, super_regional):
    """The main window with the super-regional sample open (stored in the database)."""
    version = store.create(super_regional)
    window.doc.load(super_regional, version)
    return window
