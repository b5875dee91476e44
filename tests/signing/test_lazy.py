"""pyHanko takes over a second to load: the window and every other command start without it, and
``sign``/``verify`` load it only when they run (``-X importtime`` names every module a run imports)."""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HEAVY = ("pyhanko", "pyhanko_certvalidator", "pkcs11", "aiohttp", "signing")


def _imported(*args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-X", "importtime", "main.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    names = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines() if "import time:" in line}
    return done, names


def test_other_commands_and_the_window_do_not_load_pyhanko(tmp_path):
    sample = tmp_path / "s.json"
    done, names = _imported("sample", "--type", "leap", "--out", str(sample))
    assert done.returncode == 0 and not names & set(HEAVY)
    done, names = _imported("validate", str(sample))
    assert done.returncode in (0, 1) and not names & set(HEAVY)
    done, names = _imported("--smoke", "--db", str(tmp_path / "p.db"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert not names & set(HEAVY)


def test_verify_loads_it_when_it_runs(tmp_path):
    (tmp_path / "x.pdf").write_text("not a pdf")
    done, names = _imported("verify", str(tmp_path / "x.pdf"))
    assert done.returncode == 2 and "pyhanko" in names
