"""A real child process edits through the Autosaver and is killed with SIGKILL at random moments;
after each kill every change made more than a second earlier, and every flushed one, is in the
database, the edits have no gap, and ``PRAGMA integrity_check`` is ok."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from forms.sample import SAMPLES
from storage.opening import open_store

CHILD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "crash_child.py")
KILLS = 6


def _run_and_kill(db_path: str, seed: int, rnd: random.Random) -> tuple[list[tuple[float, str]], float]:
    proc = subprocess.Popen([sys.executable, CHILD, db_path, str(seed)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, bufsize=1)
    lines: list[tuple[float, str]] = []
    ready = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            lines.append((time.monotonic(), line.strip()))
            if line.startswith("ready"):
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not ready.wait(30):
        proc.kill()
        proc.wait()
        pytest.fail("the child did not start: " + proc.stderr.read())
    time.sleep(rnd.uniform(0.2, 2.2))
    killed_at = time.monotonic()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    reader.join(5)
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return lines, killed_at


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_autosaver_loses_nothing_older_than_a_second(db_path):
    seed = int(os.environ.get("CRASH_SEED") or time.time())  # new moments each run; reproducible
    rnd = random.Random(seed)
    seen_before = 0
    for round_ in range(KILLS):
        lines, killed_at = _run_and_kill(db_path, round_, rnd)
        edits = [(t, int(text.split()[1])) for t, text in lines if text.startswith("edit ")]
        must = max([n for t, n in edits if t < killed_at - 1.0] +
                   [int(text.split()[1]) for _t, text in lines if text.startswith("flushed ")] + [seen_before])
        last_sent = max([n for _t, n in edits] + [seen_before])

        conn = sqlite3.connect(db_path)  # before the app opens it: WAL recovery, then the whole check
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        finally:
            conn.close()
        with open_store(db_path) as store:
            infos = store.list_proposals()
            if not infos:  # killed before the first proposal was created
                assert must == 0
                continue
            p, _version = store.load(infos[0].id)
            assert store.check() == []
        n = int(p.title.en.split()[1]) if p.title.en.startswith("edit ") else 0
        assert must <= n <= last_sent + 1, (f"CRASH_SEED={seed}", round_, must, n, last_sent)
        numbers = [int(x) for x in p.plan["summary"].en.split()[1:]]
        assert numbers == list(range(1, n + 1)), f"CRASH_SEED={seed}"  # every change, in order, none missing
        # the amount of edit n, or (before any edit was saved) the sample's own first amount
        assert p.budget.lines[0].amount_krw == (n * 1000 if n else SAMPLES["leap"]().budget.lines[0].amount_krw)
        seen_before = n
    assert seen_before > 0
