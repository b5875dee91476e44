"""``main.py merge`` as a user runs it: exit 0 merged, 1 conflicts and nothing written, 2 unreadable or
unrelated inputs and nothing written."""

import json

import pytest

from tests.cli.test_files import run


@pytest.fixture
def three(tmp_path):
    base = tmp_path / "base.json"
    done = run("sample", "--type", "super_regional", "--out", str(base))
    assert done.returncode == 0, done.stderr
    doc = json.loads(base.read_text(encoding="utf-8"))

    def write(name, change):
        d = json.loads(json.dumps(doc))
        change(d)
        path = tmp_path / name
        path.write_text(json.dumps(d, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    return base, write, tmp_path / "merged.json"


def _ours(d):
    d["organisations"][1]["role"] = "commissioned"
    d["plan"]["summary"]["ko"] += "\n경북이 덧붙인 문단."


def _theirs_clean(d):
    d["title"]["en"] = "A new title from Daegu"
    d["organisations"].append({"id": "dg-new", "name": {"ko": "대구신소재(주)", "en": "Daegu New Materials"},
                               "kind": "sme", "region": "KR-27", "role": "participant"})


def _theirs_conflicting(d):
    d["organisations"][1]["role"] = "lead"
    d["title"]["en"] = "A new title from Daegu"


def test_a_clean_merge_writes_the_merged_proposal(three):
    base, write, out = three
    done = run("merge", str(base), str(write("ours.json", _ours)), str(write("theirs.json", _theirs_clean)),
               "--out", str(out))
    assert done.returncode == 0, done.stderr
    merged = json.loads(out.read_text(encoding="utf-8"))
    assert merged["title"]["en"] == "A new title from Daegu"
    assert merged["organisations"][1]["role"] == "commissioned"
    assert merged["organisations"][-1]["id"] == "dg-new"
    assert merged["plan"]["summary"]["ko"].endswith("\n경북이 덧붙인 문단.")
    assert run("validate", str(out)).returncode == 0


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_conflicts_are_listed_with_the_three_values_and_nothing_is_written(three, lang):
    base, write, out = three
    done = run("merge", str(base), str(write("ours.json", _ours)), str(write("theirs.json", _theirs_conflicting)),
               "--out", str(out), lang=lang)
    assert done.returncode == 1
    assert not out.exists()
    assert "organisations[id=knu].role" in done.stdout
    if lang == "en":
        for value in ("Participant", "Commissioned", "Lead organisation"):
            assert value in done.stdout
    assert ("1 conflict;" in done.stderr) if lang == "en" else ("충돌 1건" in done.stderr)
    assert "Traceback" not in done.stderr


def test_conflicts_as_json(three):
    base, write, out = three
    done = run("merge", str(base), str(write("ours.json", _ours)), str(write("theirs.json", _theirs_conflicting)),
               "--out", str(out), "--json")
    assert done.returncode == 1 and not out.exists()
    doc = json.loads(done.stdout)
    assert doc["merged"] is False
    assert doc["conflicts"] == [{"path": "organisations[id=knu].role", "kind": "changed",
                                 "what": "changed on both sides",
                                 "record": "Kyungpook National University R&DB Foundation",
                                 "base": "participant", "ours": "commissioned", "theirs": "lead"}]


@pytest.mark.parametrize(("side", "role"), [("ours", "commissioned"), ("theirs", "lead")])
def test_take_settles_every_conflict(three, side, role):
    base, write, out = three
    done = run("merge", str(base), str(write("ours.json", _ours)), str(write("theirs.json", _theirs_conflicting)),
               "--out", str(out), "--take", side)
    assert done.returncode == 0, done.stderr
    merged = json.loads(out.read_text(encoding="utf-8"))
    assert merged["organisations"][1]["role"] == role
    assert merged["title"]["en"] == "A new title from Daegu"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_an_unreadable_input_exits_2_naming_it(three, tmp_path, lang):
    base, write, out = three
    bad = tmp_path / "theirs.json"
    bad.write_text('{"format": "regional-proposal",', encoding="utf-8")
    done = run("merge", str(base), str(base), str(bad), "--out", str(out), lang=lang)
    assert done.returncode == 2 and not out.exists()
    assert str(bad) in done.stderr and "Traceback" not in done.stderr


def test_copies_of_different_proposals_exit_2(three):
    base, write, out = three
    other = write("other.json", lambda d: d.update(id="00000000-0000-4000-8000-000000000000"))
    done = run("merge", str(base), str(base), str(other), "--out", str(out), "--json")
    assert done.returncode == 2 and not out.exists()
    assert "not versions of the same proposal" in json.loads(done.stdout)["message"]
