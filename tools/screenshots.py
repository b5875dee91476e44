"""``python -m tools.screenshots``: the main window on each step, in Korean, English and the
pseudo-language (``qps``, every string stretched and bracketed, to find labels that truncate),
from the sample proposal (offscreen, 1366×768, a common laptop screen). Every window is checked
(``tools.fit``), but only the pictures the documentation shows (:data:`SHOWN`, in Korean and English)
are written, to ``docs/screenshots/{ko,en}-<name>.png``. ``python -m tools.screenshots qps`` checks one
language only. Every text cut off in a window shot is listed on stderr, and the exit status is then 1."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from forms.base import i18n
from forms.sample import SAMPLES
from forms.steps import STEPS, Step
from tools import fit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "docs", "screenshots")
SIZE = (1366, 768)
#: Where the Export step's shot writes its packet: the same folder on every run, so the path the
#: page shows (and so the screenshot) does not change with the name of a random temporary folder.
EXPORTS = os.path.join(tempfile.gettempdir(), "rps-screenshots")
LANGS: tuple[str, ...] = ("ko", "en", i18n.PSEUDO)
#: What did not fit in the windows shot so far (see ``tools.fit``), one line each.
PROBLEMS: list[str] = []
#: The pictures the documentation shows (README.md, docs/guide.md, docs/guide.ko.md,
#: docs/writing-together.md), by their name after the language; the other windows are checked, not written.
SHOWN = frozenset({"start", "type", "regions", "plan", "plan-indicators", "plan-researchers", "plan-justification",
                   "budget-error", "review-error", "export", "merge"})
#: The languages whose pictures the documentation shows (the pseudo-language's are only checked).
SHOWN_LANGS = frozenset(i18n.LANGUAGES)


def keep(path: str, widget: QWidget, written: list[str]) -> None:
    """Write the picture of ``widget`` to ``path`` when the documentation shows it (:data:`SHOWN`)."""
    lang, name = os.path.basename(path).removesuffix(".png").split("-", 1)
    if lang in SHOWN_LANGS and name in SHOWN:
        widget.grab().save(path)
        written.append(path)


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def report(path: str, window: QWidget) -> list[str]:
    """Say on stderr what does not fit in the window just shot (see ``tools.fit``)."""
    problems = fit.cut_off(window)
    too_big = window.minimumSizeHint()
    if too_big.width() > SIZE[0] or too_big.height() > SIZE[1]:
        problems.append(f"the window needs {too_big.width()}×{too_big.height()}")
    for problem in problems:
        PROBLEMS.append(f"{os.path.basename(path)}: {problem}")
        sys.stderr.write(PROBLEMS[-1] + "\n")
    return problems


def shoot(out: str = OUT, langs: tuple[str, ...] = LANGS) -> list[str]:
    from storage.opening import open_store
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
                        os.makedirs(EXPORTS, exist_ok=True)
                        window.export.file.setText(os.path.join(EXPORTS, f"packet-{lang}.pdf"))
                        packet = lang if lang in i18n.LANGUAGES else "en"  # the packet has no pseudo-language
                        window.export.packet_lang.setCurrentIndex(window.export.packet_lang.findData(packet))
                        window.export.export()
                    settle(app)
                    path = os.path.join(out, f"{lang}-{step.value}.png")
                    keep(path, window, written)
                    report(path, window)
                # The same budget one local line short of the minimum: marks, shortfall, review.
                lines = window.doc.proposal.budget.lines
                local = next(i for i, line in enumerate(lines) if line.source == "local")
                window.doc.edit(f"budget.lines[{local}].amount_krw", lines[local].amount_krw // 10)
                for step in (Step.BUDGET, Step.REVIEW):
                    window.go(STEPS.index(step))
                    settle(app)
                    path = os.path.join(out, f"{lang}-{step.value}-error.png")
                    keep(path, window, written)
                    report(path, window)
                window.doc.undo_stack.undo()
                for name in PLAN_TABLES:
                    path = os.path.join(out, f"{lang}-plan-{name}.png")
                    shoot_plan_table(window, name)
                    keep(path, window, written)
                    report(path, window)
                path = os.path.join(out, f"{lang}-merge.png")
                shoot_merge(window, store, tmp, path, written)
                window.close()
                settle(app)
        finally:
            store.close()
            shutil.rmtree(EXPORTS, ignore_errors=True)
    del version
    return written


#: The record tables of the Plan step, shot at the chapter that holds them
#: (``{lang}-plan-<name>.png``): the Plan page's widget scrolled to the top of the chapter's page.
PLAN_TABLES = {
    "indicators": "indicators",  # chapter 02: the performance indicators, the roadmap's stages below
    "schedule": "tasks",  # chapter 02: the tasks, and the deliverables below them
    "researchers": "researchers",  # chapter 07: researchers, and the other projects of the one selected
    "organisations": "equipment",  # chapter 07: the equipment, and the organisations' general data below
    "justification": "justification",  # chapter 08: a budget line's itemised justification
}


def shoot_plan_table(window: QWidget, name: str) -> None:
    """Show the Plan step at the chapter that holds the table ``name`` of ``PLAN_TABLES``, scrolled
    so that the table heads the page (as far as the page scrolls)."""
    from PySide6.QtCore import QPoint

    from forms.model import ResearcherRole

    window.go(STEPS.index(Step.PLAN))
    page = window.plan
    table = getattr(page, PLAN_TABLES[name])
    p = window.doc.proposal
    if name == "researchers":  # the principal investigator, whose other projects show below
        pi = next((i for i, r in enumerate(p.researchers) if r.role == ResearcherRole.PRINCIPAL), 0)
        page.researchers.people.table.selectRow(pi)
        page.researchers.people.row_selected.emit(pi)
    if name == "justification":  # the line with the most justification rows
        line = max(range(len(p.budget.lines)), key=lambda i: len(p.budget.lines[i].items))
        table.line.setCurrentIndex(table.line.findData(line))
    chapter = page.chapter_of(table)
    page.show_chapter(chapter)
    settle(QApplication.instance())
    scroll = page._scrolls[chapter]
    scroll.verticalScrollBar().setValue(table.mapTo(scroll.widget(), QPoint(0, 0)).y())
    settle(QApplication.instance())


def shoot_merge(window: QWidget, store: object, tmp: str, path: str, written: list[str]) -> None:
    """The conflict view of File → Merge a partner's copy: the sample sent to Daegu, edited on both
    sides (a name, an amount, a paragraph of the summary)."""
    import json

    from forms.files.exchange_read import read_file
    from forms.files.exchange_write import to_dict
    from forms.merge import merge
    from ui.mergedialog import MergeDialog

    lang = i18n.current_language()
    p = window.doc.proposal
    partner = "대구광역시" if lang == "ko" else "Daegu"
    copy_path = os.path.join(tmp, f"copy-{lang}.json")
    window.doc.flush()
    store.send_copy(p.id, partner, copy_path)
    with open(copy_path, encoding="utf-8") as fp:
        theirs = json.load(fp)
    ours = to_dict(p)
    knu = next(i for i, o in enumerate(ours["organisations"]) if o["id"] == "knu")
    ours["organisations"][knu]["name"]["en"] = "KNU R&DB Foundation"
    theirs["organisations"][knu]["name"]["en"] = "Kyungpook National University"
    dgist = next(i for i, o in enumerate(ours["organisations"]) if o["id"] == "dgist")
    ours["organisations"][dgist]["role"] = "commissioned"
    theirs["organisations"][dgist]["role"] = "lead"
    ours["budget"]["lines"][0]["amount_krw"] += 10_000_000
    theirs["budget"]["lines"][0]["amount_krw"] += 20_000_000
    key = lang if lang in i18n.LANGUAGES else "en"
    summary = ours["plan"]["summary"][key]
    ours["plan"]["summary"][key] = summary + ("\n포항 실증단지를 1단계에 조성한다." if key == "ko" else
                                              "\nThe Pohang testbed is built in stage 1.")
    theirs["plan"]["summary"][key] = summary + ("\n대구 연구거점을 1단계에 조성한다." if key == "ko" else
                                                "\nThe Daegu research hub is built in stage 1.")
    base = to_dict(store.sent_base(read_file(copy_path).sent_copy.base_fingerprint).base)
    result = merge(base, ours, theirs)
    dialog = MergeDialog(result, partner, os.path.basename(copy_path), window)
    dialog.choose(0, "theirs")
    dialog.table.selectRow(len(result.conflicts) - 1)
    dialog.show()
    settle(QApplication.instance())
    keep(path, dialog, written)
    report(path, dialog)
    dialog.close()


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
