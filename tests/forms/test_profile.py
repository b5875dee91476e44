import os
import shutil
import tomllib
from fractions import Fraction

import pytest

from forms.base.errors import InputError
from forms.profile import calls_dir, load_profile, load_profile_file, profile_ids

SHIPPED = os.path.join(calls_dir(), "msit-mega-2023.toml")


@pytest.mark.parametrize("call_id", profile_ids())
def test_every_shipped_profile_loads(call_id):
    profile = load_profile(call_id)
    assert profile.id == call_id
    assert profile.years and profile.allowed_categories and profile.eligible
    # Every value carries its source.
    for key in ("years", "national_cap", "local_match", "eligibility", "categories", "roadmap"):
        assert profile.clause(key).source


def test_mega_2023_values():
    p = load_profile("msit-mega-2023")
    assert p.years == (2023, 2024, 2025)
    assert p.national_cap == 5_500_000_000
    assert p.local_min == 20 and p.local_basis == "national"
    assert p.types["super_regional"].min_regions == 2
    assert p.types["leap"].min_regions == p.types["leap"].max_regions == 1
    assert len(p.eligible) == 14 and not {"KR-11", "KR-28", "KR-41"} & set(p.eligible)
    assert p.shares["sme"].gov_max == 75 and p.shares["large"].own_cash_min == 15
    assert p.caps["commissioned"].percent == 40
    assert p.local_source.inferred


def edited(tmp_path, old, new):
    text = open(SHIPPED, encoding="utf-8").read()
    assert old in text
    path = tmp_path / "msit-mega-2023.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("old", "new", "needle"), [
    ("min_percent = 20", 'min_percent = "twenty"', "key 'local_match.min_percent': expected a percentage"),
    ("min_percent = 20", "min_percent = 120", "local_match.min_percent"),
    ("amount_krw = 5_500_000_000", "amount_kwr = 5_500_000_000", "unknown key 'national_cap.amount_kwr'"),
    ('basis = "national"', 'basis = "regional"', "key 'local_match.basis': expected 'national' or 'total'"),
    ('"KR-26", "KR-27"', '"KR-26", "KR-99"', "eligibility.regions"),
    ('"personnel", "student_personnel"', '"personnel", "coffee"', "categories.allowed"),
    ("gov_max_percent = 75", "", "key 'shares.sme.gov_max_percent': expected a percentage"),
    ("announced = 2023-04-11", 'announced = "April"', "key 'announced': expected a date"),
    ("[types.leap]", "[types.solo]", "types.solo"),
    ("id = ", "id = = ", "is not valid TOML"),
    ("max_total_bytes = 141_557_760", "max_total_bytes = 141_557_761",
     "key 'scan_limit.max_total_bytes': expected at most 141,557,760 bytes"),
    ("max_bytes = 10_485_760", "max_bytes = 150_000_000", "key 'scan_limit.max_bytes': expected at most 141,557,760"),
])
def test_bad_profiles_name_file_key_and_expectation(tmp_path, old, new, needle):
    path = edited(tmp_path, old, new)
    with pytest.raises(InputError) as info:
        load_profile_file(path)
    text = info.value.text("en")
    assert "msit-mega-2023.toml" in text and needle in text


def test_a_participation_limit_is_read_at_its_written_decimal_value(tmp_path):
    # 33.3 % is 333/10, as every other percentage of a profile: never the binary float next to it
    profile = load_profile_file(edited(tmp_path, "max_rate_percent = 100", "max_rate_percent = 33.3"))
    assert profile.participation.max_rate == Fraction(333, 10)


def test_a_new_call_is_a_new_file(tmp_path, monkeypatch):
    """Adding a call is adding a profile file: nothing else changes."""
    folder = tmp_path / "calls"
    folder.mkdir()
    shutil.copy(SHIPPED, folder / "msit-mega-2023.toml")
    text = open(SHIPPED, encoding="utf-8").read().replace('id = "msit-mega-2023"', 'id = "msit-mega-2026"')
    text = text.replace("values = [2023, 2024, 2025]", "values = [2026, 2027, 2028]")
    (folder / "msit-mega-2026.toml").write_text(text, encoding="utf-8")
    from forms import profile as module

    monkeypatch.setattr(module, "calls_dir", lambda: str(folder))
    monkeypatch.setattr(module, "_cache", {})
    assert module.profile_ids() == ["msit-mega-2023", "msit-mega-2026"]
    assert module.load_profile("msit-mega-2026").years == (2026, 2027, 2028)
    with pytest.raises(InputError):
        module.load_profile("msit-mega-1999")


def test_shipped_profile_is_plain_toml():
    with open(SHIPPED, "rb") as fp:
        assert tomllib.load(fp)["id"] == "msit-mega-2023"


@pytest.mark.parametrize("call_id", profile_ids())
def test_every_source_note_is_in_korean_too(call_id):
    """Officials read where each value comes from in their language."""
    p = load_profile(call_id)
    sourced = [p.years_source, p.national_cap_source, p.local_source, p.eligible_source, p.categories_source,
               p.roadmap_source, *p.types.values(), *p.shares.values(), *p.caps.values(), *p.policy.values(),
               *p.sections.values()]
    for item in sourced:
        assert item.source_ko and item.source_text("ko") != item.source_text("en"), item.source
        assert not item.note or item.note_ko
    assert p.clause("call").source_text("ko") and p.clause("shares").source_text("ko")
