"""Malformed and hostile workbooks given to ``import-budget``: each is refused in words with exit 2
(never "Unexpected error", 70), in bounded time and memory (measured in ``bench/``), with a message
that does not grow with the file; nothing is written."""

from __future__ import annotations

import warnings

import pytest

import main
from forms.files.exchange_read import read_file
from forms.files.exchange_write import write_file
from tests.hostile_workbooks import CASES, hidden_copy_first, hostile_bytes

#: The longest message a refusal may print (the unreadable cells are listed up to a limit).
MOST_SAID = 64 * 1024


@pytest.fixture
def leap_file(tmp_path, leap):
    path = tmp_path / "leap.json"
    write_file(leap, str(path))
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_workbook_is_refused_in_words(leap, leap_file, tmp_path, case, capsys):
    book = tmp_path / "hostile.xlsx"
    book.write_bytes(hostile_bytes(leap, case))
    out = tmp_path / "new.json"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no library warning either
        code = main.main(["import-budget", str(leap_file), str(book), "--out", str(out), "--lang", "en"])
    said = capsys.readouterr()
    assert code == 2, said.err
    assert CASES[case][1] in said.err, said.err
    assert "Unexpected" not in said.err and "Traceback" not in said.err
    assert len(said.err) < MOST_SAID and len(said.out) < MOST_SAID
    assert not out.exists()


def test_a_very_hidden_copy_before_the_sheet_is_not_read(leap, leap_file, tmp_path, capsys):
    """A very hidden sheet named as the lines sheet in the other language, every amount ×10, put
    first: the visible sheet the app wrote is read, and the output says which."""
    book = tmp_path / "hidden.xlsx"
    book.write_bytes(hidden_copy_first(leap))
    out = tmp_path / "new.json"
    assert main.main(["import-budget", str(leap_file), str(book), "--out", str(out), "--lang", "en"]) == 0
    assert "Read the sheet Budget lines of" in capsys.readouterr().out
    assert [x.amount_krw for x in read_file(str(out)).budget.lines] == [x.amount_krw for x in leap.budget.lines]


def test_reading_stops_after_a_number_of_unreadable_cells(leap, leap_file, tmp_path, capsys):
    book = tmp_path / "long.xlsx"
    book.write_bytes(hostile_bytes(leap, "long-error-list"))
    assert main.main(["import-budget", str(leap_file), str(book), "--out", str(tmp_path / "n.json"),
                      "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("200 cells of ")  # four unreadable cells in each of the rows 2 to 51
    listed = [line for line in err.splitlines() if line.startswith("Budget lines!")]
    assert len(listed) == 200 and listed[-1].startswith("Budget lines!F51: ")
    assert "… and the rows from row 52 on were not read: correct these cells first." in err
    assert all(len(line) < 300 for line in listed)  # each echoed value shortened
    assert "Nobody Nobody" in listed[0] and "…" in listed[0]


# --- smaller things said in the app's own words ---------------------------------------------------

def test_a_folder_is_called_a_folder(leap_file, tmp_path, capsys):
    folder = tmp_path / "budget.xlsx"
    folder.mkdir()
    assert main.main(["import-budget", str(leap_file), str(folder), "--out", str(tmp_path / "n.json"),
                      "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "is a folder, not an Excel workbook" in err and "not an Excel workbook (.xlsx) that can be read" not in err


def test_merged_cells_are_said_to_be_merged_not_empty(leap, leap_file, tmp_path, capsys):
    import openpyxl

    from tests.hostile_workbooks import parts_of, zipped

    book = tmp_path / "merged.xlsx"
    book.write_bytes(zipped(parts_of(leap)))
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0].merge_cells("C3:C4")  # Excel keeps the value of the first cell only
    wb.save(book)
    assert main.main(["import-budget", str(leap_file), str(book), "--out", str(tmp_path / "n.json"),
                      "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Budget lines!C4: This cell is part of the merged cells C3:C4" in err, err
    assert "Budget lines!C3" not in err and "empty" not in err


def test_no_library_warning_reaches_the_terminal(leap, leap_file, tmp_path):
    """A workbook whose second sheet has lost its link (the lines sheet is whole): openpyxl warned
    on stderr, with its own file's path; the import reads it without a word of any library."""
    from tests.cli.test_files import run
    from tests.hostile_workbooks import parts_of, zipped

    parts = parts_of(leap)
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'r:id="rId2"', b"")
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"<v>" + str(leap.budget.lines[0].amount_krw).encode() + b"</v>", b"<v>1</v>", 1)
    book = tmp_path / "plain.xlsx"
    book.write_bytes(zipped(parts))
    done = run("import-budget", str(leap_file), str(book), "--out", str(tmp_path / "n.json"), lang="en")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr
    assert "1 amount changed" in done.stdout
