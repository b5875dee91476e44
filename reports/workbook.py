"""The budget as an Excel workbook (openpyxl): the lines sheet that the import reads back, the
support-and-share table by organisation and the table by category and year, totals as formulas.

Amounts are numbers of won formatted ``#,##0`` (never text), so Excel sums them. Every figure
but the totals comes from ``forms.budget.summarise``, as in the PDF. The archive is rewritten
with fixed timestamps: the same proposal gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from forms import app, categories
from forms.budget import SOURCES, BudgetSummary
from forms.budgetsheet import (
    CATEGORY_SHEET,
    ID_COLUMN,
    LINE_COLUMNS,
    LINES_SHEET,
    PROPOSAL_PROPERTY,
    SHARES_SHEET,
    Names,
)
from forms.i18n import N_, translate
from forms.model import Proposal, label
from forms.printable import one_line
from reports import zipped

AMOUNT_FORMAT = "#,##0"
_HEAD_FONT = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDE3EA")
_TOTAL_FILL = PatternFill("solid", fgColor="EEF1F5")


def _append(ws: Worksheet, values: list) -> None:
    """A row of cells, each text cleaned as every document prints it (``forms.printable``): a
    control character in a name (a line break pasted from Word) would make the sheet's XML invalid."""
    ws.append([one_line(v) if isinstance(v, str) else v for v in values])


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
    ws.cell(row=row, column=1, value=one_line(title)).font = _HEAD_FONT
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


def _shares(ws: Worksheet, proposal: Proposal, summary: BudgetSummary, names: Names, lang: str) -> None:
    head = [translate(N_("Organisation"), lang), *(label(s, lang) for s in SOURCES), translate(N_("Total"), lang)]
    _head(ws, head, [34] + [18] * (len(SOURCES) + 1))
    ids = [o.id for o in proposal.organisations if o.id in summary.by_org]
    ids += sorted(set(summary.by_org) - set(ids))
    last_amount = 1 + len(SOURCES)
    for org_id in ids:
        totals = summary.by_org[org_id]
        _append(ws, [names.org_name(org_id, lang), *(totals.by_source.get(s, 0) for s in SOURCES)])
        _amounts(ws, ws.max_row, 2, last_amount)
        _row_total(ws, ws.max_row, 2, last_amount)
    _totals_row(ws, 2, 1 + len(ids), 2, last_amount + 1, translate(N_("Total"), lang))


def _by_category(ws: Worksheet, summary: BudgetSummary, lang: str) -> None:
    years = summary.years
    _head(ws, [translate(N_("Category"), lang), *(str(y) for y in years), translate(N_("Total"), lang)],
          [24] + [16] * (len(years) + 1))
    codes = {c for c, _y in summary.by_category_year}
    ordered = [c for c in categories.CATEGORIES if c in codes] + sorted(codes - set(categories.CATEGORIES))
    last_amount = 1 + len(years)
    for code in ordered:
        _append(ws, [categories.name(code, lang), *(summary.by_category_year.get((code, y), 0) for y in years)])
        _amounts(ws, ws.max_row, 2, last_amount)
        _row_total(ws, ws.max_row, 2, last_amount)
    _totals_row(ws, 2, 1 + len(ordered), 2, last_amount + 1, translate(N_("Total"), lang))


#: What a draft's printed pages say at the top, as the PDF's pages do.
DRAFT_MARK = "초안 / DRAFT"


def workbook_bytes(proposal: Proposal, summary: BudgetSummary, lang: str, draft: bool = False) -> bytes:
    """The workbook of ``proposal``'s budget, headers in ``lang``, as the bytes of an .xlsx file
    (a draft's sheets print with the draft mark at the top)."""
    names = Names(proposal)
    wb = Workbook()
    lines = wb.active
    lines.title = translate(LINES_SHEET, lang)
    _lines(lines, proposal, names, lang)
    _shares(wb.create_sheet(translate(SHARES_SHEET, lang)), proposal, summary, names, lang)
    _by_category(wb.create_sheet(translate(CATEGORY_SHEET, lang)), summary, lang)
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
