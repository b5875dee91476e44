"""A full disk and a read-only database: reading goes on, writing stops with a clear message and
nothing half-written. The disks are real (a small tmpfs, remounted read-only) and permissions are
tried as an unprivileged user, since the tests may run as root."""

from __future__ import annotations

import dataclasses
import errno
import os
import shutil

import pytest

import main
from forms.base.i18n import N_
from forms.files import exchange
from storage import backup
from storage.backup import list_backups
from storage.opening import open_store
from tests.storage.disks import fill, open_folder, remount_read_only, run_as_nobody, small_disk, snapshot


@pytest.fixture
def sample_file(tmp_path, super_regional):
    path = str(tmp_path / "p.json")
    exchange.write_file(super_regional, path)
    return path


def _make_db(path, sample_file):
    with open_store(path) as store:
        store.import_file(sample_file)


def db(path, *args):
    return main.main(["db", "--db", path, *args])


# --- a full disk ---------------------------------------------------------------------------------


def test_reading_goes_on_when_the_days_backup_cannot_be_made(sample_file, super_regional, tmp_path, capsys):
    with small_disk() as disk:
        path = os.path.join(disk, "proposals.db")
        _make_db(path, sample_file)
        fill(disk)
        before = snapshot(disk)
        assert db(path, "list") == 0
        captured = capsys.readouterr()
        assert super_regional.id in captured.out
        assert "No backup of" in captured.err and "the disk is full" in captured.err
        assert db(path, "check") == 0
        out = str(tmp_path / "out.json")
        assert db(path, "export", super_regional.id, "--out", out) == 0
        assert dataclasses.replace(exchange.read_file(out), stored_version=None) == super_regional
        assert db(path, "--lang", "ko", "list") == 0
        assert "디스크 공간이 부족" in capsys.readouterr().err
        assert snapshot(disk) == before  # no backup, no half-written file, the database as it was


def test_import_into_a_new_database_on_a_full_disk_leaves_nothing(sample_file, capsys):
    with small_disk() as disk:
        fill(disk)
        path = os.path.join(disk, "proposals.db")
        assert db(path, "import", sample_file) == 2
        err = capsys.readouterr().err
        assert "the disk is full" in err and "Unexpected" not in err
        assert not any(os.path.exists(path + s) for s in ("", "-wal", "-shm", "-journal"))
        assert not os.path.exists(os.path.join(disk, "backups"))


def test_restore_on_a_full_disk_changes_nothing(sample_file, capsys):
    with small_disk("2m") as disk:
        path = os.path.join(disk, "proposals.db")
        _make_db(path, sample_file)
        with open_store(path) as store:
            kept = store.backup_now()
        fill(disk)
        before = snapshot(disk)
        assert db(path, "restore", kept.name) == 2
        err = capsys.readouterr().err
        assert err == (f"Nothing was restored. The database is as it was. The database {path} cannot be changed "
                       "now: the disk is full. Nothing was changed.\n")
        assert snapshot(disk) == before


def test_restore_over_a_damaged_database_on_a_full_disk_keeps_the_file_in_place(sample_file, capsys):
    with small_disk("2m") as disk:
        path = os.path.join(disk, "proposals.db")
        _make_db(path, sample_file)
        with open_store(path) as store:
            kept = store.backup_now()
        with open(path, "r+b") as fp:
            fp.write(b"not a database any more")
        fill(disk)
        before = snapshot(disk)
        assert db(path, "restore", kept.name) == 2
        err = capsys.readouterr().err
        assert "Nothing was restored" in err and "Unexpected" not in err
        assert snapshot(disk) == before


def test_a_failing_backup_never_stops_reading(db_path, sample_file, monkeypatch, capsys):
    """The same without a small disk (any machine): the failure injected where the backup writes."""
    _make_db(db_path, sample_file)

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "copy_database", full)
    assert db(db_path, "list") == 0
    assert "the disk is full" in capsys.readouterr().err
    assert list_backups(db_path) == []
    assert db(db_path, "restore", "x") == 2  # no backup named x: refused before anything
    capsys.readouterr()


def test_a_restore_whose_safety_backup_fails_restores_nothing(db_path, sample_file, monkeypatch, capsys):
    _make_db(db_path, sample_file)
    with open_store(db_path) as store:
        kept = store.backup_now()
    before = snapshot(os.path.dirname(db_path))

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "copy_database", full)
    assert db(db_path, "restore", kept.name) == 2
    err = capsys.readouterr().err
    assert "Nothing was restored" in err and "the disk is full" in err
    after = snapshot(os.path.dirname(db_path))
    assert {k: v for k, v in after.items() if not k.endswith(("-wal", "-shm"))} == \
        {k: v for k, v in before.items() if not k.endswith(("-wal", "-shm"))}


# --- a read-only database ------------------------------------------------------------------------


def test_a_database_on_a_read_only_disk_is_read_not_called_damaged(sample_file, super_regional, tmp_path, capsys):
    with small_disk() as disk:
        path = os.path.join(disk, "proposals.db")
        _make_db(path, sample_file)
        remount_read_only(disk)
        before = snapshot(disk)
        assert db(path, "list") == 0
        captured = capsys.readouterr()
        assert super_regional.id in captured.out and "read-only" in captured.err
        assert db(path, "check") == 0
        out = str(tmp_path / "out.json")
        assert db(path, "export", super_regional.id, "--out", out) == 0
        assert dataclasses.replace(exchange.read_file(out), stored_version=None) == super_regional
        capsys.readouterr()
        assert db(path, "import", sample_file) == 2
        err = capsys.readouterr().err
        assert "can only be read" in err and "read-only disk" in err
        assert "damaged" not in err and "restore" not in err
        assert snapshot(disk) == before


def _db_for_nobody(sample_file):
    folder = open_folder()
    path = os.path.join(folder, "proposals.db")
    _make_db(path, sample_file)
    os.chmod(path, 0o644)
    return folder, path


def _warm_up(path, sample_file):
    """Import every module the commands need while still root (see run_as_nobody)."""
    folder = os.path.dirname(path)
    copy = os.path.join(folder, "warm", "proposals.db")
    for args in (["list"], ["import", sample_file]):
        main.main(["db", "--db", copy, *args])
    shutil.rmtree(os.path.dirname(copy))


def test_a_folder_without_write_permission_reads_and_refuses_writing(sample_file, super_regional, capsys):
    folder, path = _db_for_nobody(sample_file)
    try:
        _warm_up(path, sample_file)
        capsys.readouterr()
        before = snapshot(folder)
        code, out, err = run_as_nobody("db", "--db", path, "list")
        assert code == 0, err
        assert super_regional.id in out and "read-only" in err and "not permitted" in err
        code, out, err = run_as_nobody("db", "--db", path, "import", sample_file)
        assert code == 2, err
        assert "can only be read" in err
        assert "damaged" not in err and "Unexpected" not in err
        assert snapshot(folder) == before
    finally:
        shutil.rmtree(folder)


def test_a_file_nobody_may_read_is_not_called_damaged(sample_file, capsys):
    folder, path = _db_for_nobody(sample_file)
    try:
        _warm_up(path, sample_file)
        capsys.readouterr()
        os.chmod(path, 0o000)
        before = snapshot(folder)
        code, _out, err = run_as_nobody("db", "--db", path, "list")
        assert code == 2, err
        assert "access is denied" in err
        assert "damaged" not in err and "restore" not in err
        assert snapshot(folder) == before
    finally:
        shutil.rmtree(folder)


def test_a_database_sqlite_cannot_open_for_writing_is_read_or_refused(db_path, sample_file, monkeypatch):
    from storage import opening
    from storage.errors import Unavailable

    _make_db(db_path, sample_file)

    def refused(*_args, **_kwargs):
        raise Unavailable(N_("The database {file} cannot be used right now: {reason}"), file=db_path,
                          reason="database is locked")

    monkeypatch.setattr(opening, "upgrade_file", refused)
    with pytest.raises(Unavailable, match="database is locked"):
        open_store(db_path)
    with open_store(db_path, read_only_ok=True) as store:
        assert store.read_only == "database is locked"
        assert len(store.list_proposals()) == 1
