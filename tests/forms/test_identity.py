"""A proposal's identity: one id however it is written, and the same id for the same file."""

from __future__ import annotations

import json

import pytest

import main
from forms.base.errors import InputError
from forms.files import exchange_identity, exchange_read, exchange_write
from storage.opening import open_store

CANONICAL = "0b5d3c1e-8f4a-4b2c-9d6e-7a1f2b3c4d5e"
SPELLINGS = [
    CANONICAL,
    CANONICAL.upper(),
    "{" + CANONICAL + "}",
    "urn:uuid:" + CANONICAL,
    CANONICAL.replace("-", ""),
    "URN:UUID:{" + CANONICAL.upper() + "}",
]


def _doc(p, **changes):
    data = exchange_write.to_dict(p)
    data.update(changes)
    return data


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_of_an_id_reads_as_one_canonical_id(super_regional, spelling):
    p = exchange_read.from_dict(_doc(super_regional, id=spelling))
    assert p.id == CANONICAL


@pytest.mark.parametrize("bad", ["{" + CANONICAL, CANONICAL + "}", "urn:" + CANONICAL, CANONICAL[:-1] + "g",
                                 CANONICAL.replace("-", "_"), "", "0b5d"])
def test_what_is_not_a_uuid_is_still_refused(super_regional, bad):
    with pytest.raises(InputError, match="must be a UUID"):
        exchange_read.from_dict(_doc(super_regional, id=bad))


def test_a_file_without_id_is_always_the_same_proposal(super_regional, leap):
    data = _doc(super_regional)
    del data["id"]
    first, second = exchange_read.from_dict(json.loads(json.dumps(data))), exchange_read.from_dict(data)
    assert first.id == second.id
    assert exchange_identity.normal_id(first.id) == first.id
    other = _doc(leap)
    del other["id"]
    assert exchange_read.from_dict(other).id != first.id


def test_five_spellings_import_as_one_proposal(tmp_path, db_path, super_regional, capsys):
    paths = []
    for i, spelling in enumerate(SPELLINGS[:5]):
        path = tmp_path / f"p{i}.json"
        path.write_text(json.dumps(_doc(super_regional, id=spelling), ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    assert main.main(["db", "--db", db_path, "import", *paths]) == 0
    with open_store(db_path) as store:
        assert [info.id for info in store.list_proposals()] == [CANONICAL]
    assert main.main(["db", "--db", db_path, "snapshots", "{" + CANONICAL.upper() + "}"]) == 0
    capsys.readouterr()


def test_a_file_without_id_imports_as_the_same_proposal_twice(tmp_path, db_path, super_regional):
    data = _doc(super_regional)
    del data["id"]
    path = tmp_path / "no-id.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main.main(["db", "--db", db_path, "import", str(path), str(path)]) == 0
    with open_store(db_path) as store:
        infos = store.list_proposals()
    assert len(infos) == 1 and infos[0].version == 2


def test_a_file_without_id_exports_the_same_pdf_twice(tmp_path, super_regional):
    data = _doc(super_regional)
    del data["id"]
    path = tmp_path / "no-id.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    outs = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    for out in outs:
        assert main.main(["export", str(path), "--out", str(out)]) == 0
    assert outs[0].read_bytes() == outs[1].read_bytes()


def test_a_proposal_stored_under_an_old_spelling_of_its_id_still_loads_and_saves(db_path, super_regional):
    import sqlite3

    old = CANONICAL.upper()
    with open_store(db_path) as store:
        super_regional.id = CANONICAL
        store.create(super_regional)
    conn = sqlite3.connect(db_path)  # as an earlier version stored it: the id as the file spelled it
    conn.execute("UPDATE proposals SET uuid = ?", (old,))
    body = conn.execute("SELECT body FROM working_copies").fetchone()[0]
    conn.execute("UPDATE working_copies SET body = ?", (body.replace(CANONICAL, old),))
    conn.commit()
    conn.close()
    with open_store(db_path) as store:
        p, version = store.load(old)
        p.title.en = "Changed"
        assert store.save(p, version) == version + 1
        assert store.load(old)[0].title.en == "Changed"
