"""Storage measures: save, autosave hand-off, listing, import rate, size per proposal, open, backup.

Run with ``make bench`` (or ``python bench/run.py storage``). Everything happens in a temporary
folder with real SQLite files, synced to disk as in use (WAL, synchronous=FULL).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from forms.files import exchange_write
from forms.sample import SAMPLES
from storage.autosave import Autosaver
from storage.opening import open_store

N = 1000


def _ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f} ms"


def _timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def run() -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "bench.db")
        store = open_store(db)
        p = SAMPLES["super_regional"]()
        version = [store.create(p)]

        def save() -> None:
            p.title.en = f"edit {version[0]}"
            version[0] = store.save(p, version[0])

        saves = _timed(save, 50)
        rows.append(("save of the sample proposal (median of 50)", _ms(saves), "<= 20 ms"))
        rows.append(("save of the sample proposal (slowest of 50)", f"{max(saves) * 1000:.1f} ms", "-"))

        saver = Autosaver(store, p.id, version[0])
        hand_offs = []
        for i in range(200):
            p.plan["summary"].en += f" {i}"
            t = time.perf_counter()
            saver.changed(p)
            hand_offs.append(time.perf_counter() - t)
            time.sleep(0.002)
        saver.close()
        rows.append(("Autosaver.changed() (median of 200)", _ms(hand_offs), "a few ms"))
        rows.append(("Autosaver.changed() (slowest of 200)", f"{max(hand_offs) * 1000:.1f} ms", "a few ms"))
        store.close()

        folder = os.path.join(tmp, "files")
        os.mkdir(folder)
        kinds = ("super_regional", "leap")
        files = []
        for i in range(N):
            q = SAMPLES[kinds[i % 2]]()
            q.id = str(uuid.uuid4())
            q.title.en = f"{q.title.en} #{i}"
            path = os.path.join(folder, f"p{i:04d}.json")
            exchange_write.write_file(q, path)
            files.append(path)
        db2 = os.path.join(tmp, "thousand.db")
        store = open_store(db2)
        t = time.perf_counter()
        for path in files:
            store.import_file(path)
        took = time.perf_counter() - t
        rows.append((f"import of {N} exchange files", f"{N / took:.0f} files/s", "rate reported"))
        listing = _timed(store.list_proposals, 10)
        assert len(store.list_proposals()) == N
        rows.append((f"listing {N} proposals (median of 10)", _ms(listing), "<= 100 ms"))
        some = store.list_proposals()[N // 2].id
        loads = _timed(lambda: store.load(some), 20)
        rows.append((f"load of one proposal among {N} (median of 20)", _ms(loads), "-"))
        store.close()
        size = os.path.getsize(db2)
        rows.append(("database size per proposal", f"{size / N / 1024:.1f} KB", "reported"))
        first = _timed(lambda: open_store(db2).close(), 1)
        rows.append((f"first open of the day, {N} proposals (check + backup)", _ms(first), "-"))
        opens = _timed(lambda: open_store(db2).close(), 5)
        rows.append((f"later open, {N} proposals (header + quick_check)", _ms(opens), "-"))
        store = open_store(db2)
        backups = _timed(store.backup_now, 3)
        store.close()
        rows.append((f"online backup of {N} proposals", _ms(backups), "-"))
    return rows


if __name__ == "__main__":
    for row in run():
        print("\t".join(row))
