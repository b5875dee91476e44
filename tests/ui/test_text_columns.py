"""Every text of a record table that has a Korean and an English side has a column for each, like
the names: the English typed in the window is what the English packet prints, an edit in one
language leaves the other as it is, and each typing is one step of Edit → Undo."""

from __future__ import annotations

import dataclasses

import pytest

from forms.files.exchange import read_file, write_file
from forms.model import (
    BudgetItem,
    Deliverable,
    Equipment,
    Indicator,
    Organisation,
    OtherProject,
    Researcher,
    Task,
    Text,
)
from forms.steps import STEPS, Step
from reports.export import export_packet
from tests.reports.pdfcheck import all_text, page_texts, squash
from tests.ui.helpers import settle, type_into


def _tables(w):  # each record table of the Plan step, with the record it lists
    page = w.plan
    return [(page.indicators, Indicator), (page.tasks, Task), (page.deliverables, Deliverable),
            (page.equipment, Equipment), (page.organisations, Organisation), (page.researchers.people, Researcher),
            (page.researchers.others, OtherProject), (page.justification.rows, BudgetItem)]


def test_every_text_a_table_edits_has_a_korean_and_an_english_column(sample_window):
    p = sample_window.doc.proposal
    for table, record in _tables(sample_window):
        keys = {c.key for c in table.columns_of(p) if c.kind != "label"}
        texts = [f.name for f in dataclasses.fields(record) if f.type in ("Text", Text)]
        edited = [name for name in texts if f"{name}.ko" in keys or f"{name}.en" in keys]
        assert {f"{name}.{lang}" for name in edited for lang in ("ko", "en")} <= keys, (table.title_, edited)


#: (table, field, the English column's title, the row of the sample to type in)
FIELDS = [
    ("indicators", "unit", "Unit", 0),
    ("indicators", "method", "How it is measured", 0),
    ("researchers", "position", "Position", 0),
    ("researchers", "field", "Field", 0),
    ("equipment", "purpose", "Purpose", 0),
    ("equipment", "review_note", "Review note", None),  # None: the first item with a review note
]


def _table(w, name: str):
    w.go(STEPS.index(Step.PLAN))
    w.plan.focus_path(name)
    settle()
    return w.plan.researchers.people if name == "researchers" else getattr(w.plan, name)


def _row(w, name: str, field: str, row: int | None) -> int:
    if row is not None:
        return row
    records = getattr(w.doc.proposal, name)
    return next(i for i, r in enumerate(records) if not getattr(r, field).is_empty())


@pytest.mark.parametrize(("name", "field", "title", "row"), FIELDS, ids=[f"{t}.{f}" for t, f, _x, _r in FIELDS])
def test_english_typed_in_its_own_column_leaves_the_korean_and_is_one_undo_step(
        sample_window, qtbot, name, field, title, row):
    w = sample_window
    table = _table(w, name)
    row = _row(w, name, field, row)
    before = getattr(getattr(w.doc.proposal, name)[row], field)
    assert before.ko and before.en  # the sample has both
    heads = [c.heading() for c in table.columns]
    assert heads.index(f"{title} (English)") == heads.index(f"{title} (Korean)") + 1
    english = table.widget_for(f"{name}[{row}].{field}.en")
    korean = table.widget_for(f"{name}[{row}].{field}.ko")
    assert english is not None and english is not korean
    assert table.table.horizontalHeaderItem(table.table.indexAt(english.pos()).column()).text() == f"{title} (English)"
    assert (korean.text(), english.text()) == (before.ko, before.en)
    steps = w.doc.undo_stack.count()
    type_into(qtbot, english, "Typed in English")
    settle()
    assert getattr(getattr(w.doc.proposal, name)[row], field) == Text(before.ko, "Typed in English")
    assert korean.text() == before.ko
    assert w.doc.undo_stack.count() == steps + 1
    w.doc.undo_stack.undo()
    settle()
    assert getattr(getattr(w.doc.proposal, name)[row], field) == before
    assert english.text() == before.en


def test_the_english_packet_prints_the_english_typed_in_each_table_or_else_the_korean(
        sample_window, qtbot, tmp_path):
    """Typed in the window, written to the file, exported in English (as ``main.py export FILE
    --lang en`` does): each table's English is printed; where the English is emptied, the Korean
    is printed instead, as for a name."""
    w = sample_window
    typed = {("indicators", "unit"): "furlongs", ("indicators", "method"): "Audited",
             ("researchers", "position"): "Tinkerer", ("equipment", "purpose"): "Zeolites"}
    for (name, field), text in typed.items():
        type_into(qtbot, _table(w, name).widget_for(f"{name}[0].{field}.en"), text)
    settle()
    emptied = w.doc.proposal.equipment[1].purpose.ko
    type_into(qtbot, _table(w, "equipment").widget_for("equipment[1].purpose.en"), "")
    settle()
    path = tmp_path / "proposal.json"
    write_file(w.doc.proposal, str(path))
    out = tmp_path / "en.pdf"
    export_packet(read_file(str(path)), str(out), lang="en")
    pdf = out.read_bytes()
    words = set(" ".join(page_texts(pdf)).split())
    for (name, field), text in typed.items():
        assert text in words, (name, field)
    assert squash(emptied) in all_text(pdf)
