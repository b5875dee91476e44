"""A subcommand builds only its own group's parser (``main.command_module``): ``export`` does not
import what ``db``, ``sign`` or ``merge`` need. Its help, its mistakes and everything else read
exactly as with the whole parser."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import main
from forms.base import i18n

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OTHERS = ["cli.db", "cli.sign", "cli.merge", "cli.attach", "cli.budget_import", "storage.backup"]


def _loaded(args: list[str]) -> dict[str, bool]:
    code = ("import json, sys, main\n"
            f"code = main.main({args!r})\n"
            f"print(json.dumps({{m: m in sys.modules for m in {[*OTHERS, 'cli.files']!r}}}))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_subcommand_imports_only_its_own_groups_modules(tmp_path):
    out = str(tmp_path / "s.json")
    loaded = _loaded(["--lang", "en", "sample", "--type", "leap", "--out", out])
    assert loaded.pop("cli.files") and not any(loaded.values()), loaded


@pytest.mark.parametrize(("argv", "module"), [
    (["export", "f.json", "--out", "x.pdf"], "files"), (["--lang", "ko", "db", "list"], "db"),
    (["--db", "export", "sign", "--help"], "sign"), (["--lang=en", "--smoke", "detach", "f", "1"], "attach"),
    (["--lang", "xx", "export"], None), (["--help"], None), (["--lang"], None), (["nothing"], None),
    (["--la", "en", "export"], None), ([], None),
])
def test_the_command_is_found_after_the_windows_options(argv, module):
    assert main.command_module(argv) == module


@pytest.mark.parametrize("argv", [
    ["export", "f.json", "--out", "x.pdf", "--bogus"], ["export"], ["--lang", "ko", "db", "list", "--nope"],
    ["merge", "a"], ["sign", "--help"], ["export", "--help"], ["--lang", "ko", "export", "--format", "doc"],
])
def test_help_and_mistakes_read_as_with_the_whole_parser(argv, capsys):
    before = i18n.current_language()
    try:
        i18n.set_language(main._early_language(argv))
        with pytest.raises(SystemExit) as whole:
            main.build_parser().parse_args(argv)
        expected = capsys.readouterr()
        with pytest.raises(SystemExit) as one:
            main.main(argv)
        got = capsys.readouterr()
    finally:
        i18n.set_language(before)
    assert (one.value.code, got.out, got.err) == (whole.value.code, expected.out, expected.err)
    assert main.command_module(argv) is not None
