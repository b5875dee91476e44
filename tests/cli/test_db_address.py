"""A --db value that is an address of something other than a PostgreSQL server, not a file, is
refused in words before anything is opened or made (read as a path it made folders named "sqlite:"
in the current folder)."""

from __future__ import annotations

import pytest

import main

ADDRESSES = ["sqlite:///p.db", "http://example.org/db", "mysql://u:secret@h/db"]


@pytest.mark.parametrize("address", ADDRESSES)
@pytest.mark.parametrize("args", [["--smoke"], [], ["db", "list"], ["db", "check"], ["validate", "p.json"]])
def test_an_address_is_refused_and_nothing_is_made(tmp_path, monkeypatch, capsys, address, args):
    monkeypatch.chdir(tmp_path)
    opened = []
    monkeypatch.setattr(main, "cmd_gui", lambda ns: opened.append(ns) or 0)  # the window would open here
    position = 2 if args[:1] == ["db"] else 0
    argv = [*args[:position], "--db", address, *args[position:]]
    assert main.main(["--lang", "ko", *argv]) == 2
    err = capsys.readouterr().err
    assert "주소" in err and "secret" not in err
    assert not opened
    assert list(tmp_path.iterdir()) == []


def test_a_file_name_is_still_a_database(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main.main(["db", "--db", "proposals.db", "list"]) == 0
    assert (tmp_path / "proposals.db").exists()
