"""The smaller cases a hostile run of the command line found: each exits with a promised code and
a clear message, never "Unexpected error" (70)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import main
from forms.base.errors import InputError
from forms.files import exchange_read, exchange_write
from storage.backup import list_backups
from storage.opening import open_store
from storage.paths import backup_dir

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _doc(p, **changes):
    data = exchange_write.to_dict(p)
    data.update(changes)
    return data


def _write(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


# --- lone surrogates (item 6) --------------------------------------------------------------------


@pytest.mark.parametrize("where", ["title", "org_name", "section", "id"])
def test_a_lone_surrogate_is_refused_at_reading_with_line_and_column(tmp_path, super_regional, where, capsys,
                                                                     db_path):
    data = _doc(super_regional)
    if where == "title":
        data["title"]["en"] = "A title \ud800"
    elif where == "org_name":
        data["organisations"][0]["name"]["ko"] = "\udc00기관"
    elif where == "section":
        data["plan"]["summary"]["en"] = "x" * 10 + "\udbff"
    else:
        data["id"] = "\ud800"
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data, ensure_ascii=True, indent=1), encoding="utf-8")  # \\uXXXX escapes
    with pytest.raises(InputError, match=r"line \d+, column \d+: \\u[dD][89a-fA-F]\w\w is half of a character"):
        exchange_read.read_file(str(path))
    assert main.main(["validate", str(path), "--json"]) == 2
    doc = json.loads(capsys.readouterr().out)
    assert doc["readable"] is False and doc["line"] > 1 and doc["column"] > 1
    assert main.main(["export", str(path), "--out", str(tmp_path / "p.pdf")]) == 2
    assert main.main(["db", "--db", db_path, "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "half of a character" in err and "Unexpected" not in err
    assert not (tmp_path / "p.pdf").exists()


def test_a_surrogate_pair_is_one_character_and_reads(super_regional, tmp_path):
    data = _doc(super_regional)
    data["title"]["en"] = "Smile \U0001F600 and a backslash-u \\ud800 as text"
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    assert exchange_read.read_file(str(path)).title.en == data["title"]["en"]


# --- dates (item 10) -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "2023-W10-4", "20230302", "2023-3-2", "２０２３-03-02"])
def test_a_date_must_be_written_yyyy_mm_dd_in_a_sensible_range(super_regional, value):
    with pytest.raises(InputError, match="^date: must be a date"):
        exchange_read.from_dict(_doc(super_regional, date=value))


def test_a_plain_date_still_reads(super_regional):
    assert exchange_read.from_dict(_doc(super_regional, date="2023-03-02")).date.isoformat() == "2023-03-02"


# --- output that cannot be written (item 10) -----------------------------------------------------


def _run(*args, **kwargs):
    return subprocess.Popen([sys.executable, os.path.join(ROOT, "main.py"), *args], stderr=subprocess.PIPE,
                            text=True, **kwargs)


def test_a_closed_pipe_is_not_an_unexpected_error(tmp_path):
    sample = tmp_path / "s.json"
    assert main.main(["sample", "--type", "leap", "--out", str(sample)]) == 0
    read, write = os.pipe()
    os.close(read)  # `| head -1` that has already gone
    proc = _run("validate", str(sample), "--json", stdout=write)
    os.close(write)
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(60) == 2, err
    assert "Unexpected" not in err and "Traceback" not in err and "Exception ignored" not in err


def test_a_full_standard_output_exits_2_with_a_message(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    sample = tmp_path / "s.json"
    assert main.main(["sample", "--type", "leap", "--out", str(sample)]) == 0
    with open("/dev/full", "w") as full:
        proc = _run("validate", str(sample), stdout=full)
        err = proc.stderr.read()
        proc.stderr.close()
        assert proc.wait(60) == 2, err
    assert "The output cannot be written: the disk is full" in err
    assert "Unexpected" not in err and "Exception ignored" not in err


# --- names that are not UTF-8 (item 10) ----------------------------------------------------------


def test_file_and_snapshot_names_that_are_not_utf8(tmp_path, super_regional, db_path, capsys):
    raw_name = os.path.join(os.fsencode(str(tmp_path)), b"caf\xe9-\xff.json")
    exchange_write.write_file(super_regional, os.fsdecode(raw_name))
    name = os.fsdecode(raw_name)  # as Python gives it in sys.argv
    assert main.main(["validate", name]) == 0
    assert main.main(["db", "--db", db_path, "import", name, name]) == 0
    assert main.main(["db", "--db", db_path, "snapshot", super_regional.id, "--name", os.fsdecode(b"v\xff")]) == 2
    assert main.main(["db", "--db", db_path, "diff", super_regional.id, "1", os.fsdecode(b"\xfe")]) == 2
    assert main.main(["export", name, "--out", os.fsdecode(raw_name[:-5] + b".pdf")]) == 0
    err = capsys.readouterr().err
    assert "Unexpected" not in err
    assert "holds bytes that are not text" in err
    assert os.path.exists(raw_name[:-5] + b".pdf")
    with open_store(db_path) as store:
        assert store.list_proposals()[0].version == 2


# --- snapshots named like the working copy; exports over backups (item 10) ------------------------


@pytest.mark.parametrize("name", ["current", "Working"])
def test_a_snapshot_cannot_take_a_name_that_means_the_working_copy(db_path, super_regional, tmp_path, name,
                                                                   capsys):
    sample = str(tmp_path / "p.json")
    exchange_write.write_file(super_regional, sample)
    assert main.main(["db", "--db", db_path, "import", sample]) == 0
    assert main.main(["db", "--db", db_path, "snapshot", super_regional.id, "--name", name]) == 2
    assert "stands for the working copy" in capsys.readouterr().err


def test_db_export_never_writes_into_the_backups(db_path, super_regional, tmp_path, capsys):
    sample = str(tmp_path / "p.json")
    exchange_write.write_file(super_regional, sample)
    with open_store(db_path) as store:
        store.import_file(sample)
        kept = store.backup_now()
    before = open(kept.path, "rb").read()
    for target in (kept.path, os.path.join(backup_dir(db_path), "new.json")):
        assert main.main(["db", "--db", db_path, "export", super_regional.id, "--out", target]) == 2
    assert "backups" in capsys.readouterr().err
    assert open(kept.path, "rb").read() == before
    assert [b.name for b in list_backups(db_path)][-1] == kept.name
    assert not os.path.exists(os.path.join(backup_dir(db_path), "new.json"))
