"""The default database place, and the display of differences."""

from __future__ import annotations

import os

from forms.sample import SAMPLES
from storage import paths
from storage.diff import compare, field_label


def test_default_db_path_is_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = paths.default_db_path()
    assert path == str(tmp_path / "data" / "RegionalProposalStudio" / "proposals.db")
    assert os.path.isdir(os.path.dirname(path)) and not os.path.exists(path)
    assert paths.backup_dir(path) == str(tmp_path / "data" / "RegionalProposalStudio" / "backups")


def test_field_labels_in_both_languages():
    assert field_label("plan.summary.en", "en") == "Summary (English)"
    assert field_label("title.ko", "ko") == "과제명 (국문)"
    assert field_label("organisations[dgist].name.ko", "en") == "Organisation dgist: name (Korean)"
    assert field_label("roadmap[2].end_year", "en") == "Roadmap stage 2: end year"


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
    assert paths_changed == ["partner_regions", f"organisations[{b.organisations[0].id}].name.en"]
    assert [(c.year, c.source, c.before + 7_000 == c.after) for c in d.budget] == [(moved.year, "local", True)]
    lines = d.lines("en")
    assert lines[0].endswith("→ (empty)") and "+KRW 7,000" in lines[-1]
    assert compare(a, a.copy()).lines("ko") == ["차이가 없습니다."]
