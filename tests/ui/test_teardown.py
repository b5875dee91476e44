"""A finished test's window is destroyed when the test ends: left pending, the windows of many tests
would all be torn down inside a later test's wait, stalling it (and its autosave) for seconds."""

import shiboken6
from PySide6.QtCore import QObject

from tests.ui.helpers import destroy_closed


def test_a_window_closed_and_handed_to_delete_later_is_destroyed(app, store, super_regional):
    from ui.window import MainWindow

    w = MainWindow(store)
    w.show()
    w.doc.load(super_regional, store.create(super_regional))
    child = w.findChildren(QObject)[0]
    w.close()
    w.deleteLater()  # what pytest-qt does with a test's widgets when the test ends
    destroy_closed()
    assert not shiboken6.isValid(w)
    assert not shiboken6.isValid(child)
