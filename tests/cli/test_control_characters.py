"""Text from a file never reaches the terminal as a control sequence: ESC [2K (erase the line),
BEL, CR (back to the line's start, to print over it) and C1's U+009B (a one-character ESC [) in
titles, organisation names and values are shown escaped, in every command's output."""

from __future__ import annotations

import json
import re

import pytest

import main
from forms.base.console import json_text, visible
from forms.files import exchange_write

BAD = "\x1b[2K\x07\r0 errors, 0 warnings.\x9b2K"
#: Any character a terminal acts on, but the lines' own newlines and the columns' tabs.
ACTS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _write(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def hostile(super_regional, tmp_path):
    data = exchange_write.to_dict(super_regional)
    data["title"]["ko"] = "제목" + BAD
    org = data["organisations"][1]
    org["name"]["ko"] = org["name"]["en"] = "기관" + BAD
    org["region"] = ""  # a finding that names the organisation
    return data


def test_visible_escapes_every_control_character_but_newline_and_tab():
    assert visible("a\x1b[2Kb\x07c\rd\x9be\x7f\x00") == "a\\x1b[2Kb\\x07c\\x0dd\\x9be\\x7f\\x00"
    assert visible("줄\n\t칸") == "줄\n\t칸"
    for code in [*range(0x20), *range(0x7f, 0xa0)]:
        if chr(code) not in "\n\t":
            assert not ACTS.search(visible(f"x{chr(code)}y")), hex(code)


def test_validate_shows_names_from_the_file_escaped(hostile, tmp_path, capsys):
    path = _write(tmp_path / "p.json", hostile)
    assert main.main(["validate", path]) == 1
    out = capsys.readouterr()
    assert not ACTS.search(out.out + out.err)
    assert "기관\\x1b[2K\\x07\\x0d0 errors, 0 warnings.\\x9b2K" in out.out
    assert out.out.rstrip().splitlines()[-1].startswith("1 error")


def test_validate_json_is_the_same_json_with_no_control_character(hostile, tmp_path, capsys):
    path = _write(tmp_path / "p.json", hostile)
    assert main.main(["validate", path, "--json"]) == 1
    out = capsys.readouterr().out
    assert not ACTS.search(out.replace("\n", ""))
    doc = json.loads(out)
    assert any("기관" + BAD in f["message"] for f in doc["findings"])
    assert json.loads(json_text({"t": BAD})) == {"t": BAD}


def test_a_value_the_reader_refuses_is_named_escaped(hostile, tmp_path, capsys):
    hostile["type"] = "leap" + BAD
    path = _write(tmp_path / "p.json", hostile)
    assert main.main(["validate", path]) == 2
    assert main.main(["validate", path, "--json"]) == 2
    out = capsys.readouterr()
    assert not ACTS.search((out.out + out.err).replace("\n", ""))
    assert "leap\\x1b[2K" in out.err


@pytest.mark.parametrize("as_json", [False, True])
def test_merge_conflicts_show_both_sides_escaped(super_regional, tmp_path, capsys, as_json):
    base = exchange_write.to_dict(super_regional)
    ours, theirs = json.loads(json.dumps(base)), json.loads(json.dumps(base))
    ours["title"]["en"] = "Ours" + BAD
    theirs["title"]["en"] = "Theirs\x9b31m" + BAD
    files = [_write(tmp_path / f"{n}.json", d) for n, d in (("base", base), ("ours", ours), ("theirs", theirs))]
    args = ["merge", *files, "--out", str(tmp_path / "m.json")] + (["--json"] if as_json else [])
    assert main.main(args) == 1
    out = capsys.readouterr()
    assert not ACTS.search((out.out + out.err).replace("\n", "").replace("\t", ""))
    if as_json:
        conflict = json.loads(out.out)["conflicts"][0]
        assert (conflict["ours"], conflict["theirs"]) == ("Ours" + BAD, "Theirs\x9b31m" + BAD)
    else:
        assert "Ours\\x1b[2K\\x07\\x0d" in out.out and "Theirs\\x9b31m" in out.out


def test_db_list_shows_titles_escaped(hostile, tmp_path, db_path, capsys):
    hostile["organisations"][1]["region"] = hostile["lead_region"]
    path = _write(tmp_path / "p.json", hostile)
    assert main.main(["db", "--db", db_path, "import", path]) == 0
    assert main.main(["db", "--db", db_path, "list"]) == 0
    out = capsys.readouterr().out
    assert not ACTS.search(out.replace("\n", "").replace("\t", ""))
