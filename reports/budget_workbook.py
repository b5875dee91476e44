"""The budget as an Excel workbook (openpyxl): the lines sheet that the import reads back, the
support-and-share table by organisation and the table by category and year, totals as formulas.

Amounts are numbers of won formatted ``#,##0`` (never text), so Excel sums them. Every figure
but the totals, and the order of the rows, comes from the budget statement (``forms.statement``),
as in the PDF. The archive is rewritten
with fixed timestamps: the same proposal gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
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
_HEAD_FONT = Font(bold=True)
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
    row = last_row + 1
    _text(ws.cell(row=row, column=1), one_line(title))
    ws.cell(row=row, column=1).font = _HEAD_FONT
    ws.cell(row=row, column=1).fill = _TOTAL_FILL
    for col in range(first_col, last_col + 1):
        letter = get_column_letter(col)
        ws.cell(row=row, column=col, value=f"=SUM({letter}{first_row}:{letter}{max(last_row, first_row)})")
    _amounts(ws, row, first_col, last_col, bold=True)


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
    years = statement.summary.years
    _head(ws, [translate(N_("Category"), lang), *(str(y) for y in years), translate(N_("Total"), lang)],
          [24] + [16] * (len(years) + 1))
    rows = statement.by_category.rows
    last_amount = 1 + len(years)
    for row in rows:
        _append(ws, [categories.name(row.codes[0], lang), *row.by_year])
        _amounts(ws, ws.max_row, 2, last_amount)
        _row_total(ws, ws.max_row, 2, last_amount)
    _totals_row(ws, 2, 1 + len(rows), 2, last_amount + 1, translate(N_("Total"), lang))


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
    for ws in wb.worksheets:
        ws.page_setup.orientation = "landscape"
        ws.print_title_rows = "1:1"
        if draft:
            ws.oddHeader.center.text = DRAFT_MARK
    # No clock and no machine in the file: the proposal's own date, the app as its creator.
    when = dt.datetime.combine(proposal.date, dt.time())
    wb.properties.created = wb.properties.modified = when
    wb.properties.creator = wb.properties.lastModifiedBy = f"{app.APP_NAME} {app.VERSION}"
    wb.properties.title = one_line(proposal.title.get(lang))
    # The proposal it belongs to, so that importing it into another proposal is refused.
    wb.custom_doc_props.append(StringProperty(name=PROPOSAL_PROPERTY, value=proposal.id))
    wb.calculation.fullCalcOnLoad = True  # the totals are formulas: Excel computes them on opening
    out = io.BytesIO()
    # openpyxl's save() stamps the modification time with the clock; its writer does not.
    ExcelWriter(wb, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)).save()
    return zipped.normalised(out.getvalue(), first=("[Content_Types].xml",))
