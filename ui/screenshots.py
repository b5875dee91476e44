"""``python -m ui.screenshots``: the main window on each step, in Korean, English and the
pseudo-language (``qps``, every string stretched and bracketed, to find labels that truncate),
from the sample proposal, written to ``docs/screenshots/{ko,en,qps}-<step>.png`` (offscreen,
1366×768, a common laptop screen). ``python -m ui.screenshots qps`` writes one language only. Every text cut off in a
window shot (``ui.fit``) is listed on stderr, and the exit status is then 1."""

from __future__ import annotations

import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from forms import i18n  # noqa: E402
from forms.sample import SAMPLES  # noqa: E402
from forms.steps import STEPS, Step  # noqa: E402
from ui import fit  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "docs", "screenshots")
SIZE = (1366, 768)
LANGS: tuple[str, ...] = ("ko", "en", i18n.PSEUDO)
#: What did not fit in the windows shot so far (see ``ui.fit``), one line each.
PROBLEMS: list[str] = []


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def report(path: str, window: QWidget) -> list[str]:
    """Say on stderr what does not fit in the window just shot (see ``ui.fit``)."""
    problems = fit.cut_off(window)
    too_big = window.minimumSizeHint()
    if too_big.width() > SIZE[0] or too_big.height() > SIZE[1]:
        problems.append(f"the window needs {too_big.width()}×{too_big.height()}")
    for problem in problems:
        PROBLEMS.append(f"{os.path.basename(path)}: {problem}")
        sys.stderr.write(PROBLEMS[-1] + "\n")
    return problems


def shoot(out: str = OUT, langs: tuple[str, ...] = LANGS) -> list[str]:
    from storage.store import open_store
    from ui.app import application
    from ui.setup import install_qt_translation
    from ui.window import MainWindow

    app = application()
    os.makedirs(out, exist_ok=True)
    written: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        from PySide6.QtCore import QSettings

        # The windows shot remember their place: in a throwaway folder, not the user's settings.
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.path.join(tmp, "settings"))
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
                        packet = lang if lang in i18n.LANGUAGES else "en"  # the packet has no pseudo-language
                        window.export.packet_lang.setCurrentIndex(window.export.packet_lang.findData(packet))
                        window.export.export()
                    settle(app)
                    path = os.path.join(out, f"{lang}-{step.value}.png")
                    window.grab().save(path)
                    written.append(path)
                    report(path, window)
                # The same budget one local line short of the minimum: marks, shortfall, review.
                lines = window.doc.proposal.budget.lines
                local = next(i for i, line in enumerate(lines) if line.source == "local")
                window.doc.edit(f"budget.lines[{local}].amount_krw", lines[local].amount_krw // 10)
                for step in (Step.BUDGET, Step.REVIEW):
                    window.go(STEPS.index(step))
                    settle(app)
                    path = os.path.join(out, f"{lang}-{step.value}-error.png")
                    window.grab().save(path)
                    written.append(path)
                    report(path, window)
                window.doc.undo_stack.undo()
                window.close()
                settle(app)
        finally:
            store.close()
    del version
    return written


def main(argv: list[str] | None = None) -> int:
    langs = tuple(argv if argv is not None else sys.argv[1:]) or LANGS
    unknown = [lang for lang in langs if lang not in LANGS]
    if unknown:
        sys.stderr.write(f"unknown language: {', '.join(unknown)} (use {', '.join(LANGS)})\n")
        return 2
    for path in shoot(langs=langs):
        print(os.path.relpath(path, ROOT))
    if PROBLEMS:  # the screenshots are written all the same, to look at
        sys.stderr.write(f"{len(PROBLEMS)} text(s) cut off or too wide (listed above)\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
