"""The command line run inside the test's own process: ``main.main(argv)`` with what it prints and
its exit code returned as a subprocess gives them, without starting an interpreter for each command.
A few tests still run ``main.py`` as a real subprocess (exit status, closed pipes, memory limits)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess

from forms.base import i18n


def run_main(*argv: str) -> subprocess.CompletedProcess:
    """``python main.py *argv`` in a C.UTF-8 environment, as the subprocess tests ran it: the exit
    code (argparse's ``SystemExit`` included), standard output and standard error as text. The
    language and the environment are left as they were found."""
    import main

    saved = {name: os.environ.get(name) for name in ("LANG", "LC_ALL")}
    os.environ["LANG"] = "C.UTF-8"
    os.environ.pop("LC_ALL", None)
    language = i18n.current_language()
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main.main(list(argv))
            except SystemExit as exc:  # argparse: --help (0) and a mistake on the command line (2)
                code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    finally:
        i18n.set_language(language)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return subprocess.CompletedProcess(["main.py", *argv], code, out.getvalue(), err.getvalue())
