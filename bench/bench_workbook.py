"""Hostile budget workbooks imported through the command line, each in its own process: the wall
time and the peak memory (the process's ``ru_maxrss``) of ``import-budget``, at the size the
hostile test used (a 512 MB cell in a 500 KB file, rows of 16,384 empty cells, 20,000 rows of
unknown names, …), beside the app's own workbook.

Run with ``make bench`` (or ``python bench/run.py workbook``). The budget: under a few seconds
and far under 1 GB for any input.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from forms.files.exchange_write import write_file  # noqa: E402
from forms.sample import SAMPLES  # noqa: E402
from tests.hostile_workbooks import CASES, hidden_copy_first, hostile_bytes, parts_of, write_huge_cell, zipped  # noqa: E402

#: Runs main.py and, on the way out, writes the process's peak resident memory (VmHWM, in KB):
#: ``ru_maxrss`` would count the memory of the bench process it was forked from.
_CHILD = """
import atexit, runpy, sys
def peak(path=sys.argv[1]):
    with open('/proc/self/status') as f, open(path, 'w') as out:
        out.write(next(line.split()[1] for line in f if line.startswith('VmHWM:')))
atexit.register(peak)
main = sys.argv[2]
sys.argv = sys.argv[2:]
runpy.run_path(main, run_name='__main__')
"""


def _import(src: str, book: str, out: str) -> tuple[float, int, int]:
    """(seconds, peak KB, exit code) of one ``import-budget`` in a new process."""
    peak = out + ".peak"
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, peak, os.path.join(ROOT, "main.py"), "import-budget", src,
                           book, "--out", out, "--lang", "en"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          check=False)
    seconds = time.perf_counter() - t
    with open(peak) as f:
        return seconds, int(f.read()), done.returncode


def run() -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    proposal = SAMPLES["leap"]()
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "leap.json")
        write_file(proposal, src)
        books: dict[str, str] = {}
        for name, make in [("the app's own workbook", lambda: zipped(parts_of(proposal))),
                           ("very hidden copy placed first", lambda: hidden_copy_first(proposal)),
                           *((f"hostile: {case}", lambda c=case: hostile_bytes(proposal, c, big=True))
                             for case in sorted(CASES) if case != "huge-cell")]:
            books[name] = os.path.join(tmp, f"{len(books)}.xlsx")
            with open(books[name], "wb") as f:
                f.write(make())
        books["hostile: huge-cell (512 MB cell)"] = os.path.join(tmp, "huge.xlsx")
        write_huge_cell(proposal, books["hostile: huge-cell (512 MB cell)"])
        for name, book in books.items():
            seconds, peak_kb, code = _import(src, book, os.path.join(tmp, "out.json"))
            size = os.path.getsize(book)
            rows.append((f"import-budget, {name} ({size // 1024:,} KB), exit {code}",
                         f"{seconds:.2f} s, {peak_kb // 1024} MB", "a few s; < 1 GB peak"))
    return rows
