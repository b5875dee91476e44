"""Before `make run` opens the window on Linux: are the shared libraries there that Qt's xcb
platform plugin (the X11 window system, also used under XWayland) loads? A fresh Debian or Ubuntu
desktop lacks several (libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, …) and Qt then aborts with
"Could not load the Qt platform plugin xcb".

`python tools/qtdeps.py` asks `ldd` what the plugin cannot find and names the Debian/Ubuntu
packages that hold it. It then installs them (as root, or with sudo when asked at a terminal), or
prints the exact `apt-get install` line and exits 1 without starting the app.
Exit 0: nothing is missing (or not Linux, or the offscreen platform was asked for).
"""

from __future__ import annotations

import glob
import importlib.util
import os
import re
import shutil
import subprocess
import sys

#: Library sonames the xcb plugin and Qt's GUI load, and the Debian/Ubuntu package of each.
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)


def missing_libraries(ldd_output: str) -> list[str]:
    """The sonames ``ldd`` reports as not found, in order, without repeats."""
    out: list[str] = []
    for name in _NOT_FOUND.findall(ldd_output):
        if name not in out:
            out.append(name)
    return out


def packages(libraries: list[str]) -> tuple[list[str], list[str]]:
    """(packages to install, libraries of no known package)."""
    known, unknown = [], []
    for lib in libraries:
        package = PACKAGES.get(lib)
        if package is None:
            unknown.append(lib)
        elif package not in known:
            known.append(package)
    return known, unknown


def plugin() -> str | None:
    """The xcb platform plugin of the installed PySide6."""
    spec = importlib.util.find_spec("PySide6")  # found, not imported: nothing of Qt is loaded here
    if spec is None or not spec.submodule_search_locations:
        return None
    found = glob.glob(os.path.join(spec.submodule_search_locations[0], "Qt", "plugins", "platforms", "libqxcb.so"))
    return found[0] if found else None


def check() -> int:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen",
                                                                                                 "wayland")):
        return 0
    path = plugin()
    if path is None or shutil.which("ldd") is None:
        return 0  # nothing to ask: Qt will say what it lacks
    done = subprocess.run(["ldd", path], capture_output=True, text=True, check=False)
    libs = missing_libraries(done.stdout + done.stderr)
    if not libs:
        return 0
    known, unknown = packages(libs)
    print("Qt cannot open a window: these libraries are missing: " + ", ".join(libs), file=sys.stderr)
    line = "sudo apt-get update && sudo apt-get install " + " ".join(known) if known else ""
    if known and shutil.which("apt-get"):
        if os.geteuid() == 0:
            prefix = []
        elif shutil.which("sudo") and sys.stdin.isatty():
            answer = input(f"Install them now with: {line} ? [Y/n] ").strip().lower()
            prefix = ["sudo"] if answer in ("", "y", "yes") else None
        else:
            prefix = None
        # A fresh system's package lists are empty (or old): read them first, as `apt-get install`
        # alone would find none of the packages. This needs the package registry once.
        if prefix is not None and all(subprocess.run(command, check=False).returncode == 0 for command in (
                [*prefix, "apt-get", "update", "-qq"], [*prefix, "apt-get", "install", "-y", *known])):
            again = subprocess.run(["ldd", path], capture_output=True, text=True, check=False)
            if not missing_libraries(again.stdout + again.stderr):
                return 0
    if known:
        print(f"Install them with:\n    {line}\nthen run `make run` again.", file=sys.stderr)
    if unknown:
        print("Install the packages of your system that hold: " + ", ".join(unknown), file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(check())
