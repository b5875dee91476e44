"""README.md says what the app does: its table of the rules is made from the rules themselves
(``tools/rules_table.py``), and every rule code appears in it."""

import os

import pytest

from forms.rules import RULES, Rule, Severity
from tools import rules_table

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def readme() -> str:
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as fp:
        return fp.read()


def test_the_rules_table_is_the_one_made_from_the_rules():
    assert rules_table.in_readme(readme()) == rules_table.table(), (
        "README's rules table differs from the rules: run `.venv/bin/python tools/rules_table.py --write`")


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_code_is_in_the_readme_table(code):
    assert f"`{code}`" in rules_table.in_readme(readme())


def test_each_rule_is_listed_once_with_its_severity():
    table = rules_table.table()
    for code, r in RULES.items():
        assert table.count(f"`{code}`") == 1
        assert (f"`{code}` (warning)" in table) == (r.severity == Severity.WARNING)


def test_a_rule_of_no_known_area_stops_the_table():
    stray = {"gadgets.too_many": Rule("gadgets.too_many", Severity.ERROR, "Too many gadgets.", "form")}
    with pytest.raises(ValueError, match="gadgets.too_many"):
        rules_table.table(stray)


def test_write_puts_the_table_between_the_markers(tmp_path):
    page = tmp_path / "README.md"
    page.write_text(f"# Title\n\n{rules_table.BEGIN}\n| old | table |\n{rules_table.END}\n\nAfter.\n", encoding="utf-8")
    assert rules_table.write(str(page)) is True
    text = page.read_text(encoding="utf-8")
    assert rules_table.in_readme(text) == rules_table.table()
    assert text.startswith("# Title\n\n") and text.endswith(f"{rules_table.END}\n\nAfter.\n")
    assert rules_table.write(str(page)) is False  # already current: not rewritten
