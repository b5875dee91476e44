"""Comparing two copies of a proposal, record by record by id."""

from __future__ import annotations

from forms.labels import field_label
from forms.merge.compare import compare
from forms.sample import SAMPLES


def test_field_labels_in_both_languages():
    assert field_label("plan.summary.en", "en") == "Summary (English)"
    assert field_label("title.ko", "ko") == "과제명 (국문)"
    assert field_label("organisations[2].name.ko", "en") == "Organisation 3: name (Korean)"
    assert field_label("roadmap[1].end_year", "en") == "Roadmap stage 2: end year"
    assert field_label("budget.lines[0].category", "en") == "Budget line 1: category"
    assert field_label("budget.entry_unit", "en") == "Entry unit"


def test_compare_matches_organisations_by_id_and_sums_budget_by_year_and_source():
    a = SAMPLES["super_regional"]()
    b = a.copy()
    b.organisations.reverse()  # order alone is no change
    b.organisations[0].name.en = "Renamed"
    moved = next(x for x in b.budget.lines if x.source == "local")
    moved.amount_krw += 7_000
    b.partner_regions = []
    d = compare(a, b)
    paths_changed = [c.path for c in d.fields]
    assert paths_changed == ["partner_regions", f"organisations[id={b.organisations[0].id}].name.en"]
    assert d.fields[1].where == "organisations[0].name.en"
    assert [(c.year, c.source, c.before + 7_000 == c.after) for c in d.budget] == [(moved.year, "local", True)]
    lines = d.lines("en")
    assert lines[0].endswith("→ (empty)") and "+KRW 7,000" in lines[-1]
    assert compare(a, a.copy()).lines("ko") == ["차이가 없습니다."]


def test_compare_goes_record_by_record_by_id():
    a = SAMPLES["super_regional"]()
    for line in a.budget.lines:  # (a removed line's justification rows would be listed too)
        line.items = []
    b = a.copy()
    b.budget.lines.reverse()  # order alone is no change
    b.roadmap.insert(0, b.roadmap.pop())  # the last stage first: still the same three stages
    b.roadmap[1].goal.en = "A new goal"  # the first stage, now in row 2
    b.budget.lines[0].category = "materials"  # the last line of a, first in b
    gone = b.budget.lines.pop(1)
    d = compare(a, b)
    assert [c.path for c in d.fields] == [
        f"roadmap[id={a.roadmap[0].id}].goal.en",
        *[f"budget.lines[id={gone.id}].{k}" for k in ("year", "org", "category", "source", "region")
          if getattr(gone, k) is not None],
        f"budget.lines[id={a.budget.lines[-1].id}].category",
    ]
    shown = d.lines("en")
    assert shown[0].startswith("Roadmap stage 2: goal (English): ")
    assert any(line.startswith("Budget line 1: category: ") and line.endswith("→ materials") for line in shown)
    assert any(line.startswith(f"Budget line {len(a.budget.lines) - 1}: year: ") and line.endswith("→ (none)")
               for line in shown)


def test_a_year_of_a_per_year_mapping_is_named_by_a_path_that_reads_back():
    a = SAMPLES["super_regional"]()
    b = a.copy()
    researcher = b.researchers[1]
    year = min(researcher.rates)
    researcher.rates[year] += 1
    d = compare(a, b)
    assert [(c.path, c.where) for c in d.fields] == [
        (f"researchers[id={researcher.id}].rates[{year}]", f"researchers[1].rates[{year}]")]
    assert d.lines("en")[0].endswith(f"{researcher.rates[year] - 1} → {researcher.rates[year]}")


def test_a_target_changed_in_one_language_is_one_change_named_with_its_language():
    a = SAMPLES["super_regional"]()
    b = a.copy()
    standard = b.indicators[-1]
    standard.targets[2024].en = "First draft of the standard"
    d = compare(a, b)
    row = len(b.indicators) - 1
    assert [(c.path, c.where) for c in d.fields] == [
        (f"indicators[id={standard.id}].targets[2024].en", f"indicators[{row}].targets[2024].en")]
    assert d.lines("en") == [f"Indicator {row + 1}: target, 2024 (English): Draft standard → First draft of the standard"]
    b.indicators[-1].baseline.ko = "초안 없음"
    assert compare(a, b).lines("en")[0] == f"Indicator {row + 1}: baseline (Korean): 없음 → 초안 없음"
