"""``python main.py db …`` end to end, through main.main: output, exit codes, both languages."""

from __future__ import annotations

import contextlib
import os
import sqlite3

import pytest

import main
from forms.files import exchange_read, exchange_write
from storage.opening import open_store


@pytest.fixture
def files(tmp_path, super_regional, leap):
    out = []
    for p in (super_regional, leap):
        path = str(tmp_path / f"{p.type}.json")
        exchange_write.write_file(p, path)
        out.append(path)
    return out


def db(db_path, *args):
    return main.main(["db", "--db", db_path, *args])


def test_import_list_export(db_path, files, super_regional, leap, tmp_path, capsys):
    assert db(db_path, "import", *files) == 0
    out = capsys.readouterr().out
    assert f"as {super_regional.id}, version 1" in out and f"as {leap.id}, version 1" in out
    assert db(db_path, "import", files[1]) == 0
    assert "version 2" in capsys.readouterr().out
    assert db(db_path, "list") == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [(r[0], r[1]) for r in rows] == [(leap.id, "v2"), (super_regional.id, "v1")]
    assert rows[0][-1] == leap.title.en
    assert main.main(["db", "--db", db_path, "--lang", "ko", "list"]) == 0
    assert leap.title.ko in capsys.readouterr().out
    out_file = str(tmp_path / "back.json")
    assert db(db_path, "export", leap.id[:8], "--out", out_file) == 0
    assert "(version 2)" in capsys.readouterr().out
    back = exchange_read.read_file(out_file)
    assert back.stored_version.version == 2  # the version it was taken from, for 'db save'
    back.stored_version = None
    assert back == leap


def test_import_reports_bad_files_and_keeps_the_good(db_path, files, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    assert main.main(["--lang", "ko", "db", "--db", db_path, "import", str(bad), files[0]]) == 2
    captured = capsys.readouterr()
    assert "bad.json" in captured.err and "가져오지 못했습니다" in captured.err
    with open_store(db_path) as store:
        assert len(store.list_proposals()) == 1


def test_snapshots_and_diff(db_path, files, super_regional, capsys):
    db(db_path, "import", files[0])
    assert db(db_path, "snapshots", super_regional.id) == 0
    assert "No snapshots yet." in capsys.readouterr().out
    assert db(db_path, "snapshot", super_regional.id, "--name", "sent to the province, 2026-11-20") == 0
    assert "Saved snapshot 1" in capsys.readouterr().out
    with open_store(db_path) as store:
        p, v = store.load(super_regional.id)
        p.title.en = "Revised title"
        p.budget.lines[0].amount_krw += 2_000_000
        store.save(p, v)
    db(db_path, "snapshot", super_regional.id, "--name", "revised")
    capsys.readouterr()
    assert db(db_path, "snapshots", super_regional.id) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [(r[0], r[2], r[3]) for r in rows] == [("1", "v1", "sent to the province, 2026-11-20"),
                                                 ("2", "v2", "revised")]
    assert db(db_path, "diff", super_regional.id, "1", "revised") == 0
    out = capsys.readouterr().out
    assert "Title (English):" in out and "Revised title" in out and "+KRW 2,000,000" in out
    assert main.main(["db", "--db", db_path, "--lang", "ko", "diff", super_regional.id, "2", "current"]) == 0
    assert "차이가 없습니다" in capsys.readouterr().out
    assert db(db_path, "diff", super_regional.id, "1", "nope") == 2
    assert "nope" in capsys.readouterr().err


def test_unknown_id(db_path, capsys):
    assert db(db_path, "snapshots", "0000-no-such") == 2
    assert "0000-no-such" in capsys.readouterr().err


def test_check(db_path, files, capsys):
    db(db_path, "import", *files)
    capsys.readouterr()
    assert db(db_path, "check") == 0
    assert "is sound" in capsys.readouterr().out
    with contextlib.closing(sqlite3.connect(db_path)) as conn:  # changed outside the app
        conn.execute("UPDATE working_copies SET fingerprint = 'x' WHERE proposal_pk = 1")
        conn.commit()
    assert db(db_path, "check") == 1
    assert "fingerprint" in capsys.readouterr().out


def test_backups_and_restore(db_path, files, leap, capsys):
    db(db_path, "import", files[0])
    db(db_path, "list")  # the second open today makes the daily backup
    capsys.readouterr()
    assert db(db_path, "backups") == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 1 and listed[0].startswith("proposals-") and listed[0].endswith("KB")
    name = listed[0].split("\t")[0]
    db(db_path, "import", files[1])
    assert db(db_path, "restore", name) == 0
    assert "before-restore" in capsys.readouterr().out
    with open_store(db_path) as store:
        assert leap.id not in {i.id for i in store.list_proposals()}
    assert db(db_path, "restore", "no-such-backup") == 2


def test_a_damaged_database_is_explained_not_traced(db_path, files, capsys):
    db(db_path, "import", files[0])
    db(db_path, "list")
    capsys.readouterr()
    with open(db_path, "r+b") as fp:
        fp.write(b"\x00garbage" * 100)
    assert main.main(["db", "--db", db_path, "--lang", "ko", "list"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and os.path.abspath(db_path) in err
    assert f"db --db {os.path.abspath(db_path)} restore" in err  # the hint names this database, not the default
    assert db(db_path, "backups") == 0  # still listed: they do not need the damaged file
    name = capsys.readouterr().out.split("\t")[0]
    assert db(db_path, "restore", name) == 0
    assert ".damaged-" in capsys.readouterr().out
    assert db(db_path, "check") == 0


def test_commands_that_change_the_database_wait_for_no_window(db_path, files, capsys, monkeypatch):
    from cli import db as commands
    from storage.lock import InstanceLock

    monkeypatch.setattr(commands, "LOCK_WAIT", 0.2)  # a window keeps its lock: do not wait the full time

    assert db(db_path, "import", files[0]) == 0
    db(db_path, "list")  # makes today's backup
    assert db(db_path, "backups") == 0
    backup = capsys.readouterr().out.splitlines()[-1].split("\t")[0]
    window = InstanceLock(db_path)
    assert window.acquire()  # as a window open on it holds
    try:
        for args in (("import", files[1]), ("snapshot", "x", "--name", "A"), ("restore", backup)):
            assert db(db_path, *args) == 3, args
            assert "is open in a window" in capsys.readouterr().err
        assert db(db_path, "list") == 0  # reading is fine
    finally:
        window.release()
    with open_store(db_path) as store:
        assert len(store.list_proposals()) == 1  # nothing was changed
    assert db(db_path, "import", files[1]) == 0  # and once the window is closed, it goes


def test_restoring_the_database_over_itself_is_refused(db_path, files, capsys):
    db(db_path, "import", files[0])
    capsys.readouterr()
    assert db(db_path, "restore", os.path.abspath(db_path)) == 2
    assert "is the database itself" in capsys.readouterr().err


def test_small_things_a_careful_user_meets(db_path, files, tmp_path, capsys):
    """A folder given as the database, a too-short id, and the list in the user's language."""
    folder = tmp_path / "a.db"
    folder.mkdir()
    assert main.main(["db", "--db", str(folder), "--lang", "en", "list"]) == 2
    assert "is a folder, not a database file" in capsys.readouterr().err
    assert db(db_path, "import", files[0]) == 0
    capsys.readouterr()
    assert main.main(["db", "--db", db_path, "--lang", "ko", "list"]) == 0
    listed = capsys.readouterr().out
    assert "초광역 협력형" in listed and "경상북도" in listed and "super_regional" not in listed
    with open_store(db_path) as store:
        prefix = store.list_proposals()[0].id[:3]
    assert db(db_path, "export", prefix, "--out", str(tmp_path / "x.json")) == 2
    assert "at least the first four characters" in capsys.readouterr().err


def test_validate_json_is_json_even_for_an_unreadable_file(tmp_path, capsys):
    import json

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": ', encoding="utf-8")
    assert main.main(["validate", str(bad), "--json", "--lang", "ko"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["readable"] is False and out["message"].startswith("1번째 줄 12번째 열:")
    assert (out["line"], out["column"]) == (1, 12)
    arr = tmp_path / "arr.json"
    arr.write_text("[]", encoding="utf-8")
    assert main.main(["validate", str(arr), "--json", "--lang", "ko"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["where"] == "파일 전체" and "(top)" not in out["message"]


def test_a_damaged_snapshot_is_named_and_explained_in_the_users_language(db_path, files, super_regional, capsys):
    import sqlite3

    db(db_path, "import", files[0])
    assert db(db_path, "snapshot", super_regional.id, "--name", "first") == 0
    conn = sqlite3.connect(db_path)
    conn.execute("update snapshots set body = '{garbage'")
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert main.main(["db", "--db", db_path, "--lang", "ko", "diff", super_regional.id, "1", "current"]) == 2
    err = capsys.readouterr().err
    assert "스냅숏 1번" in err and "1번째 줄 2번째 열" in err and "line 1" not in err and "JSON (" not in err


def test_a_broken_backup_file_is_refused_as_a_backup(db_path, files, tmp_path, capsys):
    db(db_path, "import", files[0])
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"\x00not a database" * 200)
    capsys.readouterr()
    assert db(db_path, "restore", str(garbage)) == 2
    err = capsys.readouterr().err
    assert "The backup" in err and "Nothing was restored" in err and "start a new database" not in err
    with open_store(db_path) as store:
        assert len(store.list_proposals()) == 1


def test_export_never_writes_over_the_database(db_path, files, super_regional, capsys):
    db(db_path, "import", files[0])
    before = open(db_path, "rb").read(16)
    for target in (db_path, os.path.join(os.path.dirname(db_path), ".", os.path.basename(db_path)), db_path + "-wal"):
        assert db(db_path, "export", super_regional.id[:8], "--out", target) == 2
        assert "is the database itself" in capsys.readouterr().err
    assert open(db_path, "rb").read(16) == before == b"SQLite format 3\x00"


def test_a_command_waits_for_another_to_finish(db_path, files, capsys):
    import threading
    import time

    from storage.lock import InstanceLock

    other = InstanceLock(db_path)  # another command, busy for a moment
    assert other.acquire()
    threading.Thread(target=lambda: (time.sleep(0.5), other.release()), daemon=True).start()
    assert db(db_path, "import", files[0]) == 0  # it waited, then ran
    assert "Imported" in capsys.readouterr().out


def test_a_folder_as_database_leaves_no_lock_beside_it(tmp_path, capsys):
    folder = tmp_path / "d.db"
    folder.mkdir()
    assert main.main(["db", "--db", str(folder), "--lang", "en", "import", "x.json"]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.db"]


def test_import_over_a_changed_working_copy_names_the_snapshot_keeping_it(db_path, files, super_regional, capsys):
    db(db_path, "import", files[0])
    changed = super_regional.copy()
    changed.title.en = "Changed in the meantime"
    exchange_write.write_file(changed, files[0])
    capsys.readouterr()
    assert db(db_path, "import", files[0]) == 0
    out = capsys.readouterr().out
    with open_store(db_path) as store:
        kept = store.snapshots(super_regional.id)
    assert len(kept) == 1 and f"snapshot “{kept[0].name}”" in out
    assert db(db_path, "import", files[0]) == 0  # the same file again replaces nothing: no snapshot named
    assert "snapshot" not in capsys.readouterr().out


def test_export_refuses_a_working_copy_changed_outside_the_app(db_path, files, super_regional, tmp_path, capsys):
    """A row whose body no longer matches its fingerprint (edited with another SQLite tool) is not
    handed out as a copy: exit 2, nothing written, the words say why."""
    import sqlite3

    db(db_path, "import", files[0])
    with sqlite3.connect(db_path) as conn:
        body = conn.execute("SELECT body FROM working_copies").fetchone()[0]
        conn.execute("UPDATE working_copies SET body = ?", (body.replace(super_regional.title.en, "Changed"),))
    out = tmp_path / "copy.json"
    assert db(db_path, "export", super_regional.id[:8], "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert "does not match its fingerprint" in err and "Traceback" not in err
    assert not out.exists()
    assert main.main(["--lang", "ko", "db", "--db", db_path, "export", super_regional.id[:8], "--out", str(out)]) == 2
    assert "지문" in capsys.readouterr().err and not out.exists()
