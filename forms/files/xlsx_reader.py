"""One sheet of an Excel workbook (.xlsx), read within fixed bounds: a file from outside.

The workbook is a zip of XML parts. Before anything is unpacked, the file's size, the number of
its parts and the unpacked size of each part that is read are held to limits far above any budget
workbook, so that a small file cannot unpack to gigabytes. The XML is read as a stream
(``pyexpat``), refusing a document type declaration (and so every entity), keeping at most
``MAX_CELL_CHARS`` characters of a cell and the first ``MAX_COLUMNS`` columns, and stopping at the
first row past the caller's limit. Only the parts needed are read: the workbook's list of sheets,
its relationships, the shared texts, the one sheet asked for, the title and custom properties.

A cell that cannot be read (a number that is no number, a shared text that is not there, a text
too long for any budget cell, an error value) is not a reason to refuse the whole file: it is
returned as that cell's problem, so the caller names it as ``Sheet!C7`` with the others.
Everything else wrong with the file is an :class:`InputError` saying what, in words.

Standard library only; no spreadsheet library, so no library's warning or exception escapes.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NoReturn, TypedDict
from xml.parsers import expat

from forms.attached import size_text
from forms.base.errors import InputError, os_reason
from forms.base.i18n import N_

#: A budget workbook is some tens of KB; one saved by Excel with thousands of lines, a few MB.
MAX_FILE_BYTES = 16 * 1024 * 1024
#: An Excel workbook has some tens of parts.
MAX_PARTS = 1000
#: The most a part read may unpack to: the sheet and the shared texts, and every smaller part.
MAX_SHEET_BYTES = 32 * 1024 * 1024
MAX_STRINGS_BYTES = 16 * 1024 * 1024
MAX_PART_BYTES = 2 * 1024 * 1024
#: The most characters kept of one cell; a longer one is that cell's problem.
MAX_CELL_CHARS = 1000
#: Columns past this one are not read (a budget sheet has seven).
MAX_COLUMNS = 64
#: Shared texts past this many are refused with the file.
MAX_STRINGS = 1_000_000
#: Rows and cells (empty ones too) past this many in a sheet are refused: 20,000 rows of seven
#: columns, formatted cells and all, are far fewer.
MAX_CELLS = 500_000

_MAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?")
_INTEGER = re.compile(r"[-+]?\d{1,30}")
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")


def clipped(text: str, most: int = 80) -> str:
    """``text`` as a message echoes it: at most ``most`` characters, then an ellipsis."""
    return text if len(text) <= most else text[:most] + "…"


def column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


class _Refused(Exception):
    """Raised inside the XML parser's handlers to stop it: carries the InputError to raise."""

    def __init__(self, error: InputError) -> None:
        self.error = error


@dataclass
class SheetEntry:
    name: str
    state: str  # "visible", "hidden" or "veryHidden"
    part: str | None  # the sheet's part in the zip, None when the workbook does not say


@dataclass
class Sheet:
    """The cells read of one sheet: row number -> {column number -> value}, where a value is a
    ``str``, ``int``, ``float``, ``bool``, or an :class:`InputError` (why the cell cannot be read);
    the formulas of the cells saved without their value; the merged ranges."""

    name: str
    rows: dict[int, dict[int, object]] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    merged: list[tuple[str, int, int, int, int]] = field(default_factory=list)

    def merged_range(self, row: int, col: int) -> str | None:
        """The merged range (``B2:B4``) that holds the cell at ``row``, ``col`` but does not start
        there (a merged range keeps its value in its first cell only), or None."""
        for ref, r1, c1, r2, c2 in self.merged:
            if r1 <= row <= r2 and c1 <= col <= c2 and (row, col) != (r1, c1):
                return ref
        return None


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


class Workbook:
    """An opened workbook: its sheets (in order, with their visibility), title and custom
    properties. Use as a context manager; :meth:`sheet` reads one sheet."""

    def __init__(self, path: str) -> None:
        self.path = path
        if os.path.isdir(path):
            raise InputError(N_("{file} is a folder, not an Excel workbook. Choose the workbook file (.xlsx) "
                                "itself."), file=path)
        try:
            size = os.path.getsize(path)
            if size > MAX_FILE_BYTES:
                raise InputError(N_("{file} ({size}) is far larger than a budget workbook can be (at most {limit}). "
                                    "It was not read."), file=path, size=size_text(size),
                                 limit=size_text(MAX_FILE_BYTES))
            self.zip = zipfile.ZipFile(path)
        except OSError as exc:
            raise InputError(N_("{file} cannot be read ({reason})."), file=path, reason=os_reason(exc)) from exc
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as exc:
            raise self._not_workbook() from exc
        try:
            self._open()
        except BaseException:
            self.zip.close()
            raise

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()

    def _not_workbook(self) -> InputError:
        return InputError(N_("{file} is not an Excel workbook (.xlsx) that can be read."), file=self.path)

    def _open(self) -> None:
        infos = self.zip.infolist()
        if len(infos) > MAX_PARTS:
            raise InputError(N_("{file} holds {count} parts, far more than an Excel workbook has (at most {limit}). "
                                "It was not read."), file=self.path, count=len(infos), limit=MAX_PARTS)
        self.parts = {i.filename: i for i in infos}
        root = self._relations("_rels/.rels")
        main = next((t for kind, t in root if kind == _MAIN), None)
        if main is None:
            if "xl/workbook.xml" not in self.parts:
                raise self._not_workbook()
            main = "xl/workbook.xml"
        self.sheets: list[SheetEntry] = []
        relations = self._relation_ids(_rels_of(main))
        rels = dict(relations)
        self._strings_part = next((_resolve(main, t) for kind, t in relations if kind.endswith("/sharedStrings")),
                                  None)

        def start(name: str, attrs: dict[str, str]) -> None:
            if _local(name) == "sheet":
                by = {_local(k): v for k, v in attrs.items()}
                target = rels.get(by.get("id", ""))
                self.sheets.append(SheetEntry(clipped(by.get("name", ""), 200), by.get("state", "visible"),
                                              _resolve(main, target) if target else None))

        self._parse(main, MAX_PART_BYTES, start)
        if not self.sheets:
            raise self._not_workbook()
        self.title = self._text_of(_first(root, "/core-properties", "docProps/core.xml"), "title")
        self.properties = self._custom(_first(root, "/custom-properties", "docProps/custom.xml"))

    # --- parts ---------------------------------------------------------------------------------

    def _info(self, part: str, limit: int) -> zipfile.ZipInfo:
        info = self.parts.get(part)
        if info is None:
            raise InputError(N_("{file} lacks its part {part}, which its list of sheets names: the file is damaged."),
                             file=self.path, part=part)
        if info.file_size > limit:
            raise InputError(N_("{file} would unpack its part {part} to {size}, more than a budget workbook holds "
                                "(at most {limit}). It was not read."), file=self.path, part=part,
                             size=size_text(info.file_size), limit=size_text(limit))
        if info.flag_bits & 0x1:
            raise InputError(N_("{file} is encrypted. Save it in Excel without a password and import it again."),
                             file=self.path)
        return info

    def _parse(self, part: str, limit: int, start: Callable[[str, dict[str, str]], None],
               end: Callable[[str], None] | None = None, text: Callable[[str], None] | None = None) -> None:
        """Stream the XML ``part`` through the handlers; refuse a document type declaration."""
        info = self._info(part, limit)
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True

        def refuse(*_args: object) -> NoReturn:
            raise _Refused(InputError(N_("{file} declares a document type in its part {part}, which an Excel "
                                         "workbook never does. It was not read."), file=self.path, part=part))

        parser.StartDoctypeDeclHandler = refuse
        parser.EntityDeclHandler = refuse
        parser.ExternalEntityRefHandler = refuse
        parser.StartElementHandler = start
        if end is not None:
            parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text
        read = 0
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(1 << 16):
                    read += len(chunk)
                    if read > limit:  # the size it says it unpacks to is not the size it does
                        raise _Refused(self._damaged(part))
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
        except _Refused as exc:
            raise exc.error from None
        except expat.ExpatError as exc:
            raise InputError(N_("{file} is damaged: its part {part} is not well-formed XML (line {line}, column "
                                "{column})."), file=self.path, part=part, line=exc.lineno, column=exc.offset + 1) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError,
                RuntimeError) as exc:
            raise self._damaged(part) from exc

    def _damaged(self, part: str) -> InputError:
        return InputError(N_("{file} is damaged: its part {part} cannot be unpacked."), file=self.path, part=part)

    def _relation_ids(self, part: str) -> list[tuple[str, str]]:
        """(id, target) of each relationship in ``part`` (none when it is missing)."""
        out: list[tuple[str, str]] = []
        if part not in self.parts:
            return out

        def start(name: str, attrs: dict[str, str]) -> None:
            if _local(name) == "Relationship" and attrs.get("TargetMode") != "External":
                out.append((attrs.get("Id", ""), attrs.get("Target", "")))
                out.append(("type:" + attrs.get("Type", ""), attrs.get("Target", "")))

        self._parse(part, MAX_PART_BYTES, start)
        return out

    def _relations(self, part: str) -> list[tuple[str, str]]:
        """(type, target resolved in the zip) of each relationship in ``part``."""
        base = _source_of(part)
        return [(rid[5:], _resolve(base, target)) for rid, target in self._relation_ids(part) if rid.startswith("type:")]

    def _text_of(self, part: str | None, element: str) -> str:
        """The text of the first ``element`` of ``part`` ("" when there is none)."""
        if part is None or part not in self.parts:
            return ""
        found: list[str] = []
        inside = [False]

        def start(name: str, _attrs: dict[str, str]) -> None:
            inside[0] = _local(name) == element and not found

        def end(_name: str) -> None:
            if inside[0]:
                found.append("")
            inside[0] = False

        def text(data: str) -> None:
            if inside[0]:
                found.append(data[:MAX_CELL_CHARS])
                inside[0] = False

        self._parse(part, MAX_PART_BYTES, start, end, text)
        return found[0] if found else ""

    def _custom(self, part: str | None) -> dict[str, str]:
        """The custom properties: name -> text."""
        out: dict[str, str] = {}
        if part is None or part not in self.parts:
            return out
        current: list[str | None] = [None]
        parts: list[str] = []

        def start(name: str, attrs: dict[str, str]) -> None:
            if _local(name) == "property":
                current[0] = attrs.get("name", "")
                parts.clear()

        def end(name: str) -> None:
            if _local(name) == "property" and current[0] is not None:
                out.setdefault(current[0], "".join(parts)[:MAX_CELL_CHARS])
                current[0] = None

        def text(data: str) -> None:
            if current[0] is not None and sum(map(len, parts)) <= MAX_CELL_CHARS:
                parts.append(data)

        self._parse(part, MAX_PART_BYTES, start, end, text)
        return out

    def _strings(self) -> list[str | None]:
        """The shared texts; None for one longer than ``MAX_CELL_CHARS``."""
        out: list[str | None] = []
        if self._strings_part is None or self._strings_part not in self.parts:
            return out
        buf: list[str] = []
        state = {"si": False, "t": False, "skip": 0, "n": 0}

        def start(name: str, _attrs: dict[str, str]) -> None:
            local = _local(name)
            if local == "si":
                if len(out) >= MAX_STRINGS:
                    raise _Refused(InputError(N_("{file} holds more than {count} texts, far more than a budget "
                                                 "workbook. It was not read."), file=self.path, count=MAX_STRINGS))
                state.update(si=True, n=0)
                buf.clear()
            elif local in ("rPh", "phoneticPr"):  # the reading aid of East Asian text, not the text
                state["skip"] += 1
            elif local == "t":
                state["t"] = True

        def end(name: str) -> None:
            local = _local(name)
            if local == "si":
                out.append("".join(buf) if state["n"] <= MAX_CELL_CHARS else None)
                state["si"] = False
            elif local in ("rPh", "phoneticPr"):
                state["skip"] -= 1
            elif local == "t":
                state["t"] = False

        def text(data: str) -> None:
            if state["si"] and state["t"] and not state["skip"]:
                state["n"] += len(data)
                if state["n"] <= MAX_CELL_CHARS:
                    buf.append(data)

        self._parse(self._strings_part, MAX_STRINGS_BYTES, start, end, text)
        return out

    # --- one sheet -----------------------------------------------------------------------------

    def sheet(self, entry: SheetEntry, max_rows: int) -> Sheet:
        """The cells of ``entry`` in the first ``MAX_COLUMNS`` columns. Raises :class:`InputError`
        when a row past ``max_rows`` holds a cell."""
        if entry.part is None:
            raise InputError(N_("{file} does not say where its sheet {sheet} is: the file is damaged."),
                             file=self.path, sheet=entry.name)
        strings = self._strings()
        sheet = Sheet(entry.name)
        st: _CellState = {"row": 0, "col": 0, "type": "n", "keep": False, "into": None, "skip": 0, "n": 0, "cells": 0}
        value: list[str] = []
        formula: list[str] = []

        def start(name: str, attrs: dict[str, str]) -> None:
            local = _local(name)
            if local in ("row", "c"):
                st["cells"] += 1
                if st["cells"] > MAX_CELLS:
                    raise _Refused(InputError(N_("The sheet {sheet} has more than {count} cells. It is not a budget."),
                                              sheet=sheet.name, count=MAX_CELLS))
            if local == "row":
                r = attrs.get("r")
                st["row"] = int(r) if r is not None and r.isdigit() and len(r) <= 7 else st["row"] + 1
                st["col"] = 0
            elif local == "c":
                found = _CELL.fullmatch(attrs.get("r", ""))
                st["col"] = column_number(found.group(1)) if found else st["col"] + 1
                st["type"] = attrs.get("t", "n")
                st["keep"] = st["col"] <= MAX_COLUMNS
                st["n"] = 0
                value.clear()
                formula.clear()
            elif local in ("rPh", "phoneticPr"):
                st["skip"] += 1
            elif st["keep"] and local in ("v", "t"):
                st["into"] = value
            elif st["keep"] and local == "f":
                st["into"] = formula
            elif local == "mergeCell":
                _merged(sheet, attrs.get("ref", ""))

        def end(name: str) -> None:
            local = _local(name)
            if local in ("v", "t", "f"):
                st["into"] = None
            elif local in ("rPh", "phoneticPr"):
                st["skip"] -= 1
            elif local == "c" and st["keep"]:
                _cell(sheet, st, "".join(value), "".join(formula), strings, max_rows, self.path)

        def text(data: str) -> None:
            into = st["into"]
            if into is not None and not st["skip"]:
                st["n"] += len(data)
                if st["n"] <= MAX_CELL_CHARS + 1:
                    into.append(data)

        self._parse(entry.part, MAX_SHEET_BYTES, start, end, text)
        return sheet


class _CellState(TypedDict):
    """Where the reader is in a sheet's XML: the cell, its type, the text it collects."""

    row: int
    col: int
    type: str
    keep: bool  # the cell is within MAX_COLUMNS
    into: list[str] | None  # the value or formula whose text is being read
    skip: int  # inside a phonetic run
    n: int  # characters of the cell read so far
    cells: int


def _cell(sheet: Sheet, st: _CellState, raw: str, formula: str, strings: list[str | None], max_rows: int,
          path: str) -> None:
    row, col, kind = st["row"], st["col"], st["type"]
    value: object
    if st["n"] > MAX_CELL_CHARS:
        value = InputError(N_("This cell holds more than {count} characters. No budget cell is that long."),
                           count=MAX_CELL_CHARS)
    elif kind == "s":
        index = int(raw) if raw.strip().isdigit() and len(raw.strip()) <= 9 else -1
        if 0 <= index < len(strings):
            text = strings[index]
            value = text if text is not None else InputError(
                N_("This cell holds more than {count} characters. No budget cell is that long."), count=MAX_CELL_CHARS)
        elif not raw.strip():
            value = None
        else:
            value = InputError(N_("This cell refers to a text the file does not hold: the file is damaged. Type the "
                                  "value again."))
    elif kind in ("inlineStr", "str", "d"):
        value = raw
    elif kind == "b":
        value = {"1": True, "0": False, "true": True, "false": False}.get(raw.strip(), None)
        if value is None and raw.strip():
            value = _bad_value(raw)
    elif kind == "e":
        value = InputError(N_("This cell holds the error {value}. Type the value itself."), value=clipped(raw.strip()))
    else:
        value = _number(raw)
    if value is None or (isinstance(value, str) and not value.strip()):
        if formula.strip():
            sheet.formulas[(row, col)] = "=" + clipped(formula.strip(), 200)
        return
    if row > max_rows:
        raise _Refused(InputError(N_("The sheet {sheet} has more than {count} rows. It is not a budget."),
                                  sheet=sheet.name, count=max_rows))
    sheet.rows.setdefault(row, {})[col] = value


def _number(raw: str) -> object:
    text = raw.strip()
    if not text:
        return None
    if _INTEGER.fullmatch(text):
        return int(text)
    if len(text) <= 40 and _NUMBER.fullmatch(text):
        number = float(text)
        return number if number == number and abs(number) != float("inf") else _bad_value(raw)
    return _bad_value(raw)


def _bad_value(raw: str) -> InputError:
    return InputError(N_("The file holds '{value}' as this cell's value, which cannot be read: the file is damaged. "
                         "Type the value again."), value=clipped(raw.strip(), 40))


def _merged(sheet: Sheet, ref: str) -> None:
    first, _sep, last = ref.partition(":")
    a, b = _CELL.fullmatch(first), _CELL.fullmatch(last or first)
    if a and b and len(sheet.merged) < 10_000:
        r1, r2 = int(a.group(2)), int(b.group(2))
        c1, c2 = column_number(a.group(1)), column_number(b.group(1))
        sheet.merged.append((ref, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _source_of(rels: str) -> str:
    """The part a relationships part belongs to (``xl/_rels/workbook.xml.rels`` -> ``xl/workbook.xml``)."""
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name[:-5] if name.endswith(".rels") else name)


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target[1:])
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _first(relations: list[tuple[str, str]], kind: str, fallback: str) -> str:
    return next((t for k, t in relations if k.endswith(kind)), fallback)
