"""Damaged files get a clear message and a choice; the damaged file is kept aside untouched."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3

import pytest

from storage import health
from storage.backup import latest_backup
from storage.errors import DamagedDatabase, NewerDatabase, NotFound
from storage.opening import open_store, recover, restore_into


def _digest(path: str) -> str:
    with open(path, "rb") as fp:
        return hashlib.sha256(fp.read()).hexdigest()


def _filled(db_path: str, proposal) -> None:
    with open_store(db_path) as store:
        store.create(proposal)
        for i in range(30):  # enough pages that cutting the file short loses some
            p, v = store.load(proposal.id)
            p.plan["summary"].en = f"revision {i} " + "x" * 4000
            store.save(p, v)
            store.snapshot(proposal.id, f"s{i}")


def _truncate(path: str) -> None:
    size = os.path.getsize(path)
    with open(path, "r+b") as fp:
        fp.truncate(size // 2 + 100)


def _garbage(path: str) -> None:
    rnd = random.Random(7)
    with open(path, "r+b") as fp:
        fp.write(bytes(rnd.randrange(256) for _ in range(8192)))


def _garbage_inside(path: str) -> None:
    rnd = random.Random(11)
    with open(path, "r+b") as fp:
        fp.seek(4096)
        fp.write(bytes(rnd.randrange(256) for _ in range(3 * 4096)))


def _text(path: str) -> None:
    with open(path, "w", encoding="utf-8") as fp:
        fp.write("제안서 메모\nThis is a note, not a database.\n" * 20)


def _empty(path: str) -> None:
    open(path, "wb").close()


@pytest.mark.parametrize("damage, reason", [
    (_truncate, "cut short"),
    (_garbage, "does not start like a database"),
    (_garbage_inside, "inconsistent"),
    (_text, "text file"),
    (_empty, "empty"),
])
def test_damaged_files_are_refused_untouched(db_path, leap, damage, reason):
    _filled(db_path, leap)
    _first_backup_of_the_day(db_path)
    damage(db_path)
    before = _digest(db_path)
    with pytest.raises(DamagedDatabase) as caught:
        open_store(db_path)
    assert caught.value.path == os.path.abspath(db_path)
    assert reason in caught.value.text("en")
    assert "restore the latest backup" in caught.value.text("en")
    assert caught.value.text("ko") != caught.value.text("en")
    assert _digest(db_path) == before


def test_an_empty_file_without_backups_is_a_new_database(db_path, leap):
    _empty(db_path)  # what a process killed between creating and first writing the file leaves
    with open_store(db_path) as store:
        assert store.list_proposals() == []
        store.create(leap)
    assert latest_backup(db_path) is None  # nothing was worth a backup at that open


def test_a_foreign_sqlite_file_is_refused(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE notes (t TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(DamagedDatabase) as caught:
        open_store(db_path)
    assert "not a proposal database" in caught.value.text("en")


def _first_backup_of_the_day(db_path: str) -> None:
    with open_store(db_path):  # the second open of the day makes the daily backup
        pass
    assert latest_backup(db_path) is not None


def test_recover_from_the_latest_backup(db_path, leap):
    _filled(db_path, leap)
    _first_backup_of_the_day(db_path)
    _garbage(db_path)
    damaged = _digest(db_path)
    with pytest.raises(DamagedDatabase):
        open_store(db_path)
    with recover(db_path, "backup") as store:
        p, _v = store.load(leap.id)
        assert p.plan["summary"].en.startswith("revision 29 ")
        assert store.check() == []
    aside = [f for f in os.listdir(os.path.dirname(db_path)) if ".damaged-" in f]
    assert len(aside) == 1
    assert _digest(os.path.join(os.path.dirname(db_path), aside[0])) == damaged


def test_recover_with_a_new_database(db_path, leap):
    _filled(db_path, leap)
    _text(db_path)
    damaged = _digest(db_path)
    with recover(db_path, "new") as store:
        assert store.list_proposals() == []
    folder = os.path.dirname(db_path)
    aside = [f for f in os.listdir(folder) if ".damaged-" in f]
    assert len(aside) == 1 and _digest(os.path.join(folder, aside[0])) == damaged
    _text(db_path)  # damaged again the same second: a second name, nothing overwritten
    with recover(db_path, "new"):
        pass
    assert len([f for f in os.listdir(folder) if ".damaged-" in f]) == 2


def test_recover_without_backup_says_so(db_path):
    _text(db_path)
    assert latest_backup(db_path) is None
    with pytest.raises(NotFound):
        recover(db_path, "backup")
    assert os.path.exists(db_path)  # nothing moved when nothing can be restored


def test_restore_into_a_newer_database_moves_it_aside(db_path, leap):
    _filled(db_path, leap)
    _first_backup_of_the_day(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
    conn.commit()
    conn.close()
    with pytest.raises(NewerDatabase):
        open_store(db_path)
    aside = restore_into(db_path, latest_backup(db_path).path)
    assert ".damaged-" in aside and os.path.exists(aside)
    with open_store(db_path) as store:
        assert store.load(leap.id)[0].id == leap.id


def test_header_check_alone(tmp_path):
    path = str(tmp_path / "x.db")
    with open(path, "wb") as fp:
        fp.write(health.MAGIC + b"\x00" * 50)
    with pytest.raises(DamagedDatabase):
        health.check_header(path)


def test_recover_skips_a_damaged_backup(db_path, leap):
    _filled(db_path, leap)
    _first_backup_of_the_day(db_path)
    with open_store(db_path) as store:
        newer = store.backup_now()
    _text(newer.path)  # the newest backup is itself damaged
    _garbage(db_path)
    with recover(db_path, "backup") as store:
        assert store.load(leap.id)[0].id == leap.id
    with open(newer.path, encoding="utf-8") as fp:
        assert fp.read().startswith("제안서 메모")  # left as it was
