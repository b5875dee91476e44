"""The budget through Excel and back, as an official does it: export the workbook, edit it with
openpyxl as Excel would save it, import it; bad cells are each named by their reference."""

import json
import zipfile

import openpyxl
import pytest

from tests.cli.test_files import run


@pytest.fixture(scope="module")
def leap_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "leap.json"
    assert run("sample", "--type", "leap", "--out", str(path)).returncode == 0
    return path


def _export(src, out, lang="ko", *extra):
    done = run("export", str(src), "--format", "xlsx", "--out", str(out), *extra, lang=lang)
    assert done.returncode == 0, done.stderr
    return out


def _lines(path):
    return json.loads(path.read_text(encoding="utf-8"))["budget"]["lines"]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_workbook_holds_numbers_formulas_and_headers_in_the_language(leap_file, tmp_path, lang):
    wb = openpyxl.load_workbook(_export(leap_file, tmp_path / "b.xlsx", lang))
    lines, shares, cats, *_others = wb.worksheets
    assert [c.value for c in lines[1]] == ({"ko": ["연도", "기관명", "비목", "재원", "부담 지자체", "금액(원)", "예산 행 ID"],
                                             "en": ["Year", "Organisation", "Category", "Source", "Paying region",
                                                    "Amount (won)", "Line id"]}[lang])
    source = _lines(leap_file)
    assert lines.max_row == len(source) + 1
    for row, line in zip(lines.iter_rows(min_row=2), source, strict=True):
        assert row[0].value == line["year"]
        assert type(row[5].value) is int and row[5].value == line["amount_krw"]
        assert row[5].number_format == "#,##0"
        assert row[6].value == line["id"]
    # the ids are hidden, and inside the filter's range, so that sorting in Excel keeps them on their rows
    assert lines.column_dimensions["G"].hidden
    assert lines.auto_filter.ref == f"A1:G{lines.max_row}"
    # the workbook names the proposal it belongs to
    proposal_id = json.loads(leap_file.read_text(encoding="utf-8"))["id"]
    assert [(p.name, p.value) for p in wb.custom_doc_props] == [("Regional Proposal Studio proposal id", proposal_id)]
    # the support-and-share table: figures as numbers, totals as formulas over them (the category
    # table, with its subtotal, is checked against the statement in test_workbook_tables)
    last = shares.max_row
    assert shares.cell(last, 1).value == ("합계" if lang == "ko" else "Total")
    figures = [shares.cell(r, 2).value for r in range(2, last)]
    assert all(type(v) is int for v in figures)
    assert shares.cell(last, 2).value == f"=SUM(B2:B{last - 1})"
    assert shares.cell(2, shares.max_column).value.startswith("=SUM(B2:")
    total = sum(line["amount_krw"] for line in source)
    assert sum(shares.cell(r, c).value for r in range(2, last) for c in range(2, shares.max_column)) == total
    categories = [r for r in range(2, cats.max_row) if type(cats.cell(r, 2).value) is int]
    assert sum(cats.cell(r, c).value for r in categories for c in range(2, cats.max_column)) == total


def test_workbook_is_deterministic(leap_file, tmp_path):
    a = _export(leap_file, tmp_path / "a.xlsx").read_bytes()
    b = _export(leap_file, tmp_path / "b.xlsx").read_bytes()
    assert a == b
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    # no clock inside either: the document's times are the proposal's date
    props = openpyxl.load_workbook(tmp_path / "a.xlsx").properties
    day = json.loads(leap_file.read_text(encoding="utf-8"))["date"]
    assert props.created.date().isoformat() == props.modified.date().isoformat() == day


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_round_trip_gives_exactly_the_changes_made(leap_file, tmp_path, lang):
    book = _export(leap_file, tmp_path / "b.xlsx", lang)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["F2"] = 123_456_000  # a number, as Excel keeps it
    ws["F5"] = "3,000천원"  # a text as officials type it
    first = ws.cell(3, 2).value
    ws.append([2025, first, "인건비" if lang == "en" else "Personnel", "국비", None, "1,200"])
    wb.save(book)
    done = run("import-budget", str(leap_file), str(book), "--out", str(tmp_path / "new.json"), lang=lang)
    assert done.returncode == 0, done.stderr
    before, after = _lines(leap_file), _lines(tmp_path / "new.json")
    assert len(after) == len(before) + 1
    expected = [dict(line) for line in before]
    expected[0]["amount_krw"] = 123_456_000
    expected[3]["amount_krw"] = 3_000_000
    assert after[:-1] == expected  # the ids included: a line read back is the same record
    added = dict(after[-1])
    assert added.pop("id") not in {line["id"] for line in before}
    assert added == {"year": 2025, "org": before[1]["org"], "category": "personnel", "source": "national",
                         "amount_krw": 1200}
    # everything but the budget lines is as it was
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (leap_file, tmp_path / "new.json"))
    old["budget"].pop("lines"), new["budget"].pop("lines")
    assert old == new
    assert ("1 line added, 0 removed, 2 amounts changed" in done.stdout) if lang == "en" else "추가 1건, 삭제 0건, 금액 변경 2건" in done.stdout


@pytest.mark.parametrize(("cell", "value", "why"), [
    ("F2", 1500.5, "whole number of won"),
    ("F3", -5, "cannot be negative"),
    ("F4", "a lot", "not an amount"),
    ("B5", "Nobody Inc.", "not an organisation"),
    ("C6", None, "empty"),
    ("D7", "Lottery", "not a source"),
])
def test_a_bad_cell_is_named_and_nothing_is_written(leap_file, tmp_path, cell, value, why):
    book = _export(leap_file, tmp_path / "b.xlsx", "en")
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0][cell] = value
    wb.save(book)
    out = tmp_path / "new.json"
    done = run("import-budget", str(leap_file), str(book), "--out", str(out), lang="en")
    assert done.returncode == 2
    assert f"Budget lines!{cell}: " in done.stderr and why in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_every_bad_cell_is_named_at_once_in_korean(leap_file, tmp_path):
    book = _export(leap_file, tmp_path / "b.xlsx", "ko")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["F2"], ws["B3"] = 0.25, "없는 기관"
    wb.save(book)
    done = run("import-budget", str(leap_file), str(book), "--out", str(tmp_path / "n.json"), lang="ko")
    assert done.returncode == 2
    assert f"{ws.title}!F2: " in done.stderr and f"{ws.title}!B3: " in done.stderr


def test_not_a_workbook_exits_2(leap_file, tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a zip")
    done = run("import-budget", str(leap_file), str(fake), "--out", str(tmp_path / "n.json"), lang="en")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "not an Excel workbook" in done.stderr


def test_export_xlsx_refuses_errors_unless_draft(tmp_path, leap_file):
    data = json.loads(leap_file.read_text(encoding="utf-8"))
    data["budget"]["lines"][0]["amount_krw"] = 10**13  # far over the national cap
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    done = run("export", str(broken), "--format", "xlsx", "--out", str(tmp_path / "x.xlsx"), lang="en")
    assert done.returncode == 1 and not (tmp_path / "x.xlsx").exists()
    # the workbook is named, and each error said in words as Review says it: no rule code, no "packet"
    assert "so the budget workbook cannot be exported" in done.stderr, done.stderr
    assert "National funds total KRW" in done.stderr
    assert "budget.national_over_cap" not in done.stderr and "packet" not in done.stderr
    done = run("export", str(broken), "--format", "hwpx", "--out", str(tmp_path / "x.hwpx"), lang="ko")
    assert done.returncode == 1
    assert "HWPX 사본을 내보낼 수 없습니다" in done.stderr and "국비 합계" in done.stderr, done.stderr
    assert "budget.national_over_cap" not in done.stderr
    done = run("export", str(broken), "--format", "xlsx", "--out", str(tmp_path / "x.xlsx"), "--draft", lang="en")
    assert done.returncode == 0
    assert openpyxl.load_workbook(tmp_path / "x.xlsx").worksheets[0].oddHeader.center.text == "초안 / DRAFT"


def test_what_the_sheet_does_not_show_stays_with_its_line(tmp_path):
    """An itemised justification (산출근거) is not in the workbook: a line that comes back keeps it."""
    from forms.files.exchange_read import read_file
    from forms.files.exchange_write import write_file
    from forms.model import BudgetItem, Text
    from forms.sample import SAMPLES

    p = SAMPLES["leap"]()
    line = p.budget.lines[0]
    line.items = [BudgetItem("i1", Text("연구원", "Researcher"), 1, line.amount_krw, 1)]
    src = tmp_path / "with-items.json"
    write_file(p, str(src))
    book = _export(src, tmp_path / "b.xlsx", "en")
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["F3"] = 1  # another line's amount changes; the first line comes back as it was
    wb.save(book)
    done = run("import-budget", str(src), str(book), "--out", str(tmp_path / "new.json"), lang="en")
    assert done.returncode == 0, done.stderr
    new = read_file(str(tmp_path / "new.json"))
    assert new.budget.lines[0].items == line.items
    assert new.budget.lines[1].amount_krw == 1


def test_a_unit_is_refused_for_the_workbook_which_holds_won(leap_file, tmp_path):
    out = tmp_path / "m.xlsx"
    done = run("export", str(leap_file), "--format", "xlsx", "--out", str(out), "--unit", "million", lang="en")
    assert done.returncode == 2 and not out.exists()
    assert "the unit million does not apply" in done.stderr and "Traceback" not in done.stderr
    assert _export(leap_file, out, "en", "--unit", "won").exists()  # what it holds anyway
    done = run("export", str(leap_file), "--format", "hwpx", "--out", str(tmp_path / "m.hwpx"), "--unit", "million")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("cell", "why"), [
    ("F2", "Type the amount, or open the file in Excel and save it"),
    ("B3", "Type the value itself, or open the file in Excel and save it"),
])
def test_a_formula_saved_without_its_value_is_named_as_such(leap_file, tmp_path, cell, why):
    """A script (or openpyxl) can save a formula without its result: the cell reads as nothing, but
    it is not empty, and saving the file in Excel puts it right."""
    book = _export(leap_file, tmp_path / "b.xlsx", "en")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    formula = "=67500000+0" if cell == "F2" else '="Dae"&"gu"'
    ws[cell] = formula
    ws["C4"] = None  # an empty cell stays an empty cell
    wb.save(book)  # openpyxl stores no calculated value
    done = run("import-budget", str(leap_file), str(book), "--out", str(tmp_path / "n.json"), lang="en")
    assert done.returncode == 2
    said = dict(line.split(": ", 1) for line in done.stderr.splitlines() if line.startswith("Budget lines!"))
    assert f"holds the formula {formula}, but its value was not saved" in said[f"Budget lines!{cell}"], done.stderr
    assert why in said[f"Budget lines!{cell}"]
    assert said["Budget lines!C4"] == "This cell is empty, but it must be filled in."


# --- nothing typed is lost silently --------------------------------------------------------------

@pytest.fixture(scope="module")
def super_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "super.json"
    assert run("sample", "--type", "super_regional", "--out", str(path)).returncode == 0
    return path


def _first_row(ws, test):
    """The first data row of the lines sheet whose values pass ``test``."""
    return next(r for r in range(2, ws.max_row + 1) if test([c.value for c in ws[r]]))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_workbook_without_the_paying_region_column_is_refused(leap_file, tmp_path, lang):
    book = _export(leap_file, tmp_path / "b.xlsx", lang)
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0].delete_cols(5)  # 부담 지자체 / Paying region
    wb.save(book)
    out = tmp_path / "new.json"
    done = run("import-budget", str(leap_file), str(book), "--out", str(out), lang=lang)
    assert done.returncode == 2, done.stdout
    assert "부담 지자체 / Paying region" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_a_line_moved_in_excel_keeps_its_id_and_justification(super_file, tmp_path):
    """A line's year changed, a local line's paying region emptied: the same lines (by the hidden
    id column), with their justification rows, reported as moved; nothing removed or dropped."""
    book = _export(super_file, tmp_path / "b.xlsx", "en")
    before = _lines(super_file)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws["A2"] = 2030
    local = _first_row(ws, lambda v: v[4] and [x for x in before if x["id"] == v[6]][0]["items"])
    ws.cell(local, 5).value = None
    wb.save(book)
    out = tmp_path / "new.json"
    done = run("import-budget", str(super_file), str(book), "--out", str(out), lang="en")
    assert done.returncode == 0, done.stderr
    assert "0 lines added, 0 removed, 0 amounts changed, 2 moved to another year, source or paying region" \
        in done.stdout
    assert "dropped" not in done.stdout
    after = _lines(out)
    assert [x["id"] for x in after] == [x["id"] for x in before]
    assert after[0]["year"] == 2030 and after[0]["items"] == before[0]["items"] and before[0]["items"]
    moved = after[local - 2]
    assert "region" not in moved and moved["items"] == before[local - 2]["items"]


def test_a_copied_row_is_a_new_line_with_a_new_id(super_file, tmp_path):
    book = _export(super_file, tmp_path / "b.xlsx", "en")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    copied = [c.value for c in ws[2]]
    copied[0] = 2031  # the copy, hidden id and all, moved to another year; the original stays
    ws.append(copied)
    wb.save(book)
    out = tmp_path / "new.json"
    done = run("import-budget", str(super_file), str(book), "--out", str(out), lang="en")
    assert done.returncode == 0, done.stderr
    assert "1 line added, 0 removed, 0 amounts changed." in done.stdout
    before, after = _lines(super_file), _lines(out)
    assert after[:-1] == before
    assert after[-1]["year"] == 2031 and after[-1]["id"] not in {x["id"] for x in before}
    assert "items" not in after[-1] or not after[-1]["items"]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_workbook_without_ids_says_how_many_justification_rows_are_dropped(super_file, tmp_path, lang):
    """A workbook written before the id column (or with it deleted): a line whose year changed is
    a removed line and an added one, and the summary counts the justification rows dropped."""
    book = _export(super_file, tmp_path / "b.xlsx", lang)
    before = _lines(super_file)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws.delete_cols(7)
    ws["A2"] = 2030
    wb.save(book)
    out = tmp_path / "new.json"
    done = run("import-budget", str(super_file), str(book), "--out", str(out), lang=lang)
    assert done.returncode == 0, done.stderr
    rows = len(before[0]["items"])
    assert rows > 1
    assert {"en": f"{rows} justification rows of the removed lines were dropped with them.",
            "ko": f"삭제된 예산 행의 산출근거 {rows}행도 함께 삭제되었습니다."}[lang] in done.stdout
    assert not any(x["id"] == before[0]["id"] for x in _lines(out))


def test_nothing_dropped_says_nothing_of_justification(super_file, tmp_path):
    book = _export(super_file, tmp_path / "b.xlsx", "en")
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["F2"] = 1
    wb.save(book)
    done = run("import-budget", str(super_file), str(book), "--out", str(tmp_path / "n.json"), lang="en")
    assert done.returncode == 0 and "justification" not in done.stdout


def _without_proposal_id(book):
    from openpyxl.packaging.custom import CustomPropertyList

    wb = openpyxl.load_workbook(book)
    wb.custom_doc_props = CustomPropertyList()
    wb.worksheets[0].delete_cols(7)
    wb.save(book)
    return book


@pytest.mark.parametrize("old", [False, True], ids=["names-its-proposal", "written-before-ids"])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_workbook_of_another_proposal_is_refused_in_one_sentence(leap_file, super_file, tmp_path, lang, old):
    book = _export(leap_file, tmp_path / "leap.xlsx", lang)
    if old:
        _without_proposal_id(book)
    out = tmp_path / "new.json"
    done = run("import-budget", str(super_file), str(book), "--out", str(out), lang=lang)
    assert done.returncode == 2 and not out.exists()
    ours = json.loads(super_file.read_text(encoding="utf-8"))["title"][lang]
    theirs = json.loads(leap_file.read_text(encoding="utf-8"))["title"][lang]
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert ours in message and theirs in message
    assert {"en": "is the budget of another proposal", "ko": "다른 제안서"}[lang] in message


def test_a_copy_of_the_proposal_takes_the_workbook_of_the_original(super_file, tmp_path):
    """A duplicated proposal has a new id but the same lines: its original's workbook is no stranger."""
    book = _export(super_file, tmp_path / "b.xlsx", "en")
    data = json.loads(super_file.read_text(encoding="utf-8"))
    data["id"] = "0e5b7c2a-1111-4222-8333-944455566677"
    data["title"]["en"] += " (copy)"
    copy = tmp_path / "copy.json"
    copy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    wb = openpyxl.load_workbook(book)
    wb.worksheets[0]["F2"] = 1
    wb.save(book)
    done = run("import-budget", str(copy), str(book), "--out", str(tmp_path / "n.json"), lang="en")
    assert done.returncode == 0, done.stderr
    assert "0 lines added, 0 removed, 1 amount changed" in done.stdout


def test_the_command_line_lists_every_bad_cell_and_the_organisations_once(leap_file, tmp_path):
    book = _export(leap_file, tmp_path / "b.xlsx", "en")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    for r in range(2, 62):
        ws.cell(r, 2).value = "Nobody Inc."
    wb.save(book)
    done = run("import-budget", str(leap_file), str(book), "--out", str(tmp_path / "n.json"), lang="en")
    assert done.returncode == 2
    assert done.stderr.startswith("60 cells of ")
    assert all(f"Budget lines!B{r}: 'Nobody Inc.' is not an organisation of this proposal." in done.stderr
               for r in range(2, 62))
    assert "more." not in done.stderr
    assert done.stderr.count("Use the name or id of one of this proposal's organisations:") == 1
