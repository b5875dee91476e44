"""Someone types without pausing, then the app is killed: what was typed more than a second
before is in the database (the autosave waits for a pause, but never longer than that)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest

from storage.opening import open_store

CHILD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "typing_child.py")
#: keys typed before the kill (the child types one every 100 ms: about three seconds)
KEYS = 30


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_steady_typing_is_saved_before_the_app_is_killed(db_path, super_regional):
    super_regional.plan["summary"].en = "Typed:"
    with open_store(db_path) as store:
        store.create(super_regional)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, CHILD, db_path, super_regional.id], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, bufsize=1, env=env)
    typed: list[tuple[float, int]] = []
    enough = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            if line.startswith("typed "):
                typed.append((time.monotonic(), int(line.split()[1])))
                if typed[-1][1] >= KEYS:
                    enough.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not enough.wait(120):
            pytest.fail("the child did not type: " + (proc.stderr.read() if proc.poll() is not None else ""))
    finally:
        killed_at = time.monotonic()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        reader.join(5)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    must = max(n for t, n in typed if t < killed_at - 1.0)
    with open_store(db_path) as store:
        p, _version = store.load(super_regional.id)
    text = p.plan["summary"].en
    assert re.fullmatch(r"Typed:x*", text), text
    saved = len(text) - len("Typed:")
    assert must <= saved <= typed[-1][1], (must, saved)
