"""``--db`` naming a PostgreSQL server: the URL is checked in words before anything is tried (only
``sslmode=verify-full`` over the network), a server that cannot be reached is a message, and the
``db`` commands work on a set-up server as on a file, within what the login's group allows."""

from __future__ import annotations

import pytest

import main
from forms.files import exchange


def _run(capsys, *argv):
    code = main.main(["--lang", "ko", *argv])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


@pytest.mark.parametrize("mode", ["require", "prefer", "disable", "verify-ca", None])
def test_over_the_network_only_verify_full_is_accepted(tmp_path, monkeypatch, capsys, mode):
    monkeypatch.chdir(tmp_path)
    url = "postgresql://kim:secret@db.office.example:5432/proposals" + (f"?sslmode={mode}" if mode else "")
    code, _out, err = _run(capsys, "db", "--db", url, "list")
    assert code == 2
    assert "verify-full" in err and "secret" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("url", ["postgresql://kim@db.office.example:port/proposals?sslmode=verify-full",
                                 "postgresql://kim@db.office.example/?sslmode=verify-full",
                                 "postgresql://kim@db.office.example/p?sslmode=verify-full&password=x",
                                 "postgresql://kim@/proposals"])
def test_a_malformed_server_url_is_refused_in_words(tmp_path, monkeypatch, capsys, url):
    monkeypatch.chdir(tmp_path)
    code, _out, err = _run(capsys, "db", "--db", url, "list")
    assert code == 2 and "--db" in err
    assert list(tmp_path.iterdir()) == []


def test_a_server_that_cannot_be_reached_is_a_message(tmp_path, capsys):
    missing = tmp_path / "no-server-here"
    missing.mkdir()
    code, _out, err = _run(capsys, "db", "--db", f"postgresql://kim@/proposals?host={missing}", "list")
    assert code == 2 and "서버" in err and "연결" in err


def test_db_commands_on_a_set_up_server(pg_ready, super_regional, tmp_path, capsys):
    path = str(tmp_path / "p.json")
    exchange.write_file(super_regional, path)
    code, out, _err = _run(capsys, "db", "--db", pg_ready.url("alice"), "import", path)
    assert code == 0 and super_regional.id in out
    code, out, _err = _run(capsys, "db", "--db", pg_ready.url("rita"), "list")
    assert code == 0 and super_regional.id in out
    code, out, err = _run(capsys, "db", "--db", pg_ready.url("rita"), "snapshot", super_regional.id[:8],
                          "--name", "draft")
    assert code == 2 and "읽기" in err and "rps_editor" in err
    code, out, err = _run(capsys, "db", "--db", pg_ready.url("stranger"), "list")
    assert code == 2 and "rps_editor" in err and "rps_reader" in err and super_regional.id not in out
    code, _out, err = _run(capsys, "db", "--db", pg_ready.url("alice"), "backups")
    assert code == 2 and "pg_dump" in err


def test_a_database_not_set_up_names_the_command(pg_db, capsys):
    code, _out, err = _run(capsys, "db", "--db", pg_db.url("alice"), "list")
    assert code == 2 and "db setup --db" in err


def test_setup_twice_changes_nothing_the_second_time(pg_db, capsys):
    code, out, _err = _run(capsys, "db", "--db", pg_db.url(), "setup")
    assert code == 0 and "0001_initial" in out
    code, out, _err = _run(capsys, "db", "--db", pg_db.url(), "setup")
    assert code == 0 and "0001_initial" not in out and "변경" in out


def test_history_says_who_saved_each_version_and_when(pg_ready, super_regional, tmp_path, capsys):
    path = str(tmp_path / "p.json")
    exchange.write_file(super_regional, path)
    assert _run(capsys, "db", "--db", pg_ready.url("alice"), "import", path)[0] == 0
    super_regional.title.en = "Bob's"
    exchange.write_file(super_regional, path)
    assert _run(capsys, "db", "--db", pg_ready.url("bob"), "import", path)[0] == 0
    code, out, _err = _run(capsys, "db", "--db", pg_ready.url("rita"), "history", super_regional.id[:8])
    lines = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and [(v, who) for v, _when, who in lines] == [("v2", "bob"), ("v1", "alice")]
    assert all(len(when) == len("2026-01-02 03:04") for _v, when, _who in lines)


def test_history_on_a_file_names_the_user_of_the_computer(tmp_path, super_regional, capsys):
    import getpass

    path, db = str(tmp_path / "p.json"), str(tmp_path / "p.db")
    exchange.write_file(super_regional, path)
    assert _run(capsys, "db", "--db", db, "import", path)[0] == 0
    code, out, _err = _run(capsys, "db", "--db", db, "history", super_regional.id)
    assert code == 0 and out.split("\t")[0] == "v1" and out.strip().endswith(getpass.getuser())
