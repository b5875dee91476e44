"""The documentation says what the app does and stays in shape: the table of the rules in
docs/call-profiles.md is made from the rules themselves (``tools/rules_table.py``), README.md stays
a first screen (at most 400 lines), every relative link of README.md, CONTRIBUTING.md and docs/
leads somewhere, and every picture kept under docs/ is one a document shows (at most 30)."""

import os
import re
import unicodedata

import pytest

from forms.rules import RULES, Rule, Severity
from tools import rules_table

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(ROOT, "docs")


def read(path: str) -> str:
    with open(path, encoding="utf-8") as fp:
        return fp.read()


def pages() -> list[str]:
    """README.md, CONTRIBUTING.md and every Markdown page under docs/."""
    found = [os.path.join(ROOT, "README.md"), os.path.join(ROOT, "CONTRIBUTING.md")]
    for folder, _dirs, files in os.walk(DOCS):
        found += [os.path.join(folder, f) for f in sorted(files) if f.endswith(".md")]
    return found


def pictures() -> list[str]:
    return sorted(os.path.join(folder, f) for folder, _dirs, files in os.walk(DOCS) for f in files if f.lower().endswith(".png"))


#: A Markdown link or image, ``[text](target)`` or ``![alt](target "title")``; code spans are removed first.
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def links(text: str) -> list[str]:
    return LINK.findall(CODE.sub("", text))


def relative(target: str) -> bool:
    return not re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I)


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = CODE.sub(lambda m: m.group(0).strip("`"), heading.strip()).lower()
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LNM")
    return kept.replace(" ", "-")


def anchors(text: str) -> set[str]:
    seen: dict[str, int] = {}
    out = set()
    for heading in re.findall(r"^#{1,6} (.+)$", re.sub(r"```.*?```", "", text, flags=re.S), re.M):
        a = anchor(heading)
        n = seen.get(a, 0)
        seen[a] = n + 1
        out.add(a if n == 0 else f"{a}-{n}")
    return out


# -- the rules table -----------------------------------------------------------------------------
def rules_page() -> str:
    return read(rules_table.PAGE)


def test_the_rules_table_is_the_one_made_from_the_rules():
    assert rules_table.in_page(rules_page()) == rules_table.table(), (
        "docs/call-profiles.md's rules table differs from the rules: run `.venv/bin/python tools/rules_table.py --write`")


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_code_is_in_the_rules_table(code):
    assert f"`{code}`" in rules_table.in_page(rules_page())


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
    page = tmp_path / "call-profiles.md"
    page.write_text(f"# Title\n\n{rules_table.BEGIN}\n| old | table |\n{rules_table.END}\n\nAfter.\n", encoding="utf-8")
    assert rules_table.write(str(page)) is True
    text = page.read_text(encoding="utf-8")
    assert rules_table.in_page(text) == rules_table.table()
    assert text.startswith("# Title\n\n") and text.endswith(f"{rules_table.END}\n\nAfter.\n")
    assert rules_table.write(str(page)) is False  # already current: not rewritten


# -- the shape of the documentation --------------------------------------------------------------
def test_the_readme_is_a_first_screen_of_at_most_400_lines():
    lines = read(os.path.join(ROOT, "README.md")).count("\n")
    assert lines <= 400, f"README.md has {lines} lines; move the detail to docs/"


def test_the_readme_keeps_the_quick_start():
    text = read(os.path.join(ROOT, "README.md"))
    quick = text[text.index("## Quick start"):]
    assert "make run" in quick.split("##")[1] and "make test" in quick.split("##")[1]


@pytest.mark.parametrize("page", pages(), ids=lambda p: os.path.relpath(p, ROOT))
def test_every_relative_link_leads_to_a_file_and_its_heading(page):
    broken = []
    for target in links(read(page)):
        if not relative(target):
            continue
        path, _, fragment = target.partition("#")
        where = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
        if not os.path.exists(where):
            broken.append(f"{target}: no such file")
        elif fragment and where.endswith(".md") and fragment not in anchors(read(where)):
            broken.append(f"{target}: no such heading in {os.path.relpath(where, ROOT)}")
    assert not broken, f"{os.path.relpath(page, ROOT)}: " + "; ".join(broken)


def test_every_picture_under_docs_is_shown_by_a_document_and_there_are_at_most_30():
    shown = set()
    for page in pages():
        shown |= {os.path.normpath(os.path.join(os.path.dirname(page), t)) for t in links(read(page)) if relative(t)}
    unused = [os.path.relpath(p, ROOT) for p in pictures() if os.path.normpath(p) not in shown]
    assert not unused, f"pictures no document shows (git rm them, or show them): {unused}"
    assert len(pictures()) <= 30


def test_each_picture_is_one_a_make_target_writes():
    """docs/screenshots holds what ``make screenshots`` writes, docs/packet what ``make packet-pages``
    writes, so every picture can be taken again."""
    from tools import screenshots

    makefile = read(os.path.join(ROOT, "Makefile"))
    packet_pages = re.search(r"^PACKET_PAGES\s*:=\s*(.+)$", makefile, re.M).group(1).split()
    made = {os.path.join(DOCS, "packet", f"sample-{page}.png") for page in packet_pages}
    made |= {os.path.join(screenshots.OUT, f"{lang}-{name}.png")
             for lang in screenshots.SHOWN_LANGS for name in screenshots.SHOWN}
    assert {os.path.normpath(p) for p in pictures()} == {os.path.normpath(p) for p in made}


def test_the_link_check_finds_a_broken_link_and_a_missing_heading(tmp_path):
    """The checks above can fail: a link to a missing file or heading is caught."""
    (tmp_path / "a.md").write_text("# A page\n\n## Its part\n", encoding="utf-8")
    text = "[ok](a.md#its-part) [gone](b.md) [no part](a.md#elsewhere) `[code](x.md)` [web](https://example.org)"
    targets = [t for t in links(text) if relative(t)]
    assert targets == ["a.md#its-part", "b.md", "a.md#elsewhere"]
    assert anchors((tmp_path / "a.md").read_text(encoding="utf-8")) == {"a-page", "its-part"}
    assert anchor("Scanned documents (붙임)") == "scanned-documents-붙임"
    assert anchor("The `db` commands") == "the-db-commands"
