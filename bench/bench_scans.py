"""Hostile scans: the peak memory (the whole process's ru_maxrss) of ``attach``, ``export`` and
``db import`` on small files made to hurt — PDFs that unpack to gigabytes, a page of millions of
operators, pictures of 120 million pixels — each held to 1 GB, and the time each takes."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

#: The most memory a command may take on any input.
BUDGET_MB = 1024


def _peak(*args: str) -> tuple[int, float, int]:
    """Exit status, seconds and peak memory (MB) of ``python main.py ARGS`` as a process of its own."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, os.path.join(ROOT, "main.py"), *args, "--lang", "en"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, time.perf_counter() - start, usage.ru_maxrss // 1024  # Linux gives KB


_MAKE = """
import io, sys
sys.path.insert(0, sys.argv[1])
from tests import scanfiles
kind, out = sys.argv[2], sys.argv[3]
if kind == "jpeg":
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (12_000, 10_000), "white").save(buf, "JPEG", quality=90)
    data = buf.getvalue()
else:
    data = getattr(scanfiles, kind)()
open(out, "wb").write(data)
"""


def _make(kind: str, out: str) -> None:
    """The hostile file, made by a process of its own (the bench's own memory would otherwise be
    counted in the peak of every command it starts)."""
    subprocess.run([sys.executable, "-c", _MAKE, ROOT, kind, out], check=True)


def run() -> list[tuple[str, str, str]]:
    from forms.files.exchange import write_file
    from forms.sample import SAMPLES

    inputs = {
        "PDF, 60 pages of 70 MB content each (31 KB)": ("pdf", "content_bomb_pdf"),
        "PDF, a 10 x 10 picture that unpacks to 600 MB (2 KB)": ("pdf", "picture_bomb_pdf"),
        "PDF, a page of 3 million operands (1 KB)": ("pdf", "many_operators_pdf"),
        "PNG, 12000 x 10000 pixels": ("png", "big_png"),
        "JPEG, 12000 x 10000 pixels": ("jpg", "jpeg"),
    }
    rows: list[tuple[str, str, str]] = []
    budget = f"<= {BUDGET_MB} MB"
    with tempfile.TemporaryDirectory() as tmp:
        proposal = os.path.join(tmp, "p.json")
        write_file(SAMPLES["leap"](), proposal)
        for i, (what, (suffix, make)) in enumerate(inputs.items()):
            scan = os.path.join(tmp, f"scan{i}.{suffix}")
            _make(make, scan)
            attached = os.path.join(tmp, f"with{i}.json")
            code, seconds, mb = _peak("attach", proposal, scan, "--slot", "other", "--out", attached)
            rows.append((f"attach: {what}", f"{mb} MB, {seconds:.1f} s", f"{budget} (exit {code})"))
            if code != 0:
                continue
            code, seconds, mb = _peak("export", attached, "--out", os.path.join(tmp, f"p{i}.pdf"), "--draft")
            rows.append((f"export: {what}", f"{mb} MB, {seconds:.1f} s", f"{budget} (exit {code})"))
            code, seconds, mb = _peak("db", "--db", os.path.join(tmp, f"db{i}.db"), "import", attached)
            rows.append((f"db import: {what}", f"{mb} MB, {seconds:.1f} s", f"{budget} (exit {code})"))
    return rows


if __name__ == "__main__":
    for row in run():
        print(*row, sep="  |  ")
