"""``db export ID --out F`` records the version F was taken from; ``db save F`` stores the edited F as
the next version, merging three ways when the stored proposal moved on: exit 0 saved, 1 conflicts
listed and nothing saved, 2 refused. The same on a file and on a server."""

from __future__ import annotations

import json

import pytest

import main
from forms.files import exchange
from storage.opening import open_store


@pytest.fixture(params=["sqlite", "postgresql"])
def where(request, db_path):
    """(the editor's --db, a reader's --db or None on a file)."""
    if request.param == "sqlite":
        return db_path, None
    pg = request.getfixturevalue("pg_ready")
    return pg.url("alice"), pg.url("rita")


def _run(capsys, *argv, lang="en"):
    code = main.main(["--lang", lang, *argv])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def _edit(path, change):
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def exported(where, super_regional, tmp_path, capsys):
    url = where[0]
    with open_store(url) as store:
        store.create(super_regional)
    out = tmp_path / "p.json"
    code, text, _err = _run(capsys, "db", "--db", url, "export", super_regional.id[:8], "--out", str(out))
    assert code == 0 and "(version 1)" in text
    assert json.loads(out.read_text(encoding="utf-8"))["stored_version"]["version"] == 1
    return url, out


def test_an_edited_file_is_saved_as_the_next_version(exported, super_regional, capsys):
    url, out = exported
    _edit(out, lambda d: d["title"].update(en="Edited in the file"))
    code, text, _err = _run(capsys, "db", "--db", url, "save", str(out))
    assert code == 0 and "version 2" in text
    with open_store(url) as store:
        p, version = store.load(super_regional.id)
    assert (p.title.en, version, p.stored_version) == ("Edited in the file", 2, None)


def test_a_proposal_that_moved_on_is_merged_with_the_file(exported, super_regional, capsys):
    url, out = exported
    with open_store(url) as store:
        p, v = store.load(super_regional.id)
        p.title.en = "Changed in the database"
        store.save(p, v)
    amount = super_regional.budget.lines[0].amount_krw
    _edit(out, lambda d: d["budget"]["lines"][0].update(amount_krw=amount + 7_000))
    code, text, _err = _run(capsys, "db", "--db", url, "save", str(out))
    assert code == 0 and "version 3" in text and "version 1" in text
    with open_store(url) as store:
        p, version = store.load(super_regional.id)
    assert version == 3 and p.title.en == "Changed in the database"
    assert p.budget.lines[0].amount_krw == amount + 7_000


def test_conflicts_are_listed_and_nothing_is_saved(exported, super_regional, capsys):
    url, out = exported
    with open_store(url) as store:
        p, v = store.load(super_regional.id)
        p.title.en = "Theirs"
        store.save(p, v)
    _edit(out, lambda d: d["title"].update(en="Mine"))
    code, text, err = _run(capsys, "db", "--db", url, "save", str(out), lang="ko")
    assert code == 1
    assert "title.en" in text and "Theirs" in text and "Mine" in text
    assert "저장하지 않았습니다" in err
    with open_store(url) as store:
        assert [h.version for h in store.history(super_regional.id)] == [2, 1]
        assert store.load(super_regional.id)[0].title.en == "Theirs"


def test_a_file_without_its_version_an_unknown_proposal_and_a_reader_are_refused(exported, where, leap, tmp_path,
                                                                                 capsys):
    url, out = exported
    if where[1] is not None:
        code, _text, err = _run(capsys, "db", "--db", where[1], "save", str(out))
        assert code == 2 and "rps_editor" in err
    plain = tmp_path / "plain.json"
    p = exchange.read_file(str(out))
    p.stored_version = None
    exchange.write_file(p, str(plain))
    code, _text, err = _run(capsys, "db", "--db", url, "save", str(plain))
    assert code == 2 and "db export" in err and "db import" in err
    _edit(out, lambda d: d.update(id=leap.id))
    code, _text, err = _run(capsys, "db", "--db", url, "save", str(out))
    assert code == 2 and leap.id in err
    with open_store(url) as store:
        assert [h.version for h in store.history(p.id)] == [1]
