"""Child process of the steady-typing test: the main window on a database, a person typing into
the Plan page's English summary one key every ``INTERVAL`` ms, never pausing, until killed.

Prints "ready" once the proposal is open on the Plan page and "typed n" after the n-th key
(the text then ends with n letters "x"); every line is flushed at once.

    python typing_child.py DB_PATH PROPOSAL_ID
"""

from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from forms.steps import STEPS, Step  # noqa: E402
from storage.opening import open_store  # noqa: E402
from ui.app import application  # noqa: E402

#: ms between keys: faster than any pause the autosave waits for, as a practised typist
INTERVAL = 100


def main(db_path: str, proposal_id: str) -> None:
    from ui.window import MainWindow

    app = application()
    store = open_store(db_path)
    window = MainWindow(store)
    window.resize(1366, 768)
    window.show()
    window.open_proposal(proposal_id)
    window.go(STEPS.index(Step.PLAN))
    editor = window.page_of(Step.PLAN).editors["plan.summary.en"]
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    typed = 0

    def key() -> None:
        nonlocal typed
        QTest.keyClick(editor, "x")
        typed += 1
        print(f"typed {typed}", flush=True)

    timer = QTimer()
    timer.setInterval(INTERVAL)
    timer.timeout.connect(key)
    timer.start()
    print("ready", flush=True)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
