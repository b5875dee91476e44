"""The atomic writer never puts a plain file where a device, a pipe or a link was."""

from __future__ import annotations

import os
import stat
import threading

import pytest

import main
from forms.base.atomic import NotAFile, atomic_write, write_bytes
from forms.files import exchange_read, exchange_write


def _fifo(tmp_path):
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def test_a_fifo_is_refused_and_stays_a_fifo(tmp_path):
    path = _fifo(tmp_path)
    with pytest.raises(NotAFile, match="not an ordinary file"):
        write_bytes(str(path), b"data")
    assert stat.S_ISFIFO(os.lstat(path).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary file left


def test_sample_to_a_fifo_exits_2_and_leaves_the_fifo(tmp_path, capsys):
    path = _fifo(tmp_path)
    assert main.main(["sample", "--type", "leap", "--out", str(path)]) == 2
    assert "not an ordinary file" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(path).st_mode)


def _private_null(tmp_path):
    """A character device like /dev/null, made in the test's own folder (root only): if the
    writer were wrong it would replace this one, never the system's."""
    path = tmp_path / "null"
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    return path


def test_a_character_device_is_refused_and_stays_a_device(tmp_path, super_regional, capsys):
    dev = _private_null(tmp_path)
    with pytest.raises(NotAFile):
        exchange_write.write_file(super_regional, str(dev))
    assert stat.S_ISCHR(os.lstat(dev).st_mode)
    sample = tmp_path / "sample" / "p.json"
    sample.parent.mkdir()
    exchange_write.write_file(super_regional, str(sample))
    assert main.main(["export", "--lang", "en", str(sample), "--out", str(dev)]) == 2
    assert main.main(["db", "--db", str(tmp_path / "sample" / "p.db"), "import", str(sample)]) == 0
    assert main.main(["db", "--db", str(tmp_path / "sample" / "p.db"), "export", super_regional.id,
                      "--out", str(dev)]) == 2
    assert "not an ordinary file" in capsys.readouterr().err
    assert stat.S_ISCHR(os.lstat(dev).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "sample"]


def test_dev_null_itself_is_refused(tmp_path, capsys):
    # Only once the writer is known to refuse a private device is /dev/null named at all.
    dev = _private_null(tmp_path)
    with pytest.raises(NotAFile):
        write_bytes(str(dev), b"x")
    if not stat.S_ISCHR(os.lstat(dev).st_mode):
        pytest.fail("the writer replaced a device; /dev/null is not tried")
    before = os.lstat("/dev/null")
    assert main.main(["sample", "--type", "leap", "--out", "/dev/null"]) == 2
    assert "not an ordinary file" in capsys.readouterr().err
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path, super_regional):
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    real = real_dir / "p.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    exchange_write.write_file(super_regional, str(link))
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert exchange_read.read_file(str(real)) == super_regional
    assert sorted(p.name for p in real_dir.iterdir()) == ["p.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real"]


def test_a_dangling_symlink_creates_the_file_it_names(tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "new.json")
    write_bytes(str(link), b"data")
    assert link.is_symlink() and (tmp_path / "new.json").read_bytes() == b"data"


def test_a_symlink_to_a_fifo_is_refused(tmp_path):
    fifo = _fifo(tmp_path)
    link = tmp_path / "link"
    link.symlink_to(fifo)
    with pytest.raises(NotAFile):
        write_bytes(str(link), b"x")
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_name_of_the_longest_legal_length_can_be_written(tmp_path):
    for name in ("a" * 250 + ".json", "가" * 83 + ".pdf"):  # 255 bytes, ASCII and UTF-8
        assert len(os.fsencode(name)) <= 255
        write_bytes(str(tmp_path / name), b"data")
        assert (tmp_path / name).read_bytes() == b"data"
    with atomic_write(str(tmp_path / ("b" * 255)), "w", encoding="utf-8") as fp:
        fp.write("x")
    assert len(list(tmp_path.iterdir())) == 3


def test_writing_to_a_fifo_never_blocks(tmp_path):
    path = _fifo(tmp_path)
    done = threading.Event()

    def write():
        try:
            write_bytes(str(path), b"x")
        except NotAFile:
            pass
        done.set()

    threading.Thread(target=write, daemon=True).start()
    assert done.wait(10)


def test_validate_on_a_fifo_answers_at_once(tmp_path, capsys):
    path = _fifo(tmp_path)
    result = []
    thread = threading.Thread(target=lambda: result.append(main.main(["validate", str(path)])), daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():  # unblock the reader so the test run can end
        with open(path, "wb"):
            pass
        thread.join(5)
        pytest.fail("validate blocked on a FIFO")
    assert result == [2]
    assert "not an ordinary file" in capsys.readouterr().err


_KILLED_WRITER = """
import sys, time
sys.path.insert(0, sys.argv[2])
from forms.base.atomic import atomic_write
with atomic_write(sys.argv[1]) as fp:
    fp.write(b"half a file")
    fp.flush()
    print("writing", flush=True)
    time.sleep(120)
"""


def _temporaries(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_the_next_write_removes_what_a_killed_writer_left(tmp_path):
    import signal
    import subprocess
    import sys

    target = tmp_path / "proposal.json"
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    writer = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(target), root], stdout=subprocess.PIPE,
                              text=True)
    assert writer.stdout.readline() == "writing\n"
    writer.send_signal(signal.SIGKILL)  # kill -9: no cleanup runs in the writer
    writer.wait()
    writer.stdout.close()
    left = _temporaries(tmp_path)
    assert len(left) == 1 and left[0].startswith(".proposal.json.")  # a fresh file, but its writer is gone
    write_bytes(str(target), b"whole")
    assert _temporaries(tmp_path) == [] and target.read_bytes() == b"whole"


def test_only_our_stale_temporaries_of_the_same_target_are_removed(tmp_path):
    target = tmp_path / "p.json"
    old = tmp_path / ".p.json.ab12cd_9.tmp"  # as an earlier version named them: no writer's process
    fresh = tmp_path / f".p.json.{os.getpid()}.zz99yy88.tmp"  # a writer in this very process, now
    other = tmp_path / ".q.json.ab12cd_9.tmp"  # another file's
    mine_too = tmp_path / ".p.json.notours.tmp"  # not a name we make
    for path in (old, fresh, other, mine_too):
        path.write_bytes(b"x")
    two_minutes_ago = os.path.getmtime(old) - 120
    for path in (old, other, mine_too):
        os.utime(path, (two_minutes_ago, two_minutes_ago))
    write_bytes(str(target), b"data")
    assert _temporaries(tmp_path) == sorted(p.name for p in (fresh, other, mine_too))
