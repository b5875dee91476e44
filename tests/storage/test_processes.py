"""Two processes on one database: no lost update; the lock allows one window per database."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from storage.errors import Conflict
from storage.lock import InstanceLock
from storage.opening import open_store

HERE = os.path.dirname(os.path.abspath(__file__))


def _writer(db_path, pid, version, title):
    return subprocess.run([sys.executable, os.path.join(HERE, "stale_writer.py"), db_path, pid, str(version), title],
                          capture_output=True, text=True, timeout=60)


def test_second_writer_of_a_stale_version_gets_a_conflict(db_path, super_regional):
    with open_store(db_path) as store:
        store.create(super_regional)
        mine, version = store.load(super_regional.id)  # this process opened version 1
        done = _writer(db_path, super_regional.id, 1, "saved by the other process")
        assert done.returncode == 0 and done.stdout.strip() == "2", done.stderr
        mine.title.en = "saved by this process"
        with pytest.raises(Conflict) as caught:
            store.save(mine, version)
        assert "saved by this process" in caught.value.text("en")
        assert super_regional.title.ko in caught.value.text("ko")
        assert store.load(super_regional.id)[0].title.en == "saved by the other process"
        # and the other way round: the other process now holds a stale version
        store.save(mine, 2)
    stale = _writer(db_path, super_regional.id, 2, "late")
    assert stale.returncode == 3
    assert super_regional.title.ko in stale.stdout and "3" in stale.stdout
    with open_store(db_path) as store:
        assert store.load(super_regional.id)[0].title.en == "saved by this process"


_HOLDER = """
import sys, time
sys.path.insert(0, {root!r})
from storage.lock import InstanceLock
lock = InstanceLock({db!r})
print(lock.acquire(), flush=True)
time.sleep(60)
"""


def test_one_window_per_database(db_path):
    root = os.path.dirname(os.path.dirname(HERE))
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER.format(root=root, db=db_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "True"
        mine = InstanceLock(db_path)
        assert mine.acquire() is False
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert mine.acquire() is True  # released by the OS when the holder died
    assert InstanceLock(db_path).acquire() is False
    mine.release()
    with InstanceLock(db_path) as again:
        assert again.acquire()


def _db_command(db_path, *args):
    root = os.path.dirname(os.path.dirname(HERE))
    return subprocess.run([sys.executable, os.path.join(root, "main.py"), "db", "--db", db_path, *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_a_reading_command_beside_a_window_never_deletes_the_log_the_window_writes_to(db_path, super_regional):
    """The window's process may drop SQLite's locks without knowing it: a file dialog showing the
    database's folder reads the file to choose its icon, and closing it releases every POSIX lock
    the process holds on the file. A command that only reads must not then take itself for the last
    connection, fold the log into the file and delete it under the window: what the window saves
    next would go into the deleted log and be lost."""
    window = InstanceLock(db_path)
    assert window.acquire()
    try:
        with open_store(db_path) as store:
            store.create(super_regional)
            p, version = store.load(super_regional.id)
            open(db_path, "rb").close()  # what Qt's file dialog does; the window's locks are gone
            listed = _db_command(db_path, "list")
            assert listed.returncode == 0, listed.stderr
            assert super_regional.id in listed.stdout
            assert "a window of the app has it open" in listed.stderr
            assert os.path.exists(db_path + "-wal")
            p.title.en = "typed after the command"
            store.save(p, version)
            seen = _db_command(db_path, "list")  # a new process sees what the window saved
            assert "typed after the command" in seen.stdout, seen.stderr
    finally:
        window.release()


def test_without_a_window_a_reading_command_opens_the_database_as_usual(db_path, super_regional):
    with open_store(db_path) as store:
        store.create(super_regional)
    listed = _db_command(db_path, "list")
    assert listed.returncode == 0 and super_regional.id in listed.stdout
    assert "read-only" not in listed.stderr
