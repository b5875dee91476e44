"""GUI measures: start-up against a bare PySide6 window, a keystroke in a budget cell to updated
totals and findings, and the memory of the idle window with the sample open."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, window.close)
sys.exit(app.exec())
"""

IDLE = """
import os, sys, tempfile, time
sys.path.insert(0, {root!r})
from forms.sample import SAMPLES
from storage.store import open_store
from ui.app import application
from ui.window import MainWindow
app = application()
store = open_store(os.path.join(tempfile.mkdtemp(), "idle.db"))
sample = SAMPLES["super_regional"]()
window = MainWindow(store)
window.show()
window.doc.load(sample, store.create(sample))
for step in range(7):
    window.go(step)
    app.processEvents()
end = time.monotonic() + 1.5
while time.monotonic() < end:
    app.processEvents()
    time.sleep(0.01)
rss = 0
try:
    with open("/proc/self/status") as fp:
        rss = next(int(line.split()[1]) * 1024 for line in fp if line.startswith("VmRSS:"))
except OSError:
    import resource
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
print(rss)
window.close()
store.close()
"""


def _timed(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run(args, cwd=ROOT, env=ENV, capture_output=True)
        times.append(time.perf_counter() - t0)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.decode(errors="replace"))
    return statistics.median(times)


def startup(runs: int = 5) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "bench.db")
        app = [sys.executable, os.path.join(ROOT, "main.py"), "--smoke", "--db", db]
        bare = [sys.executable, "-c", BARE]
        _timed(app, 1)  # creates the database; not counted
        _timed(bare, 1)
        return _timed(app, runs), _timed(bare, runs)


def keystroke(runs: int = 60) -> tuple[float, float, float]:
    """From the Enter that commits a budget cell to the moment the grid's totals, the summary and
    the findings show the new amount (in-process, real storage, autosave running). Returns the
    median and 90th percentile of wall time, and the median CPU time of the GUI thread (less
    sensitive to other programs on the machine)."""
    sys.path.insert(0, ROOT)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    from forms.sample import SAMPLES
    from storage.store import open_store
    from ui.app import application
    from ui.window import MainWindow

    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(os.path.join(tmp, "keys.db"))
        sample = SAMPLES["super_regional"]()
        window = MainWindow(store)
        window.show()
        window.doc.load(sample, store.create(sample))
        window.go(4)
        table, model = window.budget.table, window.budget.model
        row = next(r for r, g in enumerate(model.grid.rows) if g.key[2] == "local")
        index = model.index(row, model.year_column(2023))
        total = model.index(model.totals_row, model.total_column)
        wall, cpu = [], []
        for i in range(runs + 5):
            table.setCurrentIndex(index)
            table.edit(index)
            app.processEvents()
            editor = next(w for w in table.viewport().findChildren(QLineEdit) if w.isVisible())
            # thousand won; every other keystroke crosses the local-match minimum and back
            editor.setText(str(10_000 + i if i % 2 else 200_000 + i))
            before = model.data(total)
            t0, c0 = time.perf_counter(), time.thread_time()
            QTest.keyClick(editor, Qt.Key.Key_Return)
            while model.data(total) == before:
                app.processEvents()
            app.processEvents()  # the repaint of totals, summary and marks
            if i >= 5:  # the first few warm caches up
                wall.append(time.perf_counter() - t0)
                cpu.append(time.thread_time() - c0)
        window.close()
        store.close()
    wall.sort()
    return statistics.median(wall), wall[int(len(wall) * 0.9)], statistics.median(cpu)


def idle_memory() -> int:
    done = subprocess.run([sys.executable, "-c", IDLE.format(root=ROOT)], cwd=ROOT, env=ENV, capture_output=True,
                          text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    return int(done.stdout.strip().splitlines()[-1])


def run() -> list[tuple[str, str, str]]:
    app_s, bare_s = startup()
    median, p90, cpu = keystroke()
    rss = idle_memory()
    return [
        ("ui: start-up, main.py --smoke (median of 5)", f"{app_s * 1000:.0f} ms", f"<= 2x bare ({2 * bare_s * 1000:.0f} ms)"),
        ("ui: start-up, bare PySide6 window (median of 5)", f"{bare_s * 1000:.0f} ms", "reference"),
        ("ui: start-up ratio", f"{app_s / bare_s:.2f}x", "<= 2x"),
        ("ui: budget keystroke to totals+findings (median)", f"{median * 1000:.1f} ms", "<= 16 ms"),
        ("ui: budget keystroke to totals+findings (90th pct)", f"{p90 * 1000:.1f} ms", "<= 16 ms"),
        ("ui: budget keystroke, GUI-thread CPU (median)", f"{cpu * 1000:.1f} ms", "<= 16 ms"),
        ("ui: idle memory, sample open (RSS)", f"{rss / 2**20:.0f} MB", "<= 200 MB"),
    ]


if __name__ == "__main__":
    for row in run():
        print("  ".join(row))
