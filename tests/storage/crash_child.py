"""Child process of the crash test: keeps editing one proposal through the Autosaver until killed.

Each edit n sets the title to "edit n", appends " n" to the English summary and sets the first
budget line to n thousand won; the numbers in the summary must therefore run 1, 2, … without a
gap in whatever the database holds. Prints "ready n0" once open, "edit n" after handing edit n to
the autosaver, and "flushed n" after a blocking flush; every line is flushed at once.

    python crash_child.py DB_PATH SEED
"""

from __future__ import annotations

import os
import random
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from forms.sample import SAMPLES  # noqa: E402
from storage.autosave import Autosaver  # noqa: E402
from storage.opening import open_store  # noqa: E402


def counter(title: str) -> int:
    return int(title.split()[1]) if title.startswith("edit ") else 0


def main(db_path: str, seed: int) -> None:
    rnd = random.Random(seed)
    store = open_store(db_path)
    infos = store.list_proposals()
    if infos:
        p, version = store.load(infos[0].id)
    else:
        p = SAMPLES["leap"]()
        p.plan["summary"].en = "edits:"
        version = store.create(p)
    n = counter(p.title.en)
    saver = Autosaver(store, p.id, version)
    print(f"ready {n}", flush=True)
    while True:
        n += 1
        p.title.en = f"edit {n}"
        p.plan["summary"].en += f" {n}"
        p.budget.lines[0].amount_krw = n * 1000
        saver.changed(p)
        print(f"edit {n}", flush=True)
        if n % 300 == 0:
            saver.flush()
            print(f"flushed {n}", flush=True)
        time.sleep(rnd.uniform(0.0, 0.01))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
