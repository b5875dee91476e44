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


def _ours_clean(d):
    """Ours renames an organisation (a commissioned one would need its lines moved to whoever
    commissions it: that is not a clean change of its own)."""
    d["organisations"][1]["name"]["en"] = "Kyungpook National University Foundation"
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
    done = run("merge", str(base), str(write("ours.json", _ours_clean)), str(write("theirs.json", _theirs_clean)),
               "--out", str(out))
    assert done.returncode == 0, done.stderr
    merged = json.loads(out.read_text(encoding="utf-8"))
    assert merged["title"]["en"] == "A new title from Daegu"
    assert merged["organisations"][1]["name"]["en"] == "Kyungpook National University Foundation"
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
    assert "organisations[1].role" in done.stdout and "[id=" not in done.stdout  # rows, as validate shows paths
    if lang == "en":
        for value in ("Participant", "Commissioned", "Lead organisation"):
            assert value in done.stdout
    assert ("1 conflict. Nothing was written." in done.stderr) if lang == "en" else ("충돌 1건" in done.stderr)
    assert "Traceback" not in done.stderr


def test_conflicts_as_json(three):
    base, write, out = three
    done = run("merge", str(base), str(write("ours.json", _ours)), str(write("theirs.json", _theirs_conflicting)),
               "--out", str(out), "--json")
    assert done.returncode == 1 and not out.exists()
    doc = json.loads(done.stdout)
    assert doc["merged"] is False
    assert doc["conflicts"] == [{"path": "organisations[id=knu].role", "shown_path": "organisations[1].role",
                                 "kind": "changed",
                                 "what": "changed on both sides",
                                 "record": "Kyungpook National University R&DB Foundation",
                                 "base": "participant", "ours": "commissioned", "theirs": "lead"}]


def _line_of_postech(doc: dict) -> int:
    """A row of the sample's budget other than the first, given to the organisation ``postech``."""
    return next(i for i, b in enumerate(doc["budget"]["lines"]) if i >= 3 and b["org"] == "postech")


def _ours_amount_and_rename(d):
    """Ours puts a new line on top (the rows move down one), renames postech and changes an amount."""
    i = _line_of_postech(d)
    d["budget"]["lines"][i]["amount_krw"] += 1_000_000
    postech = next(o for o in d["organisations"] if o["id"] == "postech")
    postech["name"] = {"ko": "포항공대 산학협력단(새 이름)", "en": "POSTECH Foundation (new name)"}
    d["budget"]["lines"].insert(0, dict(d["budget"]["lines"][-1], id="a-new-line-on-top", amount_krw=1_000))


def _theirs_amount(d):
    d["budget"]["lines"][_line_of_postech(d)]["amount_krw"] += 2_000_000


@pytest.mark.parametrize(("lang", "name"), [("ko", "포항공대 산학협력단(새 이름)"),
                                            ("en", "POSTECH Foundation (new name)")])
def test_a_budget_line_conflict_names_the_organisation_and_the_row_in_ours(three, lang, name):
    base, write, out = three
    row = _line_of_postech(json.loads(base.read_text(encoding="utf-8"))) + 1  # ours' row: one line was put on top
    done = run("merge", str(base), str(write("ours.json", _ours_amount_and_rename)),
               str(write("theirs.json", _theirs_amount)), "--out", str(out), lang=lang)
    assert done.returncode == 1, done.stderr
    head = done.stdout.splitlines()[0].split("\t")
    assert head[0] == f"budget.lines[{row}].amount_krw"
    assert name in head[2]
    assert "[id=" not in done.stdout and "postech" not in done.stdout  # neither a record's id nor the organisation's


def test_the_json_keeps_the_stable_path_and_adds_the_shown_one(three):
    base, write, out = three
    row = _line_of_postech(json.loads(base.read_text(encoding="utf-8"))) + 1
    done = run("merge", str(base), str(write("ours.json", _ours_amount_and_rename)),
               str(write("theirs.json", _theirs_amount)), "--out", str(out), "--json", lang="ko")
    [c] = json.loads(done.stdout)["conflicts"]
    assert c["path"].startswith("budget.lines[id=") and c["path"].endswith("].amount_krw")
    assert c["shown_path"] == f"budget.lines[{row}].amount_krw"
    assert c["record"].startswith("2023, 포항공대 산학협력단(새 이름), ")


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


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "{file} is not a proposal file (a PNG image)."),
    ("ko", "{file}은 제안서 파일이 아닙니다(PNG 이미지)."),
])
def test_a_file_of_another_kind_is_named_as_not_a_proposal_in_one_sentence(three, tmp_path, lang, said):
    base, write, out = three
    png = tmp_path / "scan.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    done = run("merge", str(base), str(base), str(png), "--out", str(out), lang=lang)
    assert done.returncode == 2 and not out.exists()
    assert done.stderr.strip().splitlines() == [said.format(file=png)]


@pytest.mark.parametrize(("content", "kind"), [
    ('{"hello": 1}', 'JSON of another kind, without "format": "regional-proposal"'),
    ("hello, world", "text, but not JSON"),
    ("", "an empty file"),
])
def test_a_json_or_text_that_is_no_proposal_says_so(three, tmp_path, content, kind):
    base, write, out = three
    other = tmp_path / "other.json"
    other.write_text(content, encoding="utf-8")
    done = run("merge", str(base), str(other), str(base), "--out", str(out), "--json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["message"] == f"{other} is not a proposal file ({kind})."


@pytest.mark.parametrize("which", ["base", "ours", "theirs", "link"])
def test_out_naming_one_of_the_copies_is_refused_and_the_copy_kept(three, which):
    """``--out`` over the copy as sent (or ours, or theirs), by any name, would lose it: refused in words."""
    import os

    base, write, _out = three
    ours, theirs = write("ours.json", _ours), write("theirs.json", _theirs_clean)
    if which == "link":  # another name of the base
        os.symlink(base, base.parent / "alias.json")
    target = {"base": base, "ours": ours, "theirs": theirs, "link": base.parent / "alias.json"}[which]
    kept = {p: p.read_bytes() for p in (base, ours, theirs)}
    done = run("merge", str(base), str(ours), str(theirs), "--out", str(target))
    assert done.returncode == 2, done.stdout
    assert "never written over" in done.stderr and "Traceback" not in done.stderr
    assert {p: p.read_bytes() for p in kept} == kept


def test_copies_of_the_first_format_are_matched_by_keys_and_no_line_is_duplicated(three):
    """Budget lines without ids (format 1): the partner's line put on top moves every row, and
    --take ours must still give each line once."""
    base, write, out = three

    def first_format(change):
        def edit(d):
            change(d)
            d["format_version"] = 1
            for record in d["budget"]["lines"] + d.get("roadmap", []):
                record.pop("id", None)
        return edit

    def theirs(d):
        d["budget"]["lines"].insert(0, dict(d["budget"]["lines"][0], year=2030, amount_krw=7_000_000))

    def ours(d):
        d["budget"]["lines"][4]["amount_krw"] += 1_000_000

    old = write("base1.json", first_format(lambda d: None))
    done = run("merge", str(old), str(write("ours.json", first_format(ours))),
               str(write("theirs.json", first_format(theirs))), "--out", str(out), "--take", "ours")
    assert done.returncode == 0, done.stderr
    lines = json.loads(out.read_text(encoding="utf-8"))["budget"]["lines"]
    original = json.loads(base.read_text(encoding="utf-8"))["budget"]["lines"]
    keys = [(b["year"], b["org"], b["category"], b["source"], b.get("region")) for b in lines]
    assert len(lines) == len(original) + 1 and len(set(keys)) == len(keys)
    assert lines[5]["amount_krw"] == original[4]["amount_krw"] + 1_000_000


def _delete_task(d):
    d["tasks"] = [t for t in d["tasks"] if t["id"] != "t-mechanism"]
    d["deliverables"] = [x for x in d["deliverables"] if x["task"] != "t-mechanism"]


def _deliverable_for_the_task(d):
    d["deliverables"].append({"id": "d-new", "task": "t-mechanism", "year": 2024,
                              "name": {"ko": "추가 보고서", "en": "A further report"}})


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_take_settles_a_deleted_task_the_other_side_names_into_a_readable_file(three, side):
    base, write, out = three
    done = run("merge", str(base), str(write("ours.json", _delete_task)),
               str(write("theirs.json", _deliverable_for_the_task)), "--out", str(out), "--take", side)
    assert done.returncode == 0, done.stderr
    merged = json.loads(out.read_text(encoding="utf-8"))
    assert any(t["id"] == "t-mechanism" for t in merged["tasks"]) == (side == "theirs")
    assert run("validate", str(out)).returncode in (0, 1)  # read as a proposal: not exit 2


def _four_stages(who):
    def add(d):
        d["roadmap"].extend({"id": f"{who}-{i}", "stage": 4 + i, "start_year": 2025, "end_year": 2025,
                             "goal": {"ko": f"{who} {i}", "en": f"{who} {i}"}} for i in range(4))
    return add


def test_two_copies_within_the_limits_merging_beyond_them_is_a_conflict_in_words(three):
    base, write, out = three
    ours, theirs = write("ours.json", _four_stages("ours")), write("theirs.json", _four_stages("theirs"))
    done = run("merge", str(base), str(ours), str(theirs), "--out", str(out), lang="en")
    assert done.returncode == 1 and not out.exists()
    head = done.stdout.splitlines()[0].split("\t")
    assert head == ["roadmap", "more entries together than a proposal file holds", "Stages of the roadmap"]
    done = run("merge", str(base), str(ours), str(theirs), "--out", str(out), "--take", "theirs")
    assert done.returncode == 0, done.stderr
    assert [s["id"] for s in json.loads(out.read_text(encoding="utf-8"))["roadmap"]][-4:] == [
        f"theirs-{i}" for i in range(4)]
