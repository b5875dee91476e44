"""The budget workbook's tables for people: the same amounts as the PDF (read from the budget
statement), totals that a viewer which does not recalculate still shows, A4 pages one page wide,
and a draft marked on every sheet without troubling the import."""

import io
import re
import zipfile

import openpyxl
import pytest

from forms import categories
from forms.base.i18n import translate
from forms.files.budget_workbook_reader import read_budget
from forms.model import label
from forms.regions import name as region_name
from forms.rules import validate
from forms.sample import SAMPLES
from reports.budget_workbook import LOCAL_SHEET, YEAR_SOURCE_SHEET, workbook_bytes
from reports.content import DRAFT_MARK

KINDS = ("super_regional", "leap")


def _book(kind: str, lang: str, draft: bool = False):
    proposal = SAMPLES[kind]()
    statement = validate(proposal).statement
    return proposal, statement, workbook_bytes(proposal, statement, lang, draft)


def _values(data: bytes):
    """The workbook as a viewer that does not recalculate sees it: each formula's stored value."""
    return openpyxl.load_workbook(io.BytesIO(data), data_only=True)


def _rows(ws) -> list[tuple]:
    return [row for row in ws.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_year_source_and_local_sheets_state_the_statements_amounts(kind, lang):
    proposal, st, data = _book(kind, lang)
    wb = _values(data)
    years = st.summary.years
    ws = wb[translate(YEAR_SOURCE_SHEET, lang)]
    assert [c.value for c in ws[1]] == [translate("Source", lang), *(str(y) for y in years), translate("Total", lang)]
    expected = []
    for source in st.by_year_source:
        expected.append((label(source.key, lang), *source.by_year, source.total))
        expected += [("· " + region_name(p.key, proposal.date, lang), *p.by_year, p.total) for p in source.parts]
    expected.append((translate("Total", lang), *st.year_totals.by_year, st.year_totals.total))
    assert _rows(ws) == expected
    assert st.summary.total == st.year_totals.total  # the grand total is the budget's

    ws = wb[translate(LOCAL_SHEET, lang)]
    assert [c.value for c in ws[1]][0] == translate("Paying region", lang)
    local = st.by_year_source[[s.key for s in st.by_year_source].index("local")]
    assert st.paying_regions and _rows(ws) == [
        *((region_name(r, proposal.date, lang), *st.local_of(r).by_year, st.local_of(r).total)
          for r in st.paying_regions),
        (translate("Total", lang), *local.by_year, local.total)]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_category_sheet_has_the_direct_costs_subtotal(kind, lang):
    _proposal, st, data = _book(kind, lang)
    ws = _values(data)[translate("By category", lang)]
    table = st.by_category
    expected = [(categories.name(r.codes[0], lang), *r.by_year, r.total) for r in table.direct]
    expected.append((translate("Direct costs, subtotal", lang), *table.direct_total.by_year, table.direct_total.total))
    expected += [(categories.name(r.codes[0], lang), *r.by_year, r.total) for r in table.indirect]
    expected.append((translate("Total", lang), *table.total.by_year, table.total.total))
    assert table.indirect and _rows(ws) == expected


@pytest.mark.parametrize("kind", KINDS)
def test_every_total_carries_its_value_and_excel_recalculates_on_opening(kind):
    _proposal, st, data = _book(kind, "ko")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert re.search(r'<calcPr[^>]*fullCalcOnLoad="1"', z.read("xl/workbook.xml").decode())
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        formulas = 0
        for name in sheets:
            xml = z.read(name).decode()
            cells = re.findall(r"<f>[^<]*</f>(<v>[^<]*</v>|<v\s*/>)", xml)
            formulas += len(cells)
            assert all(re.fullmatch(r"<v>\d+</v>", v) for v in cells), (name, cells[:3])
    assert formulas > 20
    wb = _values(data)
    shares = wb[translate("Support and share", "ko")]
    assert shares.cell(shares.max_row, shares.max_column).value == st.summary.total


@pytest.mark.parametrize("draft", [False, True])
def test_every_sheet_prints_on_a4_one_page_wide(draft):
    _proposal, _st, data = _book("leap", "en", draft)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert len(wb.worksheets) == 5
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize == 9, ws.title  # A4, as OOXML numbers paper sizes
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_draft_says_so_on_every_sheet_and_still_imports(lang, tmp_path):
    proposal, _st, data = _book("leap", lang, draft=True)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        marks = [c for c in ws[1] if c.value == DRAFT_MARK]
        assert len(marks) == 1, ws.title
        assert not ws.column_dimensions[marks[0].column_letter].hidden  # seen, not only printed
        assert ws.oddHeader.center.text == DRAFT_MARK
    _p, _s, final = _book("leap", lang)
    assert all(c.value != DRAFT_MARK for ws in openpyxl.load_workbook(io.BytesIO(final)).worksheets for c in ws[1])
    # the import reads the draft's lines sheet as it reads a final one: the same lines come back
    path = tmp_path / "draft.xlsx"
    path.write_bytes(data)
    read = read_budget(str(path), proposal)
    assert [(x.id, x.year, x.org, x.category, x.source, x.region, x.amount_krw) for x in read.lines] == \
        [(x.id, x.year, x.org, x.category, x.source, x.region, x.amount_krw) for x in proposal.budget.lines]
