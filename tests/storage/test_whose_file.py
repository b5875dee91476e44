"""Whether a file is ours is decided before SQLite writes anything; stray files in backups/ and
readers opening the database at the same moment never break a command."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

import main
from forms.files import exchange
from storage import backup
from storage.backup import list_backups, stray_files
from storage.opening import open_store
from storage.paths import backup_dir
from tests.storage.disks import ROOT, snapshot


def db(path, *args):
    return main.main(["db", "--db", path, *args])


def _with_live_wal(make, folder, name="other.db"):
    """A database whose last changes are still only in its -wal (as after a crash): made in a
    work folder by ``make(conn)`` and copied, with its -wal and -shm, while still open."""
    work = os.path.join(folder, "work")
    os.makedirs(work)
    src = os.path.join(work, name)
    conn = sqlite3.connect(src, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    make(conn)
    target = os.path.join(folder, name)
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(src + suffix, target + suffix)
    conn.close()
    shutil.rmtree(work)
    assert os.path.getsize(target + "-wal") > 0
    return target


def _foreign(conn):
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    for i in range(50):
        conn.execute("INSERT INTO notes (text) VALUES (?)", (f"note {i}" * 20,))


def test_a_foreign_database_with_a_wal_is_left_byte_for_byte(tmp_path, capsys):
    path = _with_live_wal(_foreign, str(tmp_path))
    before = snapshot(str(tmp_path))
    assert db(path, "list") == 2
    assert "not a proposal database of this app" in capsys.readouterr().err
    assert db(path, "import", os.devnull) == 2  # a writing command: refused the same way
    capsys.readouterr()
    assert snapshot(str(tmp_path)) == before


def test_our_damaged_database_with_a_wal_is_left_byte_for_byte(tmp_path, super_regional, capsys):
    sample = str(tmp_path / "p.json")
    exchange.write_file(super_regional, sample)

    def ours(conn):
        conn.close()  # our own schema and a proposal, through the store; then its -wal kept open
        with open_store(conn_path) as store:
            store.import_file(sample)
        raw = sqlite3.connect(conn_path, isolation_level=None)
        raw.execute("PRAGMA wal_autocheckpoint = 0")
        raw.execute("UPDATE proposals SET title_en = title_en || ' (changed)'")
        holder.append(raw)

    holder: list = []
    folder = str(tmp_path / "db")
    os.makedirs(folder)
    conn_path = os.path.join(folder, "work", "proposals.db")
    path = _with_live_wal(ours, folder, "proposals.db")
    holder[0].close()
    size = os.path.getsize(path)
    with open(path, "r+b") as fp:  # damage every page but the first (the header stays sound)
        fp.seek(4096)
        fp.write(b"\xa5" * (size - 4096))
    shutil.rmtree(backup_dir(path), ignore_errors=True)
    before = snapshot(folder)
    assert db(path, "list") == 2
    err = capsys.readouterr().err
    assert "cannot be used" in err and "Nothing in it was changed" in err
    assert snapshot(folder) == before


@pytest.mark.parametrize("app_id", [0, 0x4B474F4C])
def test_a_file_with_only_a_view_and_another_application_id_is_not_adopted(tmp_path, app_id, capsys):
    path = str(tmp_path / "view.db")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {app_id}")
    conn.execute("CREATE VIEW answer AS SELECT 42 AS value")
    conn.commit()
    conn.close()
    before = snapshot(str(tmp_path))
    assert db(path, "list") == 2
    assert "not a proposal database of this app" in capsys.readouterr().err
    assert snapshot(str(tmp_path)) == before


def test_an_empty_database_of_another_application_is_not_adopted(tmp_path, capsys):
    path = str(tmp_path / "app.db")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()
    before = snapshot(str(tmp_path))
    assert db(path, "list") == 2
    capsys.readouterr()
    assert snapshot(str(tmp_path)) == before


# --- stray files in backups/ ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["proposals-20261399-999999.db", "proposals-99991231-235959.db",
                                  "proposals-00010101-000000.db", "proposals-20261125-101010.db.part",
                                  "notes.txt"])
def test_a_stray_file_in_backups_breaks_nothing(db_path, super_regional, tmp_path, name, capsys):
    sample = str(tmp_path / "p.json")
    exchange.write_file(super_regional, sample)
    with open_store(db_path) as store:
        store.import_file(sample)
    folder = backup_dir(db_path)
    os.makedirs(folder, exist_ok=True)
    open(os.path.join(folder, name), "wb").close()
    for args in (["list"], ["check"], ["backups"], ["snapshots", super_regional.id]):
        assert db(db_path, *args) == 0, args
    captured = capsys.readouterr()
    assert "Unexpected" not in captured.err
    backups = list_backups(db_path)
    assert len(backups) == 1 and name not in [b.name for b in backups]  # the day's backup was made
    if name.endswith(".part"):  # a temporary file of a backup that was killed: cleaned by the next one
        assert not os.path.exists(os.path.join(folder, name))
    elif name != "proposals-00010101-000000.db":
        assert f"Ignored {name}" in captured.err
        assert name in stray_files(db_path)
    out = str(tmp_path / "back.json")
    assert db(db_path, "restore", backups[0].name) == 0
    assert db(db_path, "export", super_regional.id, "--out", out) == 0
    capsys.readouterr()


def test_a_killed_backups_temporary_files_are_cleaned_by_the_next(db_path, super_regional, tmp_path):
    with open_store(db_path) as store:
        folder = backup_dir(db_path)
        os.makedirs(folder, exist_ok=True)
        for name in (".proposals-20261125-101010.db.abcd1234.part", ".proposals-x.db.zz.part-journal"):
            open(os.path.join(folder, name), "wb").close()
        store.backup_now()
    assert sorted(n for n in os.listdir(folder) if not n.startswith(".backup")) == [list_backups(db_path)[0].name]


# --- readers at the first open of the day --------------------------------------------------------


def test_readers_side_by_side_at_the_first_open_of_the_day(db_path, super_regional, tmp_path):
    sample = str(tmp_path / "p.json")
    exchange.write_file(super_regional, sample)
    with open_store(db_path) as store:
        store.import_file(sample)
    for _round in range(3):
        shutil.rmtree(backup_dir(db_path), ignore_errors=True)
        procs = [subprocess.Popen([sys.executable, os.path.join(ROOT, "main.py"), "db", "--db", db_path, verb],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for verb in ("list", "check", "list", "check")]
        results = [(p.wait(120), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        assert [code for code, _err in results] == [0, 0, 0, 0], results
        assert len(list_backups(db_path)) == 1


def test_a_reader_does_not_wait_for_a_backup_being_made(db_path, super_regional, tmp_path, capsys):
    sample = str(tmp_path / "p.json")
    exchange.write_file(super_regional, sample)
    with open_store(db_path) as store:
        store.import_file(sample)
    held = backup.InstanceLock(os.path.join(backup_dir(db_path), ".backup"))
    os.makedirs(backup_dir(db_path), exist_ok=True)
    assert held.acquire()
    try:
        assert db(db_path, "list") == 0  # another process makes the day's backup: this one goes on
    finally:
        held.release()
    assert list_backups(db_path) == []
    assert "Unexpected" not in capsys.readouterr().err


def test_backup_names_are_never_older_than_the_newest(db_path):
    with open_store(db_path) as store:
        future = dt.datetime.now() + dt.timedelta(hours=1)
        folder = backup_dir(db_path)
        os.makedirs(folder, exist_ok=True)
        open(os.path.join(folder, f"proposals-{future:%Y%m%d-%H%M%S}.db"), "wb").close()
        info = store.backup_now()
    assert info.created_at.replace(tzinfo=None) > future
