"""The budget as an Excel workbook (openpyxl): the lines sheet that the import reads back, the
support-and-share table by organisation, the table by category and year (with the direct costs'
subtotal), the table by year and source (each paying region's local funds under the local funds)
and the local funds of each paying region by year; totals as formulas.

Amounts are numbers of won formatted ``#,##0`` (never text), so Excel sums them. Every figure
but the totals, and the order of the rows, comes from the budget statement (``forms.statement``),
as in the PDF. Each total is a formula that carries its value too, so a viewer that does not
recalculate shows it, and the workbook asks Excel to recalculate everything when it is opened.
Every sheet prints on A4, one page wide; a draft says so on each sheet, beside its header row
(never above it: the import reads the lines sheet's first row as its header). The archive is
rewritten with fixed timestamps: the same proposal gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from functools import partial

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from forms import categories
from forms.base import app
from forms.base.i18n import N_, translate
from forms.budget import SOURCES
from forms.files.budgetsheet import (
    CATEGORY_SHEET,
    ID_COLUMN,
    LINE_COLUMNS,
    LINES_SHEET,
    PROPOSAL_PROPERTY,
    SHARES_SHEET,
    Names,
)
from forms.model import Proposal, label
from forms.printable import one_line
from forms.statement import BudgetStatement
from reports import zipped
from reports.content import DRAFT_MARK

AMOUNT_FORMAT = "#,##0"
YEAR_SOURCE_SHEET = N_("By year and source")
LOCAL_SHEET = N_("Local funds by region")
_HEAD_FONT = Font(bold=True)
_DRAFT_FONT = Font(bold=True, color="C0392B")  # the PDF's draft colour
_HEAD_FILL = PatternFill("solid", fgColor="DDE3EA")
_TOTAL_FILL = PatternFill("solid", fgColor="EEF1F5")


#: What makes a spreadsheet read a typed text as a formula (OWASP's "CSV injection"): a leading
#: ``= + - @``, tab or carriage return.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(cell, text: str) -> None:  # noqa: ANN001 - an openpyxl cell
    """``text`` into ``cell`` as a text cell, never a formula: openpyxl makes a formula of every
    text that starts with ``=``. A text that a spreadsheet would take for a formula also carries
    Excel's own mark of a text typed after an apostrophe (``quotePrefix``): the cell shows the
    text exactly, an edit in Excel keeps it a text, and reading it back gives the same text."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def _append(ws: Worksheet, values: list) -> None:
    """A row of cells, each text cleaned as every document prints it (``forms.printable``): a
    control character in a name (a line break pasted from Word) would make the sheet's XML invalid.
    Every text is a text cell (:func:`_text`): only the totals the app writes are formulas."""
    texts = {i: one_line(v) for i, v in enumerate(values) if isinstance(v, str)}
    ws.append([None if i in texts else v for i, v in enumerate(values)])
    row = ws.max_row
    for i, text in texts.items():
        _text(ws.cell(row=row, column=i + 1), text)


def _head(ws: Worksheet, texts: list[str], widths: list[int]) -> None:
    _append(ws, texts)
    for col, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font, cell.fill = _HEAD_FONT, _HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "B2"


def _amounts(ws: Worksheet, row: int, first_col: int, last_col: int, bold: bool = False) -> None:
    for col in range(first_col, last_col + 1):
        cell = ws.cell(row=row, column=col)
        cell.number_format = AMOUNT_FORMAT
        if bold:
            cell.font, cell.fill = _HEAD_FONT, _TOTAL_FILL


def _totals_row(ws: Worksheet, first_row: int, last_row: int, first_col: int, last_col: int, title: str) -> None:
    """A bold last row of ``SUM`` formulas over each amount column."""
    _sum_row(ws, list(range(first_row, last_row + 1)), first_col, last_col, title)


def _sum_row(ws: Worksheet, rows: list[int], first_col: int, last_col: int, title: str) -> int:
    """A bold row after the last one whose every amount column is the ``SUM`` of ``rows`` (its
    runs of consecutive rows as ranges), or 0 when there are none; the row's number."""
    row = ws.max_row + 1
    _text(ws.cell(row=row, column=1), one_line(title))
    ws.cell(row=row, column=1).font = _HEAD_FONT
    ws.cell(row=row, column=1).fill = _TOTAL_FILL
    runs: list[list[int]] = []
    for r in sorted(rows):
        if runs and r == runs[-1][-1] + 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    for col in range(first_col, last_col + 1):
        letter = get_column_letter(col)
        parts = [f"{letter}{run[0]}:{letter}{run[-1]}" if len(run) > 1 else f"{letter}{run[0]}" for run in runs]
        ws.cell(row=row, column=col, value=f"=SUM({','.join(parts)})" if parts else 0)
    _amounts(ws, row, first_col, last_col, bold=True)
    return row


def _row_total(ws: Worksheet, row: int, first_col: int, last_col: int) -> None:
    """The last column of ``row``: the ``SUM`` of its amounts."""
    first, last = get_column_letter(first_col), get_column_letter(last_col)
    cell = ws.cell(row=row, column=last_col + 1, value=f"=SUM({first}{row}:{last}{row})")
    cell.number_format, cell.font = AMOUNT_FORMAT, _HEAD_FONT


def _lines(ws: Worksheet, proposal: Proposal, names: Names, lang: str) -> None:
    """One row per line, and last a hidden column of the lines' ids: a line whose year, source or
    paying region is changed in Excel is still known as the same line when it comes back. The
    filter covers the hidden column too, so sorting in Excel keeps each id on its row."""
    _head(ws, [translate(h, lang) for _k, h in (*LINE_COLUMNS, ID_COLUMN)], [8, 34, 20, 18, 18, 18, 38])
    for line in proposal.budget.lines:
        _append(ws, [line.year, names.org_name(line.org, lang), categories.name(line.category, lang),
                     label(line.source, lang), names.region_name(line.region, lang),
                     None if line.no_amount else line.amount_krw, line.id])  # no amount entered: an empty cell
        ws.cell(row=ws.max_row, column=len(LINE_COLUMNS)).number_format = AMOUNT_FORMAT
    ids = get_column_letter(len(LINE_COLUMNS) + 1)
    ws.column_dimensions[ids].hidden = True
    ws.auto_filter.ref = f"A1:{ids}{max(ws.max_row, 2)}"


def _shares(ws: Worksheet, statement: BudgetStatement, names: Names, lang: str) -> None:
    head = [translate(N_("Organisation"), lang), *(label(s, lang) for s in SOURCES), translate(N_("Total"), lang)]
    _head(ws, head, [34] + [18] * (len(SOURCES) + 1))
    last_amount = 1 + len(SOURCES)
    for org in statement.orgs:
        _append(ws, [names.org_name(org.org_id, lang), *(org.totals.by_source.get(s, 0) for s in SOURCES)])
        _amounts(ws, ws.max_row, 2, last_amount)
        _row_total(ws, ws.max_row, 2, last_amount)
    _totals_row(ws, 2, 1 + len(statement.orgs), 2, last_amount + 1, translate(N_("Total"), lang))


def _by_category(ws: Worksheet, statement: BudgetStatement, lang: str) -> None:
    """The categories by year in the PDF's order: the direct costs, their subtotal, the indirect
    costs, and the total of both (the subtotal counted once)."""
    years = statement.summary.years
    _head(ws, [translate(N_("Category"), lang), *(str(y) for y in years), translate(N_("Total"), lang)],
          [28] + [16] * (len(years) + 1))
    table = statement.by_category
    last_amount = 1 + len(years)

    def category_rows(rows: tuple) -> list[int]:
        numbers = []
        for row in rows:
            _append(ws, [categories.name(row.codes[0], lang), *row.by_year])
            _amounts(ws, ws.max_row, 2, last_amount)
            _row_total(ws, ws.max_row, 2, last_amount)
            numbers.append(ws.max_row)
        return numbers

    direct = category_rows(table.direct)
    subtotal = _sum_row(ws, direct, 2, last_amount + 1, translate(N_("Direct costs, subtotal"), lang))
    indirect = category_rows(table.indirect)
    _sum_row(ws, [subtotal, *indirect], 2, last_amount + 1, translate(N_("Total"), lang))


def _year_rows(ws: Worksheet, rows: list[tuple[str, tuple[int, ...]]], n_years: int) -> list[int]:
    """A row per ``(name, amounts by year)``, its total a formula; the rows' numbers."""
    numbers = []
    for name, by_year in rows:
        _append(ws, [name, *by_year])
        _amounts(ws, ws.max_row, 2, 1 + n_years)
        _row_total(ws, ws.max_row, 2, 1 + n_years)
        numbers.append(ws.max_row)
    return numbers


def _by_year_source(ws: Worksheet, statement: BudgetStatement, names: Names, lang: str) -> None:
    """The PDF's table by year and source: each source, the local funds followed by what each
    paying region pays, and the total of the sources."""
    years = statement.summary.years
    _head(ws, [translate(N_("Source"), lang), *(str(y) for y in years), translate(N_("Total"), lang)],
          [30] + [16] * (len(years) + 1))
    sources: list[int] = []
    for source in statement.by_year_source:
        sources += _year_rows(ws, [(label(source.key, lang), source.by_year)], len(years))
        _year_rows(ws, [("· " + names.region_name(part.key, lang), part.by_year) for part in source.parts], len(years))
    _sum_row(ws, sources, 2, len(years) + 2, translate(N_("Total"), lang))


def _local_by_region(ws: Worksheet, statement: BudgetStatement, names: Names, lang: str) -> None:
    """The local funds of each paying region by year, and their total."""
    years = statement.summary.years
    _head(ws, [translate(N_("Paying region"), lang), *(str(y) for y in years), translate(N_("Total"), lang)],
          [24] + [16] * (len(years) + 1))
    regions = [statement.local_of(code) for code in statement.paying_regions]
    rows = _year_rows(ws, [(names.region_name(r.key, lang), r.by_year) for r in regions], len(years))
    _sum_row(ws, rows, 2, len(years) + 2, translate(N_("Total"), lang))


_REFERENCE = re.compile(r"^\$?[A-Z]{1,3}\$?[0-9]+(?::\$?[A-Z]{1,3}\$?[0-9]+)?$")


def _computed(ws: Worksheet) -> dict[str, int]:
    """The value of every formula of ``ws`` (each a ``SUM`` of cells and ranges of the same
    sheet, the app's only formula), by coordinate: what Excel computes when it opens the file."""
    values: dict[str, int] = {}

    def value(row: int, col: int) -> int:
        cell = ws.cell(row=row, column=col)
        if cell.data_type != "f":
            return cell.value if isinstance(cell.value, int) and not isinstance(cell.value, bool) else 0
        if cell.coordinate not in values:
            formula = str(cell.value)
            if not (formula.startswith("=SUM(") and formula.endswith(")")):  # pragma: no cover - the app writes none
                raise ValueError(f"{ws.title}!{cell.coordinate}: not a SUM: {formula}")
            total = 0
            for ref in formula[5:-1].split(","):
                if not _REFERENCE.match(ref):  # pragma: no cover - the app writes none
                    raise ValueError(f"{ws.title}!{cell.coordinate}: {ref}")
                min_col, min_row, max_col, max_row = range_boundaries(ref)
                total += sum(value(r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1))
            values[cell.coordinate] = total
        return values[cell.coordinate]

    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                value(cell.row, cell.column)
    return values


#: A formula cell as openpyxl writes it, its value empty: ``<c r="F2" s="3"><f>SUM(B2:E2)</f><v></v>``.
_FORMULA_CELL = re.compile(r'(<c r="([A-Z]+[0-9]+)"[^>]*><f>[^<]*</f>)(?:<v\s*/>|<v></v>)')


def _filled(values: dict[str, int], m: re.Match[str]) -> str:
    return f"{m.group(1)}<v>{values[m.group(2)]}</v>"


def _with_values(data: bytes, computed: list[dict[str, int]]) -> bytes:
    """The archive ``data`` with each formula's value written beside it (``<v>``), which
    openpyxl leaves empty: ``computed[i]`` for the sheet ``xl/worksheets/sheet{i + 1}.xml``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            found = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            values = computed[int(found.group(1)) - 1] if found else {}
            if values:
                text, count = _FORMULA_CELL.subn(partial(_filled, values), body.decode("utf-8"))
                if count != len(values):  # pragma: no cover - openpyxl wrote a formula otherwise
                    raise ValueError(f"{info.filename}: {count} of {len(values)} formulas given their value")
                body = text.encode("utf-8")
            dst.writestr(info, body)
    return out.getvalue()


def workbook_bytes(proposal: Proposal, statement: BudgetStatement, lang: str, draft: bool = False) -> bytes:
    """The workbook of ``proposal``'s budget as ``statement`` states it, headers in ``lang``, as
    the bytes of an .xlsx file (a draft's sheets print with the draft mark at the top, as the
    PDF's pages do). openpyxl's warnings (about what other programs may not read) never reach the
    terminal: the app's workbook is its own."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _workbook_bytes(proposal, statement, lang, draft)


def _workbook_bytes(proposal: Proposal, statement: BudgetStatement, lang: str, draft: bool) -> bytes:
    names = Names(proposal)
    wb = Workbook()
    lines = wb.active
    lines.title = translate(LINES_SHEET, lang)
    _lines(lines, proposal, names, lang)
    _shares(wb.create_sheet(translate(SHARES_SHEET, lang)), statement, names, lang)
    _by_category(wb.create_sheet(translate(CATEGORY_SHEET, lang)), statement, lang)
    _by_year_source(wb.create_sheet(translate(YEAR_SOURCE_SHEET, lang)), statement, names, lang)
    _local_by_region(wb.create_sheet(translate(LOCAL_SHEET, lang)), statement, names, lang)
    for ws in wb.worksheets:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        # One page wide, as many pages down as the rows take.
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_title_rows = "1:1"
        if draft:
            _mark_draft(ws)
    # No clock and no machine in the file: the proposal's own date, the app as its creator.
    when = dt.datetime.combine(proposal.date, dt.time())
    wb.properties.created = wb.properties.modified = when
    wb.properties.creator = wb.properties.lastModifiedBy = f"{app.APP_NAME} {app.VERSION}"
    wb.properties.title = one_line(proposal.title.get(lang))
    # The proposal it belongs to, so that importing it into another proposal is refused.
    wb.custom_doc_props.append(StringProperty(name=PROPOSAL_PROPERTY, value=proposal.id))
    wb.calculation.fullCalcOnLoad = True  # the totals are formulas: Excel computes them on opening
    computed = [_computed(ws) for ws in wb.worksheets]
    out = io.BytesIO()
    # openpyxl's save() stamps the modification time with the clock; its writer does not.
    ExcelWriter(wb, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)).save()
    return zipped.normalised(_with_values(out.getvalue(), computed), first=("[Content_Types].xml",))


def _mark_draft(ws: Worksheet) -> None:
    """A draft's sheet says so where it is seen and where it is printed: in red in the header
    row, after its last heading (a row above the header would not be the lines sheet's first row,
    which the import reads as its header, and the import ignores a heading it does not know), on a
    red tab, and at the top of each printed page."""
    cell = ws.cell(row=1, column=ws.max_column + 1)
    _text(cell, DRAFT_MARK)
    cell.font = _DRAFT_FONT
    cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.column_dimensions[cell.column_letter].width = 16
    ws.sheet_properties.tabColor = "C0392B"
    ws.oddHeader.center.text = DRAFT_MARK
