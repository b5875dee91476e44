"""The record tables' fields are described once (``forms.record_columns``): every table the call's
form can hold has a description, every described field is a field of its record, and the window's
columns, the packet's headings and the names in messages (comparing, merging) all follow it."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from forms import labels, record_columns
from forms.model import RECORD_TABLES, Text
from forms.money import EntryUnit
from forms.record_columns import TABLES, RecordField
from forms.rules import validate
from reports import record_tables, sections
from reports.packet import packet


def test_every_record_table_of_the_form_has_a_description():
    assert set(RECORD_TABLES) <= set(TABLES)
    assert all(key == t.key for key, t in TABLES.items())


@pytest.mark.parametrize("key", sorted(TABLES))
def test_every_described_field_is_a_field_of_its_record(key):
    t = TABLES[key]
    hints = typing.get_type_hints(t.type)
    own = {f.name for f in dataclasses.fields(t.type)}
    paths = [f.path for f in t.fields]
    assert len(paths) == len(set(paths)), "a field described twice"
    for f in t.fields:
        assert f.path in own, f"{t.type.__name__} has no field {f.path}"
        hint = typing.get_origin(hints[f.path]) or hints[f.path]
        if f.per_year:
            assert hint is dict
            assert typing.get_args(hints[f.path])[1] is (Text if f.bilingual else int)
        else:
            assert (hint is Text) == f.bilingual, f"{key}.{f.path}: bilingual is {f.bilingual}"
        # a bilingual field has its Korean and English columns (or its Korean only, shown as a label)
        if f.titles and f.bilingual:
            assert len(f.titles) == 2 or (len(f.titles) == 1 and f.kind == "label")


def test_a_field_has_one_name_in_messages_whichever_table_holds_it():
    names: dict[str, set[str]] = {}
    for t in TABLES.values():
        for f in t.fields:
            if f.name is not None:
                names.setdefault(f.path, set()).add(f.name)
    assert {path: n for path, n in names.items() if len(n) > 1} == {}


def test_the_windows_columns_are_each_fields_columns(super_regional):
    columns = TABLES["indicators"].columns(super_regional)
    keys = [c.key for c in columns]
    assert keys[:3] == ["name.ko", "name.en", "kind"]
    assert ["targets[2023].ko", "targets[2023].en", "targets[2024].ko"] == keys[7:10]
    assert [c.heading() for c in columns[:2]] == ["Indicator (Korean)", "Indicator (English)"]
    assert columns[7].heading() == "2023 (Korean)"
    rates = [c for c in TABLES["researchers"].columns(super_regional) if c.key.startswith("rates")]
    assert [c.heading() for c in rates] == ["2023", "2024", "2025"] and all(c.kind == "int" for c in rates)
    year = TABLES["equipment"].columns(super_regional)[1]
    assert (year.key, year.lo, year.hi) == ("year", 2023, 2025)


def _renamed(monkeypatch, key: str, path: str, **words: object) -> None:
    """The description of ``key`` with the field ``path``'s words replaced."""
    t = TABLES[key]
    fields = tuple(dataclasses.replace(f, **words) if f.path == path else f for f in t.fields)
    monkeypatch.setitem(TABLES, key, dataclasses.replace(t, fields=fields))


def _heads(blocks) -> list[str]:
    table = next(b for b in blocks if hasattr(b, "rows"))
    return [cell.text for cell in table.rows[0] if cell is not None]


def test_the_packet_and_the_messages_follow_the_description(monkeypatch, super_regional):
    p = super_regional
    pk = packet(p, validate(p), "en", False, EntryUnit.THOUSAND)
    assert _heads(record_tables.indicators(pk))[:3] == ["Indicator", "Unit", "Baseline"]
    assert labels.field_label("indicators[1].unit.en", "en") == "Indicator 2: unit (English)"

    _renamed(monkeypatch, "indicators", "unit", name="yardstick", heading="Yardstick", titles=("Y (ko)", "Y (en)"))
    _renamed(monkeypatch, "researchers", "rates", heading="{year} share")
    _renamed(monkeypatch, "budget_items", "months", heading="Moons")
    _renamed(monkeypatch, "roadmap", "goal", heading="Aim", titles=("Aim (ko)", "Aim (en)"))
    monkeypatch.setitem(TABLES, "tasks", dataclasses.replace(TABLES["tasks"], record="Job {n}"))

    # the packet's headings
    assert _heads(record_tables.indicators(pk))[:3] == ["Indicator", "Yardstick", "Baseline"]
    # (the researchers' rates are in the second table, beside their other projects)
    assert _heads(record_tables.researchers(pk)[1:])[4:] == ["2023 share", "2024 share", "2025 share"]
    assert "Moons" in _heads(record_tables.justification(pk))
    assert _heads(sections._roadmap_table(pk))[-1] == "Aim"
    # the window's columns
    assert [c.heading() for c in TABLES["indicators"].columns(p)][3:5] == ["Y (ko)", "Y (en)"]
    assert TABLES["roadmap"].titles()[2:] == ["Aim (ko)", "Aim (en)"]
    # the names in messages: a field's path, and a key inside a record as comparing and merging name it
    assert labels.field_label("indicators[1].unit.en", "en") == "Indicator 2: yardstick (English)"
    assert labels.key_label("unit.ko", "en") == "yardstick (Korean)"
    assert labels.field_word("unit", "en") == "yardstick"
    assert labels.field_label("tasks[0].start", "en") == "Job 1: start month"


def test_a_field_named_by_its_path_stays_so():
    """Fields without a name in messages today are still named by their path (``shared``)."""
    assert labels.field_label("equipment[0].shared", "en") == "Equipment item 1: shared"
    assert record_columns.field_name("shared") is None
    assert isinstance(TABLES["equipment"].field("shared"), RecordField)


@pytest.mark.parametrize("key", sorted(k for k, t in TABLES.items() if t.make is not None and t.where))
def test_the_required_fields_of_a_new_record_are_the_ones_the_rules_find_missing(super_regional, key):
    """What the description calls required is what the rules mark as missing on a new row (the cell
    the window's cursor goes to first, :func:`record_columns.first_missing`)."""
    from forms.fieldpath import FieldPath
    from forms.profile import load_profile

    p, t = super_regional, TABLES[key]
    base = FieldPath.parse(t.where)
    records = base.get(p)
    records.append(t.make(p))
    row = len(records) - 1
    lang = load_profile(p.call).submission_language
    marked = set()
    for finding in validate(p).findings:
        where = finding.shown or finding.path
        if finding.rule.code.endswith("_missing") and where.row(base) == row:
            marked.add(str(where.after(base.child(row))))
    columns = t.columns(p)
    empty = [c.key for c in columns if c.required and c.language in (None, lang)
             and not record_columns.read(records[row], c.field)]
    assert set(empty) == marked
    first = record_columns.first_missing(columns, records[row], p)
    assert (columns[first].key if first is not None else None) == (empty[0] if empty else None)
