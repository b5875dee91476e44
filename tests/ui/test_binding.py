"""The Qt binding must not drop references to None/True/False (PySide6 6.12 did on Python 3.11,
which crashed the app after a few thousand calls): a guard against a future upgrade."""

import sys

from PySide6.QtWidgets import QLabel, QLineEdit


def test_qt_calls_keep_singleton_reference_counts(qtbot):
    label, edit = QLabel(), QLineEdit()
    qtbot.addWidget(label)
    qtbot.addWidget(edit)
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(3000):
        label.setText("x")
        edit.setReadOnly(False)
        edit.isReadOnly()
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    assert all(a >= b - 50 for a, b in zip(after, before, strict=True)), (before, after)
