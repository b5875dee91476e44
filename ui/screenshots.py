"""``python -m ui.screenshots``: the main window on each step, in Korean and English, from the
sample proposal, written to ``docs/screenshots/{ko,en}-<step>.png`` (offscreen, 1280×800)."""

from __future__ import annotations

import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from forms import i18n  # noqa: E402
from forms.sample import SAMPLES  # noqa: E402
from forms.steps import STEPS, Step  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "docs", "screenshots")
SIZE = (1280, 800)


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def shoot(out: str = OUT, langs: tuple[str, ...] = ("ko", "en")) -> list[str]:
    from storage.store import open_store
    from ui.app import application
    from ui.setup import install_qt_translation
    from ui.window import MainWindow

    app = application()
    os.makedirs(out, exist_ok=True)
    written: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(os.path.join(tmp, "screenshots.db"))
        try:
            sample = SAMPLES["super_regional"]()
            version = store.create(sample)
            for lang in langs:
                i18n.set_language(lang)
                install_qt_translation(lang)
                window = MainWindow(store)
                window.resize(*SIZE)
                window.show()
                window.doc.load(store.load(sample.id)[0], store.load(sample.id)[1])
                window.refresh_recent()
                for i, step in enumerate(STEPS):
                    window.go(i)
                    if step == Step.EXPORT:  # show the packet written, with its buttons
                        folder = os.path.join(tmp, "Documents")
                        os.makedirs(folder, exist_ok=True)
                        window.export.file.setText(os.path.join(folder, f"packet-{lang}.pdf"))
                        window.export.packet_lang.setCurrentIndex(window.export.packet_lang.findData(lang))
                        window.export.export()
                    settle(app)
                    path = os.path.join(out, f"{lang}-{step.value}.png")
                    window.grab().save(path)
                    written.append(path)
                # The same budget one local line short of the minimum: marks, shortfall, review.
                lines = window.doc.proposal.budget_lines
                local = next(i for i, line in enumerate(lines) if line.source == "local")
                window.doc.edit(f"budget.lines[{local}].amount_krw", lines[local].amount_krw // 10)
                for step in (Step.BUDGET, Step.REVIEW):
                    window.go(STEPS.index(step))
                    settle(app)
                    path = os.path.join(out, f"{lang}-{step.value}-error.png")
                    window.grab().save(path)
                    written.append(path)
                window.doc.undo_stack.undo()
                window.close()
                settle(app)
        finally:
            store.close()
    del version
    return written


def main() -> int:
    for path in shoot():
        print(os.path.relpath(path, ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
