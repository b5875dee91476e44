"""Malformed and hostile budget workbooks, written by hand with zipfile from the app's own
workbook of a proposal: each case changes some parts of it. Used by the command line's and the
window's tests and by the bench (``bench/bench_storage.py``), which builds the biggest of them at
full size.

``CASES``: name -> (make(parts, big), what the refusal says). ``make`` changes ``parts`` (part
name -> bytes) in place, or returns the bytes of the whole file instead of a zip of the parts.
"""

from __future__ import annotations

import io
import re
import zipfile

from forms.profile import load_profile
from forms.statement import state
from reports.budget_workbook import workbook_bytes

SHEET = "xl/worksheets/sheet1.xml"
MB = 1024 * 1024


def parts_of(proposal, lang="en") -> dict[str, bytes]:
    data = workbook_bytes(proposal, state(proposal, load_profile(proposal.call)), lang)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _value(parts, cell: str, text: str, kind: str = "n") -> None:
    """Cell ``cell`` of the lines sheet holds ``text`` as its saved value of type ``kind``."""
    sheet = parts[SHEET].decode()
    sheet, n = re.subn(rf'<c r="{cell}"[^>]*?(/>|>.*?</c>)', f'<c r="{cell}" t="{kind}"><v>{text}</v></c>', sheet, count=1)
    assert n == 1, cell
    parts[SHEET] = sheet.encode()


def _with_strings(parts, strings: bytes) -> None:
    parts["xl/sharedStrings.xml"] = strings
    rels = parts["xl/_rels/workbook.xml.rels"].decode().replace(
        "</Relationships>", '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'sharedStrings" Target="sharedStrings.xml" Id="rId99"/></Relationships>')
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()


def _rows(parts, rows: str) -> None:
    """``rows`` (XML) in place of every data row of the lines sheet."""
    sheet = parts[SHEET].decode()
    head = sheet.index('<row r="2"')
    parts[SHEET] = (sheet[:head] + rows + sheet[sheet.index("</sheetData>"):]).encode()


def _shared_index(parts, big) -> None:
    _with_strings(parts, b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                         b"<si><t>one</t></si></sst>")
    _value(parts, "B2", "99", "s")


def _truncated(parts, big) -> None:
    parts[SHEET] = parts[SHEET][: len(parts[SHEET]) // 2]


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>")


def _doctype_sheet(parts, big) -> None:
    sheet = parts[SHEET].decode()
    parts[SHEET] = (LAUGHS + sheet.replace("<t>Year</t>", "<t>&j;</t>")).encode()


def _doctype_workbook(parts, big) -> None:
    parts["xl/workbook.xml"] = (LAUGHS.replace("worksheet", "workbook") + parts["xl/workbook.xml"].decode()).encode()


def _far_row(parts, big) -> None:
    sheet = parts[SHEET].decode()
    parts[SHEET] = sheet.replace("</sheetData>", '<row r="1048576"><c r="A1048576"><v>2024</v></c>'
                                 '<c r="XFD1048576"><v>1</v></c></row></sheetData>').replace(
        '<dimension ref="A1:G', '<dimension ref="A1:XFD1048576" x="').encode()


def _many_cells(parts, big) -> None:
    """Rows of empty cells across every column: a small file that unpacks to a grid of millions."""
    cells = 16384 if big else 1200
    rows = "".join(f'<row r="{r}">' + "<c/>" * cells + "</row>" for r in range(2, 2 + (1000 if big else 500)))
    _rows(parts, rows)


def _huge_cell(parts, big) -> None:
    size = 512 * MB if big else 40 * MB
    _rows(parts, '<row r="2"><c r="B2" t="inlineStr"><is><t>' + "A" * size + "</t></is></c></row>")


def _long_error_list(parts, big) -> None:
    """Twenty thousand rows, each naming an unknown organisation with a long name: one shared text."""
    _with_strings(parts, b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
                         + b"Nobody " * 140 + b"</t></si></sst>")
    row = '<row r="{r}"><c r="A{r}"><v>2024</v></c><c r="B{r}" t="s"><v>0</v></c><c r="C{r}" t="s"><v>0</v></c>' \
          '<c r="D{r}" t="s"><v>0</v></c><c r="F{r}" t="s"><v>0</v></c></row>'
    _rows(parts, "".join(row.format(r=r) for r in range(2, 20_001)))


def _only_hidden(parts, big) -> None:
    wb = parts["xl/workbook.xml"].decode()
    parts["xl/workbook.xml"] = wb.replace('name="Budget lines" sheetId="1" state="visible"',
                                          'name="Budget lines" sheetId="1" state="veryHidden"', 1).encode()


def _too_many_parts(parts, big) -> None:
    for i in range(1500):
        parts[f"xl/media/empty{i}.bin"] = b""


def _big_strings(parts, big) -> None:
    _with_strings(parts, b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                  + b"<si><t>a</t></si>" * (20 * MB // 17) + b"</sst>")


def _missing_part(parts, big) -> None:
    del parts[SHEET]


def _corrupt(parts, big) -> bytes:
    """The sheet's compressed bytes overwritten in the middle: its check sum no longer holds."""
    data = bytearray(zipped(parts))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle:middle + 64] = bytes(64)
    return bytes(data)


#: name -> (make, what the message says)
CASES = {
    "number-abc": (lambda p, big: _value(p, "F2", "abc"), "Budget lines!F2: The file holds 'abc'"),
    "number-nan": (lambda p, big: _value(p, "F3", "nan"), "Budget lines!F3: The file holds 'nan'"),
    "number-5000-digits": (lambda p, big: _value(p, "F4", "7" * 5000), "Budget lines!F4: This cell holds more than 1000 characters"),
    "year-20x3": (lambda p, big: _value(p, "A2", "20x3"), "Budget lines!A2: The file holds '20x3'"),
    "error-value": (lambda p, big: _value(p, "F5", "#REF!", "e"), "Budget lines!F5: This cell holds the error #REF!"),
    "bad-shared-text-index": (_shared_index, "Budget lines!B2: This cell refers to a text the file does not hold"),
    "truncated-sheet": (_truncated, "is not well-formed XML"),
    "doctype-in-sheet": (_doctype_sheet, "declares a document type in its part xl/worksheets/sheet1.xml"),
    "doctype-in-workbook": (_doctype_workbook, "declares a document type in its part xl/workbook.xml"),
    "row-a-million-down": (_far_row, "has more than 20,000 rows"),
    "millions-of-empty-cells": (_many_cells, "has more than 500,000 cells"),
    "huge-cell": (_huge_cell, "would unpack its part xl/worksheets/sheet1.xml"),
    "long-error-list": (_long_error_list, "… and the rows from row 52 on were not read"),
    "only-a-very-hidden-sheet": (_only_hidden, "has its sheet Budget lines hidden"),
    "too-many-parts": (_too_many_parts, "parts, far more than an Excel workbook has"),
    "shared-texts-too-big": (_big_strings, "would unpack its part xl/sharedStrings.xml"),
    "missing-sheet-part": (_missing_part, "lacks its part xl/worksheets/sheet1.xml"),
    "corrupt-deflate": (_corrupt, "is damaged: its part xl/worksheets/sheet1.xml"),
}


def hostile_bytes(proposal, name: str, big: bool = False) -> bytes:
    """The bytes of the workbook ``name`` of ``CASES``; ``big`` at the size the hostile test used."""
    parts = parts_of(proposal)
    made = CASES[name][0](parts, big)
    return made if isinstance(made, bytes) else zipped(parts)


def hidden_copy_first(proposal) -> bytes:
    """A very hidden copy of the lines sheet, named in Korean and every amount ×10, before the
    visible sheet the app wrote."""
    parts = parts_of(proposal)
    sheet = parts[SHEET].decode()
    parts["xl/worksheets/sheet9.xml"] = re.sub(r'(<c r="F\d+"[^>]*><v>)(\d+)(</v>)',
                                               lambda m: m.group(1) + m.group(2) + "0" + m.group(3), sheet).encode()
    wb = parts["xl/workbook.xml"].decode().replace(
        "<sheets>", '<sheets><sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'name="예산 내역" sheetId="9" state="veryHidden" r:id="rId9"/>')
    parts["xl/workbook.xml"] = wb.encode()
    _add_rel = parts["xl/_rels/workbook.xml.rels"].decode().replace(
        "</Relationships>", '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'worksheet" Target="/xl/worksheets/sheet9.xml" Id="rId9"/></Relationships>')
    parts["xl/_rels/workbook.xml.rels"] = _add_rel.encode()
    return zipped(parts)


def write_huge_cell(proposal, path, size: int = 512 * MB) -> None:
    """The ``huge-cell`` workbook at full size (a 512 MB cell, some 500 KB on disk), written in
    pieces so that making it does not take the memory it is about."""
    parts = parts_of(proposal)
    sheet = parts.pop(SHEET).decode()
    head, tail = sheet[: sheet.index('<row r="2"')], sheet[sheet.index("</sheetData>"):]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
        with z.open(SHEET, "w", force_zip64=True) as out:
            out.write((head + '<row r="2"><c r="B2" t="inlineStr"><is><t>').encode())
            chunk = b"A" * MB
            for _ in range(size // MB):
                out.write(chunk)
            out.write(("</t></is></c></row>" + tail).encode())
