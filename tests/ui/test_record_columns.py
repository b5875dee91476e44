"""The Plan step's record tables show the columns their records' description gives
(``forms.record_columns``): the same titles, in the same order, and a changed description is what
the window shows."""

from __future__ import annotations

import dataclasses

from forms.record_columns import TABLES
from ui import plan_tables
from ui.document import Document


def _headers(table) -> list[str]:
    return [table.table.horizontalHeaderItem(i).text() for i in range(table.table.columnCount())]


def test_a_tables_columns_are_its_description(qtbot, super_regional):
    doc = Document()
    doc.load(super_regional, stored=False)
    indicators = plan_tables.indicators(doc)
    qtbot.addWidget(indicators)
    indicators.retranslate()
    assert _headers(indicators) == [c.heading() for c in TABLES["indicators"].columns(super_regional)]
    assert _headers(indicators)[:4] == ["Indicator (Korean)", "Indicator (English)", "Quantitative or qualitative",
                                        "Unit (Korean)"]
    assert indicators.widget_for("indicators[0].unit.en") is not None


def test_a_changed_description_is_what_the_window_shows(qtbot, monkeypatch, super_regional):
    t = TABLES["equipment"]
    fields = tuple(dataclasses.replace(f, titles=("Purpose, ko", "Purpose, en")) if f.path == "purpose" else f
                   for f in t.fields)
    monkeypatch.setitem(TABLES, "equipment", dataclasses.replace(t, fields=fields))
    doc = Document()
    doc.load(super_regional, stored=False)
    equipment = plan_tables.equipment(doc)
    qtbot.addWidget(equipment)
    equipment.retranslate()
    assert _headers(equipment)[4:6] == ["Purpose, ko", "Purpose, en"]
    assert equipment.widget_for("equipment[0].purpose.en").accessibleName() == "Row 1: Purpose, en"
