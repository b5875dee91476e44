"""Real full and read-only disks for tests: a small tmpfs mounted for the test (root only, else the
test is skipped), and commands run as an unprivileged user so that permissions bite even when the
tests run as root."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOBODY = 65534


@contextlib.contextmanager
def small_disk(size: str = "1m"):
    """A folder on a tmpfs of ``size`` of its own, unmounted afterwards."""
    base = tempfile.mkdtemp(prefix="rps-disk-")
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", base],
                              capture_output=True, check=False)
        if done.returncode:
            pytest.skip("mounting a small disk needs root (mount -t tmpfs)")
        try:
            yield base
        finally:
            subprocess.run(["umount", "-l", base], check=False)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def fill(folder: str) -> None:
    """Fill the disk holding ``folder`` to the last byte."""
    chunk = b"\0" * 4096
    with open(os.path.join(folder, "filler"), "wb", buffering=0) as fp:
        try:
            while True:
                fp.write(chunk)
        except OSError:
            pass
        with contextlib.suppress(OSError):
            while True:
                fp.write(b"\0")


def remount_read_only(folder: str) -> None:
    subprocess.run(["mount", "-o", "remount,ro", folder], check=True)


def snapshot(folder: str) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (to show that nothing changed); the empty lock
    files of commands that change the database are not data and are left out."""
    out = {}
    for base, _dirs, names in os.walk(folder):
        for name in names:
            if name.endswith(".lock"):
                continue
            full = os.path.join(base, name)
            with open(full, "rb") as fp:
                out[os.path.relpath(full, folder)] = fp.read()
    return out


def run_as_nobody(*args: str) -> tuple[int, str, str]:
    """``main.main(ARGS)`` in a forked child that has become the user nobody: (exit code, stdout,
    stderr). The child is forked, not started afresh, because the interpreter may live where nobody
    may not read; every module the command needs is imported first by running it once as the
    test's own user on a copy."""
    import main

    if os.geteuid() != 0:
        pytest.skip("running as another user needs root (and without root, permissions already bite)")
    out_dir = open_folder()
    paths = [os.path.join(out_dir, name) for name in ("out", "err")]
    for path in paths:
        with open(path, "w"):
            pass
        os.chmod(path, 0o666)
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 99
        try:
            for fd, path in zip((1, 2), paths, strict=True):
                target = os.open(path, os.O_WRONLY)
                os.dup2(target, fd)
                os.close(target)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            code = main.main(list(args))
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001 - reported through the exit code
            import traceback

            traceback.print_exc()
            sys.stderr.flush()
        finally:
            os._exit(code)
    _pid, status = os.waitpid(pid, 0)
    out, err = (open(path, encoding="utf-8").read() for path in paths)
    shutil.rmtree(out_dir, ignore_errors=True)
    return os.waitstatus_to_exitcode(status), out, err


def open_folder() -> str:
    """A folder anyone can enter (pytest's own are private to the user running the tests)."""
    folder = tempfile.mkdtemp(prefix="rps-perm-")
    os.chmod(folder, 0o755)
    return folder
