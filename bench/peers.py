"""LibreOffice as the export's peer, like with like (``bench_reports``):

- **warm**: a running ``soffice --headless --accept=socket,…`` with a throwaway profile, driven
  through UNO by ``lo_driver.py`` under the system's Python (Debian's ``python3-uno``); starting
  LibreOffice and connecting are not timed, nor one warm-up conversion. Each timed conversion
  loads the ``.fodt`` and stores it as PDF — against the packet laid out inside a running Python.
- **cold**: ``soffice --headless --convert-to pdf``, a whole process per conversion, against the
  whole ``main.py export`` process. The profile is made beforehand by one conversion not counted,
  so what is timed is a process start with a profile already there, as a user's would be.

Both use the same ``.fodt`` (``fodt.py``) and the app's Nanum fonts. Without LibreOffice or
python3-uno, or when it fails, a peer is the reason it was not measured (a string), never an error.
Every LibreOffice started here runs in a session of its own, and the whole group is killed when
it is done, on failure or on timeout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DRIVER = os.path.join(HERE, "lo_driver.py")
#: The Python that has python3-uno (Debian installs it for the system's Python only).
SYSTEM_PYTHON = "/usr/bin/python3"
TIMEOUT_S = 300


@dataclass
class Measured:
    times: list[float]  # seconds, one per timed conversion
    pages: int


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def free_port() -> int:
    """A TCP port on the loopback that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pdf_pages(path: str) -> int:
    with open(path, "rb") as fp:
        return len(re.findall(rb"/Type\s*/Page[^s]", fp.read()))


def font_env(tmp: str) -> dict[str, str]:
    """The environment for LibreOffice: the Nanum faces the PDF uses, beside the system's."""
    fonts = os.path.join(tmp, "fonts.conf")
    with open(fonts, "w", encoding="utf-8") as fp:
        fp.write('<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                 f'<dir>{os.path.join(ROOT, "resources", "fonts")}</dir><cachedir>{tmp}/fc</cachedir></fontconfig>')
    return dict(os.environ, FONTCONFIG_FILE=fonts)


def parse_driver(stdout: str, returncode: int) -> list[float] | str:
    """The conversion times ``lo_driver.py`` printed, or why there are none."""
    lines = [line for line in stdout.splitlines() if line.strip().startswith("{")]
    try:
        out = json.loads(lines[-1]) if lines else None
    except ValueError:
        out = None
    if not isinstance(out, dict):
        return f"not measured: the UNO driver printed no result (exit {returncode})"
    if "error" in out:
        return f"not measured: {str(out['error'])[:120]}"
    times = out.get("times")
    if (returncode != 0 or not isinstance(times, list) or not times
            or not all(isinstance(t, int | float) and not isinstance(t, bool) and t > 0 for t in times)):
        return f"not measured: the UNO driver's result is not a list of times (exit {returncode})"
    return [float(t) for t in times]


def _stop(proc: subprocess.Popen) -> None:
    """End the LibreOffice started as ``proc`` and everything it started (its own session)."""
    if proc.poll() is None or _group_alive(proc.pid):
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + wait
            while _group_alive(proc.pid) and time.monotonic() < deadline:
                proc.poll()
                time.sleep(0.05)
            if not _group_alive(proc.pid):
                break
    proc.wait(timeout=5)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _soffice(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def _flags(profile: str) -> list[str]:
    return ["--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
            f"-env:UserInstallation=file://{profile}"]


def warm(source: str, tmp: str, runs: int, soffice: str | None = None, python: str = SYSTEM_PYTHON,
         timeout: float = TIMEOUT_S) -> Measured | str:
    """``runs`` conversions of ``source`` to PDF by one running LibreOffice, after one not counted."""
    soffice = soffice or find_soffice()
    if soffice is None or shutil.which(soffice) is None:
        return "not measured: soffice not found"
    if shutil.which(python) is None:
        return f"not measured: {python} not found (it runs the UNO driver)"
    try:
        probe = subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"not measured: {python} did not start ({type(e).__name__})"
    if probe.returncode != 0:
        return f"not measured: python3-uno is not installed for {python}"
    env = font_env(tmp)
    out = os.path.join(tmp, "warm.pdf")
    port = free_port()
    connect = f"socket,host=127.0.0.1,port={port};urp"
    proc = _soffice([soffice, *_flags(os.path.join(tmp, "lo-warm-profile")), f"--accept={connect};"], env)
    try:
        try:
            done = subprocess.run([python, DRIVER, connect, source, out, str(runs), "1", str(timeout / 2)],
                                  capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            return f"not measured: LibreOffice took over {timeout:.0f} s"
        times = parse_driver(done.stdout, done.returncode)
    finally:
        _stop(proc)
    if isinstance(times, str):
        return times
    return Measured(times, pdf_pages(out) if os.path.exists(out) else 0)


def cold(source: str, tmp: str, runs: int, soffice: str | None = None, timeout: float = TIMEOUT_S) -> Measured | str:
    """``runs`` whole ``soffice --convert-to pdf`` processes on ``source``, after one that makes the
    profile and the font cache (not counted)."""
    soffice = soffice or find_soffice()
    if soffice is None or shutil.which(soffice) is None:
        return "not measured: soffice not found"
    env = font_env(tmp)
    outdir = os.path.join(tmp, "cold")
    os.makedirs(outdir, exist_ok=True)
    out = os.path.join(outdir, os.path.splitext(os.path.basename(source))[0] + ".pdf")
    command = [soffice, *_flags(os.path.join(tmp, "lo-cold-profile")), "--convert-to", "pdf", "--outdir", outdir,
               source]
    times = []
    for i in range(runs + 1):
        if os.path.exists(out):
            os.remove(out)
        start = time.perf_counter()
        proc = _soffice(command, env)
        try:
            code = proc.wait(timeout=timeout)
            took = time.perf_counter() - start
        except subprocess.TimeoutExpired:
            return f"not measured: soffice took over {timeout:.0f} s"
        finally:
            _stop(proc)
        if code != 0 or not os.path.exists(out):
            return f"not measured: soffice failed (exit {code})"
        if i:
            times.append(took)
    return Measured(times, pdf_pages(out))


# The rows of ``bench_reports``: each figure with its aim, whether it is met, and if not, why (measured).

#: The packet laid out in process against a warm LibreOffice converting the same content.
WARM_AIM = 0.4
#: The whole ``main.py export`` process against a cold ``soffice --convert-to``.
COLD_AIM = 0.3
Row = tuple[str, str, str]


def verdict(ratio: float, aim: float, why: Callable[[], str]) -> str:
    if ratio <= aim:
        return f"aim <= {aim}x: met"
    return f"aim <= {aim}x: not met: {why()}"


def cold_rows(whole: float, peer: Measured | str, runs: int, python: str) -> list[Row]:
    """Our whole process (median ``whole``) against the cold LibreOffice."""
    label = "export: LibreOffice cold, a soffice --convert-to process per file, profile made before"
    if isinstance(peer, str):
        return [(label, "-", peer), ("export: whole process / LibreOffice cold", "-", peer)]
    lo = statistics.median(peer.times)

    def why() -> str:
        start = start_cost(python)
        return (f"starting Python and importing the export's modules alone takes {start:.2f} s "
                f"({start / lo:.2f}x LibreOffice cold), the rest is the layout and writing")

    return [(f"{label} (median of {runs})", f"{lo:.3f} s", f"reference: same .fodt, {peer.pages} pages"),
            ("export: whole process / LibreOffice cold", f"{whole / lo:.2f}x", verdict(whole / lo, COLD_AIM, why))]


def warm_rows(ours: float, peer: Measured | str, runs: int, layout: Callable[[], object]) -> list[Row]:
    """The layout in process (best of its runs, ``ours``) against the warm LibreOffice's best
    conversion; ``layout`` lays the packet out once more, profiled, when the aim is not met."""
    label = "export: LibreOffice warm, running soffice driven by UNO, .fodt -> PDF"
    if isinstance(peer, str):
        return [(label, "-", peer), ("export: layout in process / LibreOffice warm", "-", peer)]
    best = min(peer.times)
    return [(f"{label} (median of {runs})", f"{statistics.median(peer.times):.3f} s",
             f"reference: same .fodt, {peer.pages} pages"),
            (f"{label} (best of {runs})", f"{best:.3f} s", "-"),
            ("export: layout in process / LibreOffice warm (best / best)", f"{ours / best:.2f}x",
             verdict(ours / best, WARM_AIM, lambda: where_time_goes(layout)))]


def start_cost(python: str, runs: int = 3) -> float:
    """Median time of a process that starts Python and imports what ``main.py export`` imports."""
    code = ("import main, cli.files, forms.files.exchange_read, reports.export, reports.packet, reports.pdf, "
            "reports.fonts")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([python, "-c", code], cwd=ROOT, check=True, capture_output=True, timeout=120)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def where_time_goes(fn: Callable[[], object]) -> str:
    """Where ``fn``'s time goes, by cProfile's own time of each function, grouped by library."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.runcall(fn)
    shares: dict[str, float] = {}
    for (path, _line, _name), (_cc, _nc, own, _cum, _callers) in pstats.Stats(prof).stats.items():
        if "reportlab" in path:
            key = "ReportLab"
        elif path.startswith(ROOT) and ".venv" not in path:
            key = "the app"
        elif path == "~":
            key = "built-ins"
        else:
            key = "other libraries"
        shares[key] = shares.get(key, 0.0) + own
    total = sum(shares.values()) or 1.0
    parts = sorted(shares.items(), key=lambda kv: -kv[1])
    return "the layout's own time (cProfile): " + ", ".join(f"{k} {v / total:.0%}" for k, v in parts)
