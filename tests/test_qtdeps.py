"""`make run` on a fresh Debian/Ubuntu desktop: tools/qtdeps.py finds the libraries Qt's xcb
plugin cannot load, names their packages, installs them or says exactly what to install and
stops (exit 1) — run here against a stand-in `ldd` and `apt-get`."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from tools.qtdeps import missing_libraries, packages

LDD = """\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /x/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibweird.so.9 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)
"""


def test_missing_libraries_and_their_packages():
    libs = missing_libraries(LDD)
    assert libs == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libweird.so.9"]
    assert packages(libs) == (["libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"], ["libweird.so.9"])


def _tool(tmp_path, ldd: str, apt_status: int) -> subprocess.CompletedProcess:
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    scripts = {"ldd": f"#!/bin/sh\ncat <<'OUT'\n{ldd}OUT\n",
               "apt-get": f"#!/bin/sh\necho \"$@\" >> {tmp_path}/apt-args\n"
                          f"[ \"$1\" = update ] && exit 0\nexit {apt_status}\n",
               "sudo": "#!/bin/sh\nexec \"$@\"\n"}
    for name, text in scripts.items():
        path = bin_ / name
        path.write_text(text)
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["PATH"] = f"{bin_}{os.pathsep}{env['PATH']}"
    return subprocess.run([sys.executable, "tools/qtdeps.py"], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, check=False)


def test_what_is_missing_is_named_with_the_command_to_install_it_and_the_app_does_not_start(tmp_path):
    done = _tool(tmp_path, LDD, apt_status=100)  # installing fails (or is not allowed)
    assert done.returncode == 1
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4" in done.stderr
    assert "sudo apt-get update && sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in done.stderr
    assert "libweird.so.9" in done.stderr
    if os.geteuid() == 0:  # as root it tried to install them itself
        # the package lists are read first: a fresh system has none
        assert (tmp_path / "apt-args").read_text().splitlines() == [
            "update -qq", "install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"]


def test_nothing_missing_lets_the_app_start(tmp_path):
    done = _tool(tmp_path, "\tlibc.so.6 => /lib/libc.so.6 (0x1)\n", apt_status=1)
    assert done.returncode == 0 and done.stderr == ""
    assert not (tmp_path / "apt-args").exists()
